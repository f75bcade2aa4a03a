import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot.estimate";
import type { ServerArgs } from "../utils/route-args";
import { DataTable } from "../components/data-table";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../components/form-fields";
import { PilotRowRemoval } from "../components/pilot-sections";
import { PerPersonTable, SymbolLegend, useParameterValue, useSymbols } from "../components/pilot-estimate";
import { SectionCard } from "../components/section-card";
import { stockholmDate } from "../domain/lund-time";
import { estimateParameterKeys, parameterValues, perPersonEstimate, valuesValidOn } from "../domain/socio-economic";
import { listParameterValues, removeParameterValue, saveParameterValue } from "../models/pilot.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { isValidIsoDate, parseSubmission } from "../utils/forms";
import { dispatchIntent, notFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { parameterSchema } from "../forms/pilot-forms";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";

export const handle = messagesHandle(formsMessages, pilotMessages);

export const meta = titleMeta("pilot.estimate.title");

/** Today on Lund's clock, as YYYY-MM-DD. */
function today(): string {
  return stockholmDate(new Date());
}

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const { access } = await requirePilotUser(request);
  const asked = new URL(request.url).searchParams.get("on") ?? "";
  const on = isValidIsoDate(asked) ? asked : today();
  const values = await listParameterValues({ db: db() });
  const { valid, missing } = valuesValidOn(values, on);
  const complete = parameterValues(valid);
  return { canEdit: access === "coordinator", on, values, missing, perPerson: complete ? perPersonEstimate(complete) : null, months: complete?.months ?? null };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUserWithPermission(request, "pilot.manage");
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    saveValue: async () => {
      const submission = parseSubmission(formData, parameterSchema);
      if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
      await saveParameterValue({ db: db(), userId: user.id, parameter: submission.value });
      return redirectWithToast("/pilot/estimate", { key: "pilot.estimate.saved" });
    },
    removeValue: async () => {
      const valueId = parseId(formData.get("valueId"));
      if (valueId === null || !(await removeParameterValue({ db: db(), userId: user.id, valueId }))) throw notFound();
      return redirectWithToast("/pilot/estimate", { key: "pilot.estimate.removed" });
    },
  });
}

export default function EstimatePage() {
  const { canEdit, on, values, missing, perPerson, months } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date } = useI18n();
  const symbols = useSymbols();
  const value = useParameterValue();
  return (
    <Stack gap="xl">
      <Anchor component={Link} to="/pilot">
        {t("pilot.back")}
      </Anchor>
      <Title order={1} fz={{ base: 26, sm: 34 }} style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
        {t("pilot.estimate.title")}
      </Title>
      <Alert color="yellow" variant="light">
        <Text c="dark.9">{t("pilot.estimate.disclaimer")}</Text>
      </Alert>
      <Text>{t("pilot.estimate.model")}</Text>

      <SectionCard title={months === null ? t("pilot.estimate.perPerson") : t("pilot.estimate.perPersonTitle", { months })}>
        <Form method="get">
          <Group align="flex-end" gap="sm" mb="md">
            <TextInput type="date" name="on" label={t("pilot.estimate.showOn")} defaultValue={on} />
            <Button type="submit" variant="default">
              {t("pilot.estimate.show")}
            </Button>
          </Group>
        </Form>
        {perPerson ? (
          <PerPersonTable perPerson={perPerson} />
        ) : (
          <Text>
            {t("pilot.estimate.missingValues", { date: date(on), parameters: missing.map((key) => t(`pilot.parameter.${key}` as MessageKey)).join(", ") })}
          </Text>
        )}
        <Title order={3} size="h5" mt="md" mb={4}>
          {t("pilot.estimate.symbols")}
        </Title>
        <SymbolLegend />
      </SectionCard>

      <SectionCard title={t("pilot.estimate.valuesTitle")}>
        <Text size="sm" mb="sm">
          {t("pilot.estimate.valuesIntro")}
        </Text>
        <DataTable
          minWidth={760}
          columns={[
            t("pilot.estimate.parameter"),
            t("pilot.estimate.value"),
            t("pilot.estimate.validity"),
            t("pilot.estimate.source"),
            ...(canEdit
              ? [
                  <span key="actions" className="visually-hidden">
                    {t("pilot.actions")}
                  </span>,
                ]
              : []),
          ]}
          rows={values.map((v) => ({
            key: v.id,
            header: `${t(`pilot.parameter.${v.key}` as MessageKey)} (${symbols[v.key]})`,
            cells: [
              value(v.key, v.value),
              v.validTo
                ? t("pilot.estimate.validFromTo", { from: date(v.validFrom), to: date(v.validTo) })
                : t("pilot.estimate.validFromOn", { from: date(v.validFrom) }),
              <Stack key="source" gap={0}>
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {v.source}
                  {v.isExample ? ` (${t("pilot.estimate.example")})` : ""}
                </Text>
                <Text size="xs">{t("pilot.estimate.changed", { date: date(v.updatedAt), name: v.updatedByName ?? "–" })}</Text>
              </Stack>,
              ...(canEdit
                ? [
                    <PilotRowRemoval
                      key="remove"
                      row="value"
                      id={v.id}
                      name={`${t(`pilot.parameter.${v.key}` as MessageKey)} ${date(v.validFrom)}`}
                      question={t("pilot.estimate.removeConfirm", { value: value(v.key, v.value), date: date(v.validFrom) })}
                    />,
                  ]
                : []),
            ],
          }))}
        />
      </SectionCard>

      {canEdit && <ValueForm lastResult={actionData?.reply} />}
    </Stack>
  );
}

const parameterConstraint = getZodConstraint(parameterSchema);

type ParameterFormValues = Record<"key" | "value" | "validFrom" | "source" | "isExample", string>;

/** A value of a parameter from a day on, with its source. */
function ValueForm({ lastResult }: { lastResult: FormReply | undefined }) {
  const { t } = useI18n();
  const id = "parameter-value";
  const { form, fields } = useSchemaForm<ParameterFormValues>({ id, constraint: parameterConstraint, lastResult });
  const field = useSchemaFields(id);
  const errors = useReplyMessages(lastResult);
  const labels = {
    key: t("pilot.estimate.parameter"),
    value: t("pilot.estimate.value"),
    validFrom: t("pilot.estimate.validFrom"),
    source: t("pilot.estimate.source"),
  };
  return (
    <SectionCard title={t("pilot.estimate.addValue")}>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <FormErrorSummary errors={errors} idPrefix={id} labels={labels} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            {...field(fields.key)}
            label={labels.key}
            data={estimateParameterKeys.map((key) => ({ value: key, label: t(`pilot.parameter.${key}` as MessageKey) }))}
          />
          <TextInput {...field(fields.value)} label={labels.value} inputMode="decimal" />
          <TextInput {...field(fields.validFrom)} type="date" label={labels.validFrom} />
          <TextInput {...field(fields.source)} label={labels.source} />
        </SimpleGrid>
        <Checkbox
          name={fields.isExample.name}
          id={`${id}-isExample`}
          value="on"
          mt="md"
          label={t("pilot.estimate.isExample")}
          defaultChecked={fields.isExample.initialValue === "on"}
        />
        <Button type="submit" name="intent" value="saveValue" mt="md">
          {t("pilot.estimate.saveValue")}
        </Button>
      </Form>
    </SectionCard>
  );
}
