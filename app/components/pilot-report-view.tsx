import "@mantine/charts/styles.css";
import "../styles/pilot-print.css";
import { BarChart } from "@mantine/charts";
import { Alert, Anchor, Box, Code, List, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useId } from "react";
import { type NotePoint, genderKeys, outcomeColumns, procurementKinds } from "../domain/pilot";
import type { PilotReport } from "../domain/pilot-report";
import { stakeholders } from "../domain/socio-economic";
import { type ShownCount, SUPPRESSED_LABEL } from "../domain/suppression";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { DataTable } from "./data-table";
import { Formula } from "./pilot-sections";

/** The eight-point report, on screen and on paper (A4, one point per page). Every count is already suppressed. */
export function PilotReportView({ report }: { report: PilotReport }) {
  const { t, date } = useI18n();
  return (
    <Stack gap="xl" className="print-document">
      <Text>
        {t("pilot.report.period", { from: date(report.period.from), to: date(report.period.to) })}
      </Text>
      <Alert color="blue" variant="light" className="report-legend">
        <Text size="sm" c="dark.9">
          {t("pilot.report.suppressionLegend", { label: SUPPRESSED_LABEL })}
        </Text>
      </Alert>
      <PointOne report={report} />
      <NotesPoint report={report} point={2} extra={<KindSummary report={report} />} />
      <NotesPoint report={report} point={3} />
      <NotesPoint report={report} point={4} />
      <PointFive report={report} />
      <PointSix report={report} />
      <PointSeven report={report} />
      <NotesPoint report={report} point={8} />
    </Stack>
  );
}

function Point({ n, children }: { n: number; children: React.ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} className="report-point">
      <Title order={2} id={id} mb="sm" style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
        {n}. {t(`pilot.point.${n}` as MessageKey)}
      </Title>
      <Stack gap="md">{children}</Stack>
    </Box>
  );
}

function PointOne({ report }: { report: PilotReport }) {
  const { t, date, number } = useI18n();
  if (report.procurements.length === 0) {
    return (
      <Point n={1}>
        <Text>{t("pilot.report.noProcurements")}</Text>
      </Point>
    );
  }
  return (
    <Point n={1}>
      {report.procurements.map((p) => (
        <Box key={p.id} className="report-block">
          <Title order={3} size="h4">
            {p.title}
          </Title>
          <Table variant="vertical" withTableBorder layout="fixed" mt="xs">
            <Table.Tbody>
              <Row label={t("pilot.field.kind")} value={t(`pilot.kind.${p.kind}` as MessageKey)} />
              <Row label={t("pilot.field.status")} value={t(`pilot.status.${p.status}` as MessageKey)} />
              <Row label={t("pilot.field.buyingUnit")} value={p.buyingUnit} />
              <Row label={t("pilot.field.supplier")} value={p.supplier ?? "–"} />
              <Row label={t("pilot.field.cpv")} value={p.cpvCode ?? "–"} />
              <Row
                label={t("pilot.field.period")}
                value={p.startDate || p.endDate ? `${p.startDate ? date(p.startDate) : "…"} – ${p.endDate ? date(p.endDate) : "…"}` : "–"}
              />
              <Row label={t("pilot.field.contractValue")} value={p.contractValueSek === null ? "–" : t("pilot.sek", { amount: number(p.contractValueSek) })} />
              <Row
                label={t("pilot.field.request")}
                value={
                  p.requestId && p.requestTitle ? (
                    <Anchor component={Link} to={`/requests/${p.requestId}`}>
                      {p.requestTitle}
                    </Anchor>
                  ) : (
                    "–"
                  )
                }
              />
            </Table.Tbody>
          </Table>
        </Box>
      ))}
    </Point>
  );
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="40%">{label}</Table.Th>
      <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
    </Table.Tr>
  );
}

function KindSummary({ report }: { report: PilotReport }) {
  const { t } = useI18n();
  return (
    <List>
      {procurementKinds.map((k) => (
        <List.Item key={k}>
          {t(`pilot.kind.${k}` as MessageKey)}: {report.procurements.filter((p) => p.kind === k).length}
        </List.Item>
      ))}
    </List>
  );
}

function NotesPoint({ report, point, extra }: { report: PilotReport; point: NotePoint; extra?: React.ReactNode }) {
  const { t } = useI18n();
  const pilotNote = report.pilotNotes[point];
  const procurementNotes = report.procurements.filter((p) => p.notes[point]);
  return (
    <Point n={point}>
      {extra}
      {pilotNote && <Text style={{ whiteSpace: "pre-wrap" }}>{pilotNote}</Text>}
      {procurementNotes.map((p) => (
        <Box key={p.id}>
          <Title order={3} size="h5">
            {p.title}
          </Title>
          <Text style={{ whiteSpace: "pre-wrap" }}>{p.notes[point]}</Text>
        </Box>
      ))}
      {!pilotNote && procurementNotes.length === 0 && <Text c="dimmed">{t("pilot.report.noText")}</Text>}
    </Point>
  );
}

function useCount() {
  const { number } = useI18n();
  return (c: ShownCount) => (c.suppressed ? SUPPRESSED_LABEL : number(c.value));
}

function PointFive({ report }: { report: PilotReport }) {
  const { t } = useI18n();
  const show = useCount();
  const { counts } = report;
  const genderLabel = (g: string) => t(`pilot.gender.${g}` as MessageKey);
  const participantsData = genderKeys
    .filter((g) => g !== "all")
    .map((g) => ({
      gender: genderLabel(g),
      onSocialAssistance: counts.participants[g].onSocialAssistance.value,
      notOnSocialAssistance: counts.participants[g].notOnSocialAssistance.value,
    }));
  const outcomeData = genderKeys
    .filter((g) => g !== "all")
    .map((g) => ({ gender: genderLabel(g), ...Object.fromEntries(outcomeColumns.map((c) => [c, counts.outcomes[g][c].value])) }));
  const colors = ["teal.7", "blue.7", "orange.7", "red.7", "gray.6", "grape.7"];
  return (
    <Point n={5}>
      <Text size="sm">{t("pilot.report.countsOnly")}</Text>
      <ChartWithTable
        title={t("pilot.report.participantsChart")}
        chart={
          <BarChart
            h={260}
            data={participantsData}
            dataKey="gender"
            type="stacked"
            withLegend
            series={[
              { name: "onSocialAssistance", label: t("pilot.outcome.onSocialAssistance"), color: "blue.7" },
              { name: "notOnSocialAssistance", label: t("pilot.outcome.notOnSocialAssistance"), color: "gray.5" },
            ]}
          />
        }
        table={
          <DataTable
            minWidth={420}
            withTableBorder
            columns={[t("pilot.outcome.gender"), t("pilot.outcome.participants"), t("pilot.outcome.onSocialAssistance"), t("pilot.outcome.notOnSocialAssistance")]}
            rows={genderKeys.map((g) => ({
              key: g,
              header: genderLabel(g),
              cells: [show(counts.participants[g].total), show(counts.participants[g].onSocialAssistance), show(counts.participants[g].notOnSocialAssistance)],
            }))}
          />
        }
      />
      <ChartWithTable
        title={t("pilot.report.outcomesChart")}
        chart={
          <BarChart
            h={280}
            data={outcomeData}
            dataKey="gender"
            type="stacked"
            withLegend
            series={outcomeColumns.map((c, i) => ({ name: c, label: t(`pilot.outcome.${c}` as MessageKey), color: colors[i] }))}
          />
        }
        table={
          <DataTable
            minWidth={640}
            withTableBorder
            columns={[
              t("pilot.outcome.gender"),
              ...outcomeColumns.map((c) => t(`pilot.outcome.${c}` as MessageKey)),
              t("pilot.outcome.workOrStudiesShare"),
              t("pilot.outcome.benefitOrAssistanceShare"),
            ]}
            rows={genderKeys.map((g) => ({
              key: g,
              header: genderLabel(g),
              cells: [...outcomeColumns.map((c) => show(counts.outcomes[g][c])), share(counts.shares[g].workOrStudies), share(counts.shares[g].benefitOrAssistance)],
            }))}
          />
        }
      />
      {counts.byProcurement.length > 0 && (
        <Box>
          <Title order={3} size="h4" mb="xs">
            {t("pilot.report.byProcurement")}
          </Title>
          <DataTable
            minWidth={520}
            withTableBorder
            columns={[t("pilot.field.title"), ...genderKeys.map(genderLabel)]}
            rows={counts.byProcurement.map((p) => ({
              key: p.procurementId,
              header: report.procurements.find((x) => x.id === p.procurementId)?.title ?? p.procurementId,
              cells: genderKeys.map((g) => show(p.counts[g])),
            }))}
          />
        </Box>
      )}
    </Point>
  );
}

function share(value: number | null): string {
  return value === null ? "–" : `${value} %`;
}

/** A chart for sighted readers, and the same figures as a table (which is what screen readers and print get). */
function ChartWithTable({ title, chart, table }: { title: string; chart: React.ReactNode; table: React.ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <Box component="figure" m={0} aria-labelledby={id} className="report-block">
      <Title order={3} size="h4" id={id} mb="xs">
        {title}
      </Title>
      <Box aria-hidden="true" className="report-chart" mb={4}>
        {chart}
      </Box>
      <Text size="xs" mb="sm">
        {t("pilot.report.chartNote", { label: SUPPRESSED_LABEL })}
      </Text>
      {table}
    </Box>
  );
}

function PointSix({ report }: { report: PilotReport }) {
  const { t, number, date } = useI18n();
  const sek = (v: number) => t("pilot.sek", { amount: number(v) });
  const { estimate } = report;
  return (
    <Point n={6}>
      <Alert color="yellow" variant="light">
        <Text size="sm" c="dark.9">
          {t("pilot.estimate.disclaimer")}
        </Text>
      </Alert>
      <DataTable
        minWidth={560}
        withTableBorder
        columns={[t("pilot.estimate.stakeholder"), t("pilot.estimate.perPerson"), t("pilot.estimate.forParticipants"), t("pilot.estimate.formula")]}
        rows={stakeholders.map((s) => ({
          key: s,
          header: t(`pilot.stakeholder.${s}` as MessageKey),
          cells: [sek(estimate.perPerson[s]), estimate.forParticipants ? sek(estimate.forParticipants[s]) : "–", <Formula key="formula" stakeholder={s} />],
        }))}
      />
      <Text size="sm">{t("pilot.estimate.terms")}</Text>
      {!estimate.forParticipants && <Text size="sm">{t("pilot.estimate.noParticipantsTotal")}</Text>}
      <Title order={3} size="h4">
        {t("pilot.estimate.parameters")}
      </Title>
      <DataTable
        minWidth={560}
        withTableBorder
        columns={[t("pilot.estimate.parameter"), t("pilot.estimate.value"), t("pilot.estimate.source"), t("pilot.estimate.asOf")]}
        rows={estimate.parameters.map((p) => ({
          key: p.key,
          header: (
            <>
              {t(`pilot.parameter.${p.key}` as MessageKey)} <Code>{p.key}</Code>
            </>
          ),
          cells: [
            `${number(p.value)} ${p.unit}`,
            <Text key="source" span inherit style={{ overflowWrap: "anywhere" }}>
              {p.source}
            </Text>,
            date(p.asOf),
          ],
        }))}
      />
    </Point>
  );
}

function PointSeven({ report }: { report: PilotReport }) {
  const { t, number } = useI18n();
  const sek = (v: number) => t("pilot.sek", { amount: number(v) });
  return (
    <NotesPoint
      report={report}
      point={7}
      extra={
        report.extraCosts.length === 0 ? (
          <Text>{t("pilot.report.noExtraCosts")}</Text>
        ) : (
          <DataTable
            minWidth={560}
            withTableBorder
            columns={[t("pilot.cost.description"), t("pilot.cost.procurement"), t("pilot.cost.amount"), t("pilot.cost.proposal")]}
            rows={report.extraCosts.map((c, i) => ({ key: i, cells: [c.description, c.procurementTitle ?? t("pilot.cost.wholePilot"), sek(c.amountSek), c.proposal] }))}
            footer={
              <Table.Tr>
                <Table.Th scope="row" colSpan={2}>
                  {t("pilot.cost.total")}
                </Table.Th>
                <Table.Td colSpan={2}>{sek(report.extraCostTotalSek)}</Table.Td>
              </Table.Tr>
            }
          />
        )
      }
    />
  );
}
