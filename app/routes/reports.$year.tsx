import { Alert, Anchor, Box, Button, Group, List, NativeSelect, Stack, Table, Text, Title } from "@mantine/core";
import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/reports.$year";
import type { ServerArgs } from "../utils/route-args";
import { RowRemoval } from "../components/confirm-action";
import { useId } from "react";
import type { FormReply } from "../components/form-fields";
import { type AnnualSection, NOT_ENTERED, activityTotals, goalAreas, parseReportYear, reportYears } from "../domain/annual-report";
import { procurementStatuses } from "../domain/pilot";
import { SUPPRESSED_MARK, displayCount } from "../domain/suppression";
import { useMoney } from "../components/pilot-estimate";
import { PrintCover, PrintPageStyle } from "../components/pilot-print";
import { addActivity, buildAnnualReport, removeActivity, saveSectionText } from "../models/annual-report.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { ActivityForm, SectionTextForm, type SectionText } from "../components/annual-report-forms";
import { activitySchema, sectionTextSchema } from "../forms/pilot-forms";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";
import { DataTable } from "../components/data-table";

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
  const here = `/reports/${year}`;
  return dispatchIntent(formData, {
    saveText: async () => {
      const submission = parseSubmission(formData, sectionTextSchema);
      if (submission.status !== "success") return data({ section: String(formData.get("section") ?? ""), reply: submission.reply() }, { status: 400 });
      await saveSectionText({ db: db(), userId: user.id, year, ...submission.value });
      return redirectWithToast(here, { key: "annual.textSaved" });
    },
    addActivity: async () => {
      const submission = parseSubmission(formData, activitySchema);
      if (submission.status !== "success") return data({ section: "newActivity", reply: submission.reply() }, { status: 400 });
      await addActivity({ db: db(), userId: user.id, year, input: submission.value });
      return redirectWithToast(here, { key: "annual.activityAdded" });
    },
    removeActivity: async () => {
      const id = parseId(formData.get("activityId"));
      if (id === null || !(await removeActivity({ db: db(), userId: user.id, year, activityId: id }))) throw notFound();
      return redirectWithToast(here, { key: "annual.activityRemoved" });
    },
  });
}

export default function AnnualReportPage() {
  const { canEdit, years, report } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
    <ReportSection name={name} text={report.texts[name]} canEdit={canEdit} lastResult={actionData?.section === name ? actionData.reply : undefined}>
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
            <DataTable
              minWidth={360}
              withTableBorder
              columns={[t("annual.kind"), t("annual.organisations")]}
              rows={network.byKind.map((k) => ({ key: k.kind, header: t(`kind.${k.kind}` as MessageKey), cells: [number(k.count)] }))}
            />
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
          <DataTable
            minWidth={560}
            withTableBorder
            columns={[t("annual.meeting"), t("annual.registered"), t("annual.attended"), t("annual.topics")]}
            rows={report.external.meetings.meetings.map((m) => ({
              key: m.id,
              header: `${m.title} (${date(m.startsAt)})`,
              cells: [number(m.registered), number(m.attended), m.topics.join("; ") || "–"],
            }))}
          />
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
                  <DataTable
                    minWidth={560}
                    withTableBorder
                    columns={[
                      t("annual.activity"),
                      t("annual.hours"),
                      t("annual.percentOfTime"),
                      t("annual.cost"),
                      ...(canEdit ? [<span className="visually-hidden no-print">{t("pilot.actions")}</span>] : []),
                    ]}
                    rows={lines.map((a) => ({
                      key: a.id,
                      cells: [
                        `${a.activity}${a.isExample ? ` (${t("pilot.example")})` : ""}`,
                        orNotEntered(a.hours, number),
                        orNotEntered(a.percentOfTime, (v) => t("pilot.unit.percent", { amount: number(v) })),
                        orNotEntered(a.costSek, money),
                        ...(canEdit
                          ? [
                              <div className="no-print">
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
                              </div>,
                            ]
                          : []),
                      ],
                    }))}
                    footer={
                      <Table.Tr>
                        <Table.Th scope="row">{t("annual.total")}</Table.Th>
                        <Table.Td>{orNotEntered(totals[area].hours, number)}</Table.Td>
                        <Table.Td />
                        <Table.Td>{orNotEntered(totals[area].costSek, money)}</Table.Td>
                        {canEdit && (
                          <Table.Td>
                            <span className="no-print" />
                          </Table.Td>
                        )}
                      </Table.Tr>
                    }
                  />
                )}
                {lines.length > 0 && totals[area].costSek !== null && totals[area].costsNotEntered > 0 && (
                  <Text size="sm" mt={4}>
                    {t("annual.costsNotEntered", { count: totals[area].costsNotEntered })}
                  </Text>
                )}
              </Box>
            );
          })}
          {canEdit && <ActivityForm lastResult={actionData?.section === "newActivity" ? actionData.reply : undefined} />}
        </Stack>,
      )}
    </Stack>
  );
}

function ReportSection({
  name,
  text,
  canEdit,
  lastResult,
  children,
}: {
  name: AnnualSection;
  text: SectionText;
  canEdit: boolean;
  lastResult: FormReply | undefined;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
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
        {canEdit && <SectionTextForm section={name} title={title} text={text} lastResult={lastResult} />}
      </Stack>
    </Box>
  );
}
