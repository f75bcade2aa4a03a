import { Box, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/coordinator_.audit";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { FormErrorSummary, useFieldError } from "../components/form-fields";
import { PaginationLinks } from "../components/pagination-links";
import { addCalendarDays, stockholmLocalToUtc } from "../domain/lund-time";
import { auditEntities } from "../domain/audit";
import { auditFilterChoices, listAuditLog, type AuditFilter } from "../models/audit-log.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { auditSentence } from "../utils/audit-text.server";
import type { FieldErrors } from "../utils/forms";
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

const day = z
  .string()
  .trim()
  .refine((v) => v === "" || stockholmLocalToUtc(`${v}T00:00`) !== null, "form.date");

/** The filters as typed in the query: what is not one of the choices is left out, a date that is not one is said so. */
const filterSchema = z
  .object({
    organisation: z.string().default(""),
    person: z.string().default(""),
    kind: z.string().default(""),
    from: day.default(""),
    to: day.default(""),
  })
  .superRefine((v, ctx) => {
    if (v.from !== "" && v.to !== "" && v.to < v.from) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "security.auditFilterToBeforeFrom" });
  });

type FilterValues = z.input<typeof filterSchema>;

/** The append-only audit log for coordinators: sentences with their time, filters by organisation, person, kind and date, pages of 50. */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "coordinate");
  const url = new URL(request.url);
  const field = (name: string) => (url.searchParams.get(name) ?? "").slice(0, 100);
  const values: Required<FilterValues> = {
    organisation: field("organisation"),
    person: field("person"),
    kind: field("kind"),
    from: field("from"),
    to: field("to"),
  };
  const parsed = filterSchema.safeParse(values);
  const errors: FieldErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
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
    errors,
    filtered: Object.values(values).some((v) => v !== ""),
    choices,
    entries: entries.map((entry) => ({ id: entry.id, at: entry.at, sentence: auditSentence(locale, entry) })),
  };
}

export default function AuditLog() {
  const { total, page, values, errors, filtered, choices, entries } = useLoaderData<typeof loader>();
  const { t, locale, counted } = useI18n();
  const error = useFieldError(errors);
  const all = { value: "", label: t("security.auditFilterAll") };
  return (
    <Stack gap="md">
      <Title order={1}>{t("security.auditTitle")}</Title>
      <Text>{t("security.auditIntro")}</Text>
      <Form method="get" noValidate aria-label={t("security.auditFilters")}>
        <FormErrorSummary errors={Object.keys(errors).length > 0 ? errors : undefined} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }}>
          <NativeSelect
            name="organisation"
            label={t("security.auditFilterOrganisation")}
            defaultValue={values.organisation}
            data={[all, ...choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
          />
          <NativeSelect
            name="person"
            label={t("security.auditFilterPerson")}
            defaultValue={values.person}
            data={[all, ...choices.people.map((p) => ({ value: p.id, label: p.name }))]}
          />
          <NativeSelect
            name="kind"
            label={t("security.auditFilterKind")}
            defaultValue={values.kind}
            data={[all, ...auditEntities.map((kind) => ({ value: kind, label: t(`security.auditKind.${kind}`) }))]}
          />
          <TextInput type="date" name="from" label={t("security.auditFilterFrom")} defaultValue={values.from} error={error("from")} />
          <TextInput type="date" name="to" label={t("security.auditFilterTo")} defaultValue={values.to} error={error("to")} />
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
