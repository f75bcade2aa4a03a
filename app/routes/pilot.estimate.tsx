import { Alert, Anchor, Button, Code, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot.estimate";
import type { ServerArgs } from "../utils/route-args";
import { DataTable } from "../components/data-table";
import { FormErrorSummary, useFieldError } from "../components/form-fields";
import { Formula } from "../components/pilot-sections";
import { SectionCard } from "../components/section-card";
import { socioEconomicEstimate, stakeholders } from "../domain/socio-economic";
import { listParameters, parameterValues, saveParameter } from "../models/pilot.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { formObject, parseForm, typedValues } from "../utils/forms";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotCoordinator, requirePilotUser } from "../utils/pilot-auth.server";
import { parameterSchema } from "../utils/pilot-forms";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";

export const handle = messagesHandle(formsMessages, pilotMessages);

export const meta = titleMeta("pilot.estimate.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const { access } = await requirePilotUser(request);
  const parameters = await listParameters({ db: db() });
  const values = parameterValues(parameters);
  return { canEdit: access === "coordinator", parameters, estimate: values ? socioEconomicEstimate(values) : null };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requirePilotCoordinator(request);
  const form = formObject(await readFormData(request));
  const parsed = parseForm(parameterSchema, form);
  if (!parsed.ok) {
    return data({ errors: parsed.errors, values: typedValues(form, { key: "", value: "", unit: "", source: "", asOf: "" }) }, { status: 400 });
  }
  await saveParameter({ db: db(), userId: user.id, parameter: parsed.data });
  return redirectWithToast("/pilot/estimate", { key: "pilot.estimate.saved" });
}

export default function EstimatePage() {
  const { canEdit, parameters, estimate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, number, date } = useI18n();
  const sek = (v: number) => t("pilot.sek", { amount: number(v) });
  const persons = parameters.find((p) => p.key === "persons")?.value ?? 0;
  const months = parameters.find((p) => p.key === "months")?.value ?? 0;
  return (
    <Stack gap="xl">
      <Anchor component={Link} to="/pilot">
        {t("pilot.back")}
      </Anchor>
      <Title order={1} fz={{ base: 26, sm: 34 }} style={{ overflowWrap: "anywhere", hyphens: "auto" }}>{t("pilot.estimate.title")}</Title>
      <Alert color="yellow" variant="light">
        <Text c="dark.9">{t("pilot.estimate.disclaimer")}</Text>
      </Alert>
      <Text>{t("pilot.estimate.model")}</Text>

      <SectionCard title={t("pilot.estimate.result", { persons: number(persons), months: number(months) })}>
        {!estimate ? (
          <Text>{t("pilot.estimate.missing")}</Text>
        ) : (
          <DataTable
            minWidth={640}
            columns={[t("pilot.estimate.stakeholder"), t("pilot.estimate.total"), t("pilot.estimate.perPerson"), t("pilot.estimate.formula")]}
            rows={stakeholders.map((s) => ({
              key: s,
              header: t(`pilot.stakeholder.${s}` as MessageKey),
              cells: [sek(estimate.total[s]), sek(estimate.perPerson[s]), <Formula key="formula" stakeholder={s} />],
            }))}
          />
        )}
        <Text size="sm" mt="sm">
          {t("pilot.estimate.terms")}
        </Text>
      </SectionCard>

      <SectionCard title={t("pilot.estimate.parameters")}>
        <FormErrorSummary errors={actionData?.errors} />
        <Stack gap="lg">
          {parameters.map((p) => (
            <ParameterRow
              key={p.key}
              parameter={p}
              canEdit={canEdit}
              failed={actionData?.values.key === p.key ? actionData : undefined}
              updated={t("pilot.changedBy", { date: date(p.updatedAt), name: p.updatedByName ?? "–" })}
            />
          ))}
        </Stack>
      </SectionCard>
    </Stack>
  );
}

function ParameterRow({
  parameter,
  canEdit,
  failed,
  updated,
}: {
  parameter: { key: string; value: number; unit: string; source: string; asOf: string };
  canEdit: boolean;
  failed?: { errors: Record<string, string>; values: Record<string, string> };
  updated: string;
}) {
  const { t, number, date } = useI18n();
  const error = useFieldError(failed?.errors);
  const label = t(`pilot.parameter.${parameter.key}` as MessageKey);
  if (!canEdit) {
    return (
      <Stack gap={2}>
        <Text fw={600}>
          {label} <Code>{parameter.key}</Code>: {number(parameter.value)} {parameter.unit}
        </Text>
        <Text size="sm">{t("pilot.estimate.sourceLine", { source: parameter.source, date: date(parameter.asOf) })}</Text>
      </Stack>
    );
  }
  const v = failed?.values;
  return (
    <Form method="post" noValidate aria-label={label}>
      <input type="hidden" name="key" value={parameter.key} />
      <Title order={3} size="h5" mb={4}>
        {label} <Code>{parameter.key}</Code>
      </Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput name="value" label={t("pilot.estimate.value")} w={140} defaultValue={v?.value ?? String(parameter.value)} error={error("value")} inputMode="decimal" />
        <TextInput name="unit" label={t("pilot.estimate.unit")} w={140} defaultValue={v?.unit ?? parameter.unit} error={error("unit")} />
        <TextInput name="source" label={t("pilot.estimate.source")} style={{ flex: "1 1 260px" }} defaultValue={v?.source ?? parameter.source} error={error("source")} />
        <TextInput name="asOf" type="date" label={t("pilot.estimate.asOf")} w={170} defaultValue={v?.asOf ?? parameter.asOf} error={error("asOf")} />
        <Button type="submit">
          {t("pilot.estimate.save")}
          <span className="visually-hidden"> {label}</span>
        </Button>
      </Group>
      <Text size="xs" mt={4}>
        {updated}
      </Text>
    </Form>
  );
}
