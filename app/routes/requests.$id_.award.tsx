/**
 * The buyer records a request's outcome: the winning joint bid or responding organisation, the
 * contract's value and period. Only users of the request's own buyer organisation; others get 403
 * (404 for a draft they may not see).
 */
import { getZodConstraint } from "@conform-to/zod/v3";
import { Alert, Anchor, Button, Group, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/requests.$id_.award";
import type { ServerArgs } from "../utils/route-args";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { awardRequest, loadAwardPage } from "../models/tender/award.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { notFound, orNotFound } from "../utils/http.server";
import { formatDateTime, messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requireOwnRequest } from "../route-helpers/request-access.server";
import { awardSchema } from "../forms/tender-form";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { awardMessages } from "../locales/award";
import { formsMessages } from "../locales/forms";
import { requestsMessages } from "../locales/requests";

export const handle = messagesHandle(formsMessages, requestsMessages, awardMessages);

export const meta = titleMeta((d) => (d as { page?: { request: { title: string } } } | undefined)?.page?.request.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { stored } = await requireOwnRequest(request, params.id);
  const page = orNotFound(await loadAwardPage({ db: db(), requestId: stored.id, buyerOrganisationId: stored.buyerOrganisationId }));
  return { page, constraint: awardConstraint };
}

/** The award form's limits, sent by the loader: its schema stays with the tender pack's on the server. */
const awardConstraint = getZodConstraint(awardSchema);

type ActionData = { reply: FormReply };

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user, stored } = await requireOwnRequest(request, params.id);
  const submission = parseSubmission(await readFormData(request), awardSchema);
  if (submission.status !== "success") return data<ActionData>({ reply: submission.reply() }, { status: 400 });
  const result = await awardRequest({
    db: db(),
    requestId: stored.id,
    buyerOrganisationId: stored.buyerOrganisationId,
    userId: user.id,
    input: {
      winner: submission.value.winner,
      valueOre: submission.value.value,
      contractFrom: submission.value.contractFrom,
      contractTo: submission.value.contractTo,
    },
  });
  if (!result.ok) {
    if (result.error.kind === "notFound") throw notFound();
    const reply =
      result.error.kind === "winner"
        ? submission.reply({ fieldErrors: { winner: [{ key: "award.error.winner" }] } })
        : submission.reply({ formErrors: [{ key: "award.error.refused" }] });
    return data<ActionData>({ reply }, { status: result.error.kind === "winner" ? 400 : 409 });
  }
  return redirectWithToast(`/requests/${stored.id}`, { key: "award.toast" });
}

export default function AwardPage() {
  const { page, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, date, money, locale } = useI18n();
  const r = page.request;
  const options = [
    ...page.candidates.bids.map((b) => ({
      value: `bid-${b.id}`,
      label:
        b.valueOre !== null
          ? t("award.winner.bidValue", { lead: b.leadName ?? "–", members: b.members.join(", "), value: money(b.valueOre) })
          : t("award.winner.bid", { lead: b.leadName ?? "–", members: b.members.join(", ") }),
    })),
    ...page.candidates.responses.map((o) => ({ value: `organisation-${o.organisationId}`, label: t("award.winner.response", { organisation: o.name }) })),
  ];
  const labels = { winner: t("award.winner"), value: t("award.value"), contractFrom: t("award.from"), contractTo: t("award.to") };
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/requests/${r.id}`}>
        {t("award.back")}
      </Anchor>
      <Title order={1}>{t("award.title", { request: r.title })}</Title>
      {page.award ? (
        <Alert color="blue" variant="light">
          <Text c="dark.9">
            {page.award.winner.kind === "bid"
              ? t("award.result.bid", { date: date(page.award.awardedAt), lead: page.award.winner.name })
              : t("award.result.response", { date: date(page.award.awardedAt), organisation: page.award.winner.name })}{" "}
            {t("award.result.contract", { value: money(page.award.valueOre), from: date(page.award.contractFrom), to: date(page.award.contractTo) })}
          </Text>
        </Alert>
      ) : !page.canAward ? (
        <Alert color="yellow" variant="light">
          <Text c="dark.9">
            {r.status === "published"
              ? t("award.notYet", { deadline: formatDateTime(locale, r.deadlineAt) })
              : t("award.notOpen", { status: t(`requests.status.${r.status}` as MessageKey) })}
          </Text>
        </Alert>
      ) : options.length === 0 ? (
        <Text>{t("award.none")}</Text>
      ) : (
        <SectionCard title={t("requests.action.award")}>
          <Text mb="md">{t("award.intro")}</Text>
          <AwardForm
            constraint={constraint}
            lastResult={actionData?.reply}
            options={options}
            labels={labels}
            defaultValue={{ winner: options.length === 1 ? options[0].value : "", value: "", contractFrom: r.periodFrom, contractTo: r.periodTo }}
          />
        </SectionCard>
      )}
    </Stack>
  );
}

type AwardValues = { winner: string; value: string; contractFrom: string; contractTo: string };

function AwardForm({
  constraint,
  lastResult,
  options,
  labels,
  defaultValue,
}: {
  constraint: ReturnType<typeof useLoaderData<typeof loader>>["constraint"];
  lastResult: FormReply | undefined;
  options: { value: string; label: string }[];
  labels: Record<keyof AwardValues, string>;
  defaultValue: AwardValues;
}) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm<AwardValues>({ id: "award", constraint, lastResult, defaultValue });
  const field = useSchemaFields("award");
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
      <FormErrorSummary errors={useReplyMessages(lastResult)} idPrefix="award" labels={labels} />
      <Stack gap="md">
        <Radio.Group {...field(fields.winner)} label={labels.winner}>
          <Stack gap="xs" mt="xs">
            {options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} required={fields.winner.required} />
            ))}
          </Stack>
        </Radio.Group>
        <TextInput {...field(fields.value)} label={labels.value} description={t("award.value.hint")} inputMode="decimal" maw={420} />
        <Group gap="sm" align="start" wrap="wrap">
          <TextInput {...field(fields.contractFrom)} type="date" label={labels.contractFrom} />
          <TextInput {...field(fields.contractTo)} type="date" label={labels.contractTo} />
        </Group>
        <Button type="submit" w="fit-content">
          {t("award.submit")}
        </Button>
      </Stack>
    </Form>
  );
}
