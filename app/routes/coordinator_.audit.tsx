import { Box, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import { getZodConstraint } from "@conform-to/zod/v3";
import type { Route } from "./+types/coordinator_.audit";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { PaginationLinks } from "../components/pagination-links";
import { addCalendarDays, stockholmLocalToUtc } from "../domain/lund-time";
import { auditEntities } from "../domain/audit";
import { auditFilterChoices, listAuditLog, type AuditFilter } from "../models/audit-log.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { auditSentence } from "../utils/audit-text.server";
import { parseSubmission } from "../utils/forms";
import { auditFilterNames, auditFilterSchema } from "../forms/audit-filter-form";
import { parseId, parsePage } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { securityMessages } from "../locales/security";
import { formatDateTime, messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, securityMessages);

export const meta = titleMeta("security.auditTitle");

const pageSize = 50;

/** The append-only audit log for coordinators: sentences with their time, filters by organisation, person, kind and date, pages of 50. */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "coordinate");
  const url = new URL(request.url);
  const values = Object.fromEntries(auditFilterNames.map((name) => [name, (url.searchParams.get(name) ?? "").slice(0, 100)])) as Record<
    (typeof auditFilterNames)[number],
    string
  >;
  const query = new FormData();
  for (const name of auditFilterNames) query.set(name, values[name]);
  const submission = parseSubmission(query, auditFilterSchema);
  const errors = submission.status === "success" ? {} : (submission.error ?? {});
  // Lund's calendar days: from the start of "from" to the start of the day after "to".
  const filter: AuditFilter = {
    organisationId: parseId(values.organisation),
    actorUserId: /^[0-9a-f-]{36}$/i.test(values.person) ? values.person : null,
    entity: (auditEntities as readonly string[]).includes(values.kind) ? (values.kind as AuditFilter["entity"]) : null,
    from: errors.from || values.from === "" ? null : stockholmLocalToUtc(`${values.from}T00:00`),
    until: errors.to || values.to === "" ? null : stockholmLocalToUtc(`${addCalendarDays(values.to, 1)}T00:00`),
  };
  const page = parsePage(url.searchParams.get("page"));
  const locale = localeFromRequest(request);
  const [{ total, entries }, choices] = await Promise.all([listAuditLog({ db: db(), page, pageSize, filter }), auditFilterChoices({ db: db() })]);
  return {
    total,
    page,
    values,
    reply: submission.status === "success" ? null : submission.reply(),
    filtered: Object.values(values).some((v) => v !== ""),
    choices,
    entries: entries.map((entry) => ({ id: entry.id, at: entry.at, sentence: auditSentence(locale, entry) })),
  };
}

const constraint = getZodConstraint(auditFilterSchema);

export default function AuditLog() {
  const { total, page, values, reply, filtered, choices, entries } = useLoaderData<typeof loader>();
  const { t, locale, counted } = useI18n();
  const { form, fields } = useSchemaForm({ id: "audit", constraint, lastResult: reply, defaultValue: values });
  const field = useSchemaFields("audit");
  const errors = useReplyMessages(reply);
  const all = { value: "", label: t("security.auditFilterAll") };
  return (
    <Stack gap="md">
      <Title order={1}>{t("security.auditTitle")}</Title>
      <Text>{t("security.auditIntro")}</Text>
      <Form method="get" id={form.id} noValidate aria-label={t("security.auditFilters")}>
        <FormErrorSummary errors={errors} idPrefix="audit" labels={{ from: t("security.auditFilterFrom"), to: t("security.auditFilterTo") }} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }}>
          <NativeSelect
            {...field(fields.organisation)}
            label={t("security.auditFilterOrganisation")}
            data={[all, ...choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
          />
          <NativeSelect
            {...field(fields.person)}
            label={t("security.auditFilterPerson")}
            data={[all, ...choices.people.map((p) => ({ value: p.id, label: p.name }))]}
          />
          <NativeSelect
            {...field(fields.kind)}
            label={t("security.auditFilterKind")}
            data={[all, ...auditEntities.map((kind) => ({ value: kind, label: t(`security.auditKind.${kind}`) }))]}
          />
          <TextInput type="date" {...field(fields.from)} label={t("security.auditFilterFrom")} />
          <TextInput type="date" {...field(fields.to)} label={t("security.auditFilterTo")} />
        </SimpleGrid>
        <Group mt="sm" gap="sm">
          <Button type="submit">{t("security.auditFilterApply")}</Button>
          {filtered && (
            <Button component={Link} to="/coordinator/audit" variant="default">
              {t("security.auditFilterClear")}
            </Button>
          )}
        </Group>
      </Form>
      <Text role="status">{counted("security.auditCount", total)}</Text>
      {entries.length === 0 ? (
        <Text>{t("security.auditEmpty")}</Text>
      ) : (
        // A list, not a table: each entry's time above its sentence, so that a phone shows the whole sentence.
        <Box component="ol" aria-label={t("security.auditEntries")} m={0} p={0} style={{ listStyle: "none" }}>
          {entries.map((entry) => (
            <Box component="li" key={entry.id} py="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
              <Text size="sm" fw={600}>
                <time dateTime={entry.at}>{formatDateTime(locale, entry.at)}</time>
              </Text>
              <Text style={{ overflowWrap: "anywhere" }}>{entry.sentence}</Text>
            </Box>
          ))}
        </Box>
      )}
      <PaginationLinks page={page} pageSize={pageSize} total={total} />
    </Stack>
  );
}
