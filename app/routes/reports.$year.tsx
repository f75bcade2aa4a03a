import { Alert, Anchor, Box, Button, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/reports.$year";
import type { ServerArgs } from "../utils/route-args";
import { RowRemoval } from "../components/confirm-action";
import { useId } from "react";
import { FormErrorSummary, useFieldError } from "../components/form-fields";
import { type AnnualSection, NOT_ENTERED, activityTotals, goalAreas, parseReportYear, reportYears } from "../domain/annual-report";
import { procurementStatuses } from "../domain/pilot";
import { SUPPRESSED_MARK, displayCount } from "../domain/suppression";
import { useMoney } from "../components/pilot-estimate";
import { PrintCover, PrintPageStyle } from "../components/pilot-print";
import { addActivity, buildAnnualReport, removeActivity, saveSectionText } from "../models/annual-report.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { formObject, parseForm, typedValues, type FieldErrors } from "../utils/forms";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { activityFields, activitySchema, sectionTextSchema } from "../forms/pilot-forms";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(formsMessages, pilotMessages);

export const meta = titleMeta((d) => {
  const year = (d as { report?: { year: number } } | undefined)?.report?.year;
  return year ? `${year}` : undefined;
});

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { access } = await requirePilotUser(request);
  const currentYear = new Date().getFullYear();
  // The year picker is a plain GET form: its choice arrives as ?year= and goes to that year's address.
  const picked = new URL(request.url).searchParams.get("year");
  if (picked !== null) {
    const pickedYear = parseReportYear(picked, currentYear);
    if (pickedYear !== null) throw redirect(`/reports/${pickedYear}`);
  }
  const year = orNotFound(parseReportYear(params.year, currentYear));
  return { canEdit: access === "coordinator", years: reportYears(currentYear), report: await buildAnnualReport({ db: db(), year }) };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUserWithPermission(request, "pilot.manage");
  const year = orNotFound(parseReportYear(params.year, new Date().getFullYear()));
  const formData = await readFormData(request);
  const form = formObject(formData);
  const here = `/reports/${year}`;
  return dispatchIntent(formData, {
    saveText: async () => {
      const parsed = parseForm(sectionTextSchema, form);
      if (!parsed.ok) return data({ intent: "saveText", section: String(form.section ?? ""), errors: parsed.errors, values: form }, { status: 400 });
      await saveSectionText({ db: db(), userId: user.id, year, ...parsed.data });
      return redirectWithToast(here, { key: "annual.textSaved" });
    },
    addActivity: async () => {
      const parsed = parseForm(activitySchema, form);
      if (!parsed.ok)
        return data({ intent: "addActivity", section: "activities", errors: parsed.errors, values: typedValues(form, activityFields) }, { status: 400 });
      await addActivity({ db: db(), userId: user.id, year, input: parsed.data });
      return redirectWithToast(here, { key: "annual.activityAdded" });
    },
    removeActivity: async () => {
      const id = parseId(form.activityId);
      if (id === null || !(await removeActivity({ db: db(), userId: user.id, year, activityId: id }))) throw notFound();
      return redirectWithToast(here, { key: "annual.activityRemoved" });
    },
  });
}

type ActionData = { intent: string; section: string; errors: FieldErrors; values: Record<string, unknown> };

export default function AnnualReportPage() {
  const { canEdit, years, report } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, number, date } = useI18n();
  const money = useMoney();
  const { network } = report;
  const pilot = report.pilot.report;
  const count = (c: Parameters<typeof displayCount>[0]) => displayCount(c, number);
  const orNotEntered = (value: number | null, format: (v: number) => string) => (value === null ? NOT_ENTERED : format(value));
  const totals = activityTotals(report.activities);
  const [searchParams] = useSearchParams();
  const confirmActivity = parseId(searchParams.get("removeActivity"));
  const section = (name: AnnualSection, children: React.ReactNode) => (
    <ReportSection
      name={name}
      text={report.texts[name]}
      canEdit={canEdit}
      failed={actionData?.section === name && actionData.intent === "saveText" ? actionData : undefined}
    >
      {children}
    </ReportSection>
  );
  const title = t("annual.title", { year: report.year });
  const from = `${report.year}-01-01`;
  const to = `${report.year}-12-31`;
  return (
    <Stack gap="xl" className="print-document">
      <PrintPageStyle header={`${title} · ${t("annual.project")} · ${t("pilot.report.municipality")}`} />
      <PrintCover
        title={title}
        subtitle={t("annual.project")}
        facts={[
          { label: t("pilot.report.coverPeriod"), value: `${date(from)} – ${date(to)}` },
          { label: t("pilot.report.coverDate"), value: t("pilot.report.printedOn", { date: date(report.generatedAt) }) },
        ]}
      />
      <Stack gap="xs" className="no-print">
        <Title order={1} fz={{ base: 26, sm: 34 }}>
          {title}
        </Title>
        <Text>{t("annual.project")}</Text>
        <Form method="get" action={`/reports/${report.year}`}>
          <Group align="flex-end" gap="sm">
            <NativeSelect name="year" label={t("annual.year")} defaultValue={String(report.year)} data={years.map(String)} />
            <Button type="submit" variant="default">
              {t("annual.showYear")}
            </Button>
          </Group>
        </Form>
        <Text size="sm">{t("annual.printHint")}</Text>
      </Stack>
      <Alert color="blue" variant="light" className="report-legend">
        <Text size="sm" c="dark.9">
          {t("pilot.report.suppressionLegend", { mark: SUPPRESSED_MARK })} {t("annual.notEntered", { mark: NOT_ENTERED })}
        </Text>
      </Alert>

      {section(
        "internal",
        <Stack gap="sm">
          <Text>{t("annual.pilotProcurements", { count: pilot.procurements.length })}</Text>
          <List>
            {procurementStatuses.map((s) => (
              <List.Item key={s}>
                {t(`pilot.status.${s}` as MessageKey)}: {pilot.procurements.filter((p) => p.status === s).length}
              </List.Item>
            ))}
          </List>
          <Text>
            {t("annual.pilotParticipants", {
              total: count(pilot.counts.participants.all.total),
              women: count(pilot.counts.participants.women.total),
              men: count(pilot.counts.participants.men.total),
            })}
          </Text>
          <Anchor component={Link} to={`/pilot/report?from=${report.year}-01-01&to=${report.year}-12-31`} className="no-print">
            {t("annual.pilotReportLink", { year: report.year })}
          </Anchor>
        </Stack>,
      )}

      {section(
        "network",
        <Stack gap="sm">
          {network.byKind.length === 0 ? (
            <Text>{t("annual.noOrganisations", { year: report.year })}</Text>
          ) : (
            <TableScroller minWidth={360}>
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("annual.kind")}</Table.Th>
                    <Table.Th scope="col">{t("annual.organisations")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {network.byKind.map((k) => (
                    <Table.Tr key={k.kind}>
                      <Table.Th scope="row">{t(`kind.${k.kind}` as MessageKey)}</Table.Th>
                      <Table.Td>{number(k.count)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroller>
          )}
          <Text>{t("annual.joined", { count: network.joined, year: report.year })}</Text>
          <Text>{t("annual.verified", { count: network.verified, year: report.year })}</Text>
        </Stack>,
      )}

      {section(
        "meetings",
        !report.external.meetings ? (
          <Text>{t("annual.meetingsMissing")}</Text>
        ) : report.external.meetings.meetings.length === 0 ? (
          <Text>{t("annual.noMeetings", { year: report.year })}</Text>
        ) : (
          <TableScroller minWidth={560}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("annual.meeting")}</Table.Th>
                  <Table.Th scope="col">{t("annual.registered")}</Table.Th>
                  <Table.Th scope="col">{t("annual.attended")}</Table.Th>
                  <Table.Th scope="col">{t("annual.topics")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.external.meetings.meetings.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row">
                      {m.title} ({date(m.startsAt)})
                    </Table.Th>
                    <Table.Td>{number(m.registered)}</Table.Td>
                    <Table.Td>{number(m.attended)}</Table.Td>
                    <Table.Td>{m.topics.join("; ") || "–"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroller>
        ),
      )}

      {section(
        "requests",
        <Stack gap="sm">
          {report.requests.publishedByKind.length === 0 ? (
            <Text>{t("annual.noRequests", { year: report.year })}</Text>
          ) : (
            <List>
              {report.requests.publishedByKind.map((r) => (
                <List.Item key={r.kind}>
                  {t(`annual.requestKind.${r.kind}` as MessageKey)}: {number(r.count)}
                </List.Item>
              ))}
            </List>
          )}
          {report.external.responses ? (
            <Text>
              {t("annual.responses", { count: report.external.responses.responses, organisations: report.external.responses.respondingOrganisations })}{" "}
              {report.external.responses.byInterest.map((r) => `${t(`annual.interest.${r.interest}` as MessageKey)}: ${number(r.count)}`).join(", ")}
            </Text>
          ) : (
            <Text>{t("annual.responsesMissing")}</Text>
          )}
        </Stack>,
      )}

      {section(
        "bids",
        !report.external.bids ? (
          <Text>{t("annual.bidsMissing")}</Text>
        ) : report.external.bids.byStatus.length === 0 ? (
          <Text>{t("annual.noBids", { year: report.year })}</Text>
        ) : (
          <List>
            {report.external.bids.byStatus.map((b) => (
              <List.Item key={b.status}>
                {t(`annual.bidStatus.${b.status}` as MessageKey)}: {number(b.count)}
              </List.Item>
            ))}
          </List>
        ),
      )}

      {section(
        "activities",
        <Stack gap="md">
          {goalAreas.map((area) => {
            const lines = report.activities.filter((a) => a.goalArea === area);
            return (
              <Box key={area}>
                <Title order={3} size="h4" mb="xs">
                  {t(`annual.goalArea.${area}` as MessageKey)}
                </Title>
                {lines.length === 0 ? (
                  <Text>{t("annual.noActivities")}</Text>
                ) : (
                  <TableScroller minWidth={560}>
                    <Table withTableBorder>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t("annual.activity")}</Table.Th>
                          <Table.Th scope="col">{t("annual.hours")}</Table.Th>
                          <Table.Th scope="col">{t("annual.percentOfTime")}</Table.Th>
                          <Table.Th scope="col">{t("annual.cost")}</Table.Th>
                          {canEdit && (
                            <Table.Th scope="col" className="no-print">
                              <span className="visually-hidden">{t("pilot.actions")}</span>
                            </Table.Th>
                          )}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {lines.map((a) => (
                          <Table.Tr key={a.id}>
                            <Table.Td>
                              {a.activity}
                              {a.isExample ? ` (${t("pilot.example")})` : ""}
                            </Table.Td>
                            <Table.Td>{orNotEntered(a.hours, number)}</Table.Td>
                            <Table.Td>{orNotEntered(a.percentOfTime, (v) => t("pilot.unit.percent", { amount: number(v) }))}</Table.Td>
                            <Table.Td>{orNotEntered(a.costSek, money)}</Table.Td>
                            {canEdit && (
                              <Table.Td className="no-print">
                                <RowRemoval
                                  confirming={confirmActivity === a.id}
                                  query={{ removeActivity: a.id }}
                                  anchor={`confirm-activity-${a.id}`}
                                  name={a.activity}
                                  question={t("annual.removeActivityConfirm", { activity: a.activity })}
                                  intent="removeActivity"
                                  fields={{ activityId: a.id }}
                                  cancelTo={`/reports/${report.year}`}
                                  removeLabel={t("pilot.remove")}
                                  confirmLabel={t("pilot.removeConfirmButton")}
                                />
                              </Table.Td>
                            )}
                          </Table.Tr>
                        ))}
                        <Table.Tr>
                          <Table.Th scope="row">{t("annual.total")}</Table.Th>
                          <Table.Td>{orNotEntered(totals[area].hours, number)}</Table.Td>
                          <Table.Td />
                          <Table.Td>{orNotEntered(totals[area].costSek, money)}</Table.Td>
                          {canEdit && <Table.Td className="no-print" />}
                        </Table.Tr>
                      </Table.Tbody>
                    </Table>
                  </TableScroller>
                )}
                {lines.length > 0 && totals[area].costSek !== null && totals[area].costsNotEntered > 0 && (
                  <Text size="sm" mt={4}>
                    {t("annual.costsNotEntered", { count: totals[area].costsNotEntered })}
                  </Text>
                )}
              </Box>
            );
          })}
          {canEdit && <ActivityForm failed={actionData?.intent === "addActivity" ? actionData : undefined} />}
        </Stack>,
      )}
    </Stack>
  );
}

function ReportSection({
  name,
  text,
  canEdit,
  failed,
  children,
}: {
  name: AnnualSection;
  text: { introduction: string; conclusion: string; updatedAt: string | null; updatedByName: string | null };
  canEdit: boolean;
  failed?: ActionData;
  children: React.ReactNode;
}) {
  const { t, date } = useI18n();
  const id = useId();
  const error = useFieldError(failed?.errors);
  const title = t(`annual.section.${name}` as MessageKey);
  return (
    <Box component="section" aria-labelledby={id} className="report-section">
      <Title order={2} id={id} mb="sm" style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
        {title}
      </Title>
      <Stack gap="md">
        {text.introduction && <Text style={{ whiteSpace: "pre-wrap" }}>{text.introduction}</Text>}
        {children}
        {text.conclusion && <Text style={{ whiteSpace: "pre-wrap" }}>{text.conclusion}</Text>}
        {canEdit && (
          <Box component="details" className="no-print" open={failed ? true : undefined}>
            <summary>{t("annual.editTexts", { section: title })}</summary>
            <Form method="post" noValidate>
              <FormErrorSummary errors={failed?.errors} />
              <input type="hidden" name="section" value={name} />
              <Stack gap="sm" mt="sm">
                <Textarea
                  name="introduction"
                  label={t("annual.introduction")}
                  autosize
                  minRows={2}
                  maxLength={5000}
                  defaultValue={(failed?.values.introduction as string | undefined) ?? text.introduction}
                  error={error("introduction")}
                />
                <Textarea
                  name="conclusion"
                  label={t("annual.conclusion")}
                  autosize
                  minRows={2}
                  maxLength={5000}
                  defaultValue={(failed?.values.conclusion as string | undefined) ?? text.conclusion}
                  error={error("conclusion")}
                />
                <Button type="submit" name="intent" value="saveText" w="fit-content">
                  {t("annual.saveTexts")}
                </Button>
                {text.updatedAt && <Text size="xs">{t("pilot.changedBy", { date: date(text.updatedAt), name: text.updatedByName ?? "–" })}</Text>}
              </Stack>
            </Form>
          </Box>
        )}
      </Stack>
    </Box>
  );
}

function ActivityForm({ failed }: { failed?: ActionData }) {
  const { t } = useI18n();
  const error = useFieldError(failed?.errors);
  const v = failed?.values as Record<string, string> | undefined;
  return (
    <Alert color="gray" variant="light" className="no-print" title={t("annual.addActivity")}>
      <Form method="post" noValidate>
        <FormErrorSummary errors={failed?.errors} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            name="goalArea"
            label={t("annual.goalArea")}
            required
            defaultValue={v?.goalArea}
            error={error("goalArea")}
            data={goalAreas.map((g) => ({ value: g, label: t(`annual.goalArea.${g}` as MessageKey) }))}
          />
          <TextInput name="activity" label={t("annual.activity")} required maxLength={300} defaultValue={v?.activity} error={error("activity")} />
          <TextInput name="hours" label={t("annual.hours")} inputMode="decimal" defaultValue={v?.hours} error={error("hours")} />
          <TextInput
            name="percentOfTime"
            label={t("annual.percentOfTime")}
            inputMode="decimal"
            defaultValue={v?.percentOfTime}
            error={error("percentOfTime")}
          />
          <TextInput name="costSek" label={t("annual.cost")} inputMode="numeric" defaultValue={v?.costSek} error={error("costSek")} />
        </SimpleGrid>
        <Button type="submit" name="intent" value="addActivity" mt="md">
          {t("annual.addActivityButton")}
        </Button>
      </Form>
    </Alert>
  );
}
