import { Alert, Anchor, Box, List, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useId } from "react";
import { type NotePoint, genderKeys, outcomeColumns, procurementKinds } from "../domain/pilot";
import type { PilotReport } from "../domain/pilot-report";
import { type ShownCount, SUPPRESSED_MARK } from "../domain/suppression";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { CountBarChart } from "./pilot-bar-chart";
import { DataTable } from "./data-table";
import { LegacyEstimate, ParameterValuesTable, PerPersonTable, PeriodTotal, SymbolLegend, useMoney } from "./pilot-estimate";
import { PrintCover, PrintPageStyle } from "./pilot-print";

/**
 * The eight-point report, on screen and as a document to hand in (A4 with a cover, a running
 * header and page numbers). Every count is already suppressed.
 */
export function PilotReportView({ report, publication }: { report: PilotReport; publication: { version: number; publishedAt: string } | null }) {
  const { t, date } = useI18n();
  const period = t("pilot.report.period", { from: date(report.period.from), to: date(report.period.to) });
  const version = publication ? t("pilot.report.versionOf", { version: publication.version, date: date(publication.publishedAt) }) : t("pilot.report.draft");
  return (
    <Stack gap="xl" className="print-document">
      <PrintPageStyle header={`${t("pilot.report.title")} · ${t("pilot.report.municipality")} · ${period} · ${version}`} />
      <PrintCover
        title={t("pilot.report.title")}
        subtitle={t("pilot.report.pilotName")}
        facts={[
          { label: t("pilot.report.coverPeriod"), value: `${date(report.period.from)} – ${date(report.period.to)}` },
          { label: t("pilot.report.coverVersion"), value: version },
          { label: t("pilot.report.coverDate"), value: date(publication?.publishedAt ?? report.generatedAt) },
        ]}
      />
      <Text>{period}</Text>
      <Alert color="blue" variant="light" className="report-legend">
        <Text size="sm" c="dark.9">
          {t("pilot.report.suppressionLegend", { mark: SUPPRESSED_MARK })}
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
  const { t, date } = useI18n();
  const money = useMoney();
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
              <Row label={t("pilot.field.contractValue")} value={p.contractValueSek === null ? "–" : money(p.contractValueSek)} />
              <Row
                label={t("pilot.field.request")}
                value={
                  p.requestId && p.requestTitle ? (
                    <Anchor component={Link} to={`/requests/${p.requestId}`} inherit>
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
  return (c: ShownCount) => (c.suppressed ? SUPPRESSED_MARK : number(c.value));
}

const outcomeColours = ["#0b7285", "#1864ab", "#d9480f", "#c92a2a", "#495057", "#862e9c"];

function PointFive({ report }: { report: PilotReport }) {
  const { t, number } = useI18n();
  const show = useCount();
  // A share of nobody is no share ("–"); a share of a hidden count is hidden too.
  const share = (value: number | null, base: ShownCount) =>
    value !== null ? t("pilot.unit.percent", { amount: number(value) }) : !base.suppressed && base.value === 0 ? "–" : SUPPRESSED_MARK;
  const { counts } = report;
  const genderLabel = (g: string) => t(`pilot.gender.${g}` as MessageKey);
  return (
    <Point n={5}>
      <Text size="sm">{t("pilot.report.countsOnly")}</Text>
      <ChartWithTable
        title={t("pilot.report.participantsChart")}
        chart={
          <CountBarChart
            groups={genderKeys.map((g) => ({ key: g, label: genderLabel(g), values: counts.participants[g] }))}
            series={[
              { key: "total", label: t("pilot.outcome.participants"), color: "#2b8a3e" },
              { key: "onSocialAssistance", label: t("pilot.outcome.onSocialAssistance"), color: "#1864ab" },
              { key: "notOnSocialAssistance", label: t("pilot.outcome.notOnSocialAssistance"), color: "#868e96" },
            ]}
          />
        }
        table={
          <DataTable
            minWidth={420}
            withTableBorder
            className="report-table-wide"
            columns={[
              t("pilot.outcome.gender"),
              t("pilot.outcome.participants"),
              t("pilot.outcome.onSocialAssistance"),
              t("pilot.outcome.notOnSocialAssistance"),
            ]}
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
          <CountBarChart
            groups={genderKeys.map((g) => ({ key: g, label: genderLabel(g), values: counts.outcomes[g] }))}
            series={outcomeColumns.map((c, i) => ({ key: c, label: t(`pilot.outcome.${c}` as MessageKey), color: outcomeColours[i] }))}
          />
        }
        table={
          <DataTable
            minWidth={640}
            withTableBorder
            className="report-table-wide"
            columns={[
              t("pilot.outcome.gender"),
              ...outcomeColumns.map((c) => t(`pilot.outcome.${c}` as MessageKey)),
              t("pilot.outcome.workOrStudiesShare"),
              t("pilot.outcome.benefitOrAssistanceShare"),
            ]}
            rows={genderKeys.map((g) => ({
              key: g,
              header: genderLabel(g),
              cells: [
                ...outcomeColumns.map((c) => show(counts.outcomes[g][c])),
                share(counts.shares[g].workOrStudies, counts.participants[g].total),
                share(counts.shares[g].benefitOrAssistance, counts.participants[g].total),
              ],
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
            className="report-table-wide"
            columns={[t("pilot.field.title"), ...genderKeys.map(genderLabel)]}
            rows={[
              ...counts.byProcurement.map((p) => ({
                key: p.procurementId,
                header: report.procurements.find((x) => x.id === p.procurementId)?.title ?? p.procurementId,
                cells: genderKeys.map((g) => show(p.counts[g])),
              })),
              { key: "total", header: t("pilot.gender.all"), cells: genderKeys.map((g) => show(counts.byProcurementTotal[g])) },
            ]}
          />
        </Box>
      )}
    </Point>
  );
}

/** A chart for sighted readers, and the same figures as a table (which is what screen readers get). */
function ChartWithTable({ title, chart, table }: { title: string; chart: React.ReactNode; table: React.ReactNode }) {
  const id = useId();
  return (
    <Box component="figure" m={0} aria-labelledby={id} className="report-block">
      <Title order={3} size="h4" id={id} mb="xs">
        {title}
      </Title>
      <Box aria-hidden="true" className="report-chart" mb="sm">
        {chart}
      </Box>
      {table}
    </Box>
  );
}

function PointSix({ report }: { report: PilotReport }) {
  const { t, date } = useI18n();
  const { estimate } = report;
  const months = estimate.parameters.find((p) => p.key === "months")?.value;
  return (
    <Point n={6}>
      <Alert color="yellow" variant="light">
        <Text size="sm" c="dark.9">
          {t("pilot.estimate.disclaimer")}
        </Text>
      </Alert>
      <Text size="sm">{t("pilot.estimate.model")}</Text>
      {estimate.legacy ? (
        <LegacyEstimate legacy={estimate.legacy} />
      ) : (
        <>
          <Text size="sm">{t("pilot.estimate.valuesOn", { date: date(estimate.valuesOn) })}</Text>
          {estimate.perPerson && months !== undefined && (
            <Box className="report-block">
              <Title order={3} size="h4" mb="xs">
                {t("pilot.estimate.perPersonTitle", { months })}
              </Title>
              <PerPersonTable perPerson={estimate.perPerson} />
            </Box>
          )}
          <Box className="report-block">
            <Title order={3} size="h4" mb="xs">
              {t("pilot.estimate.periodTitle")}
            </Title>
            <PeriodTotal estimate={estimate} />
          </Box>
          <Box className="report-block">
            <Title order={3} size="h4" mb="xs">
              {t("pilot.estimate.symbols")}
            </Title>
            <SymbolLegend />
          </Box>
          <Title order={3} size="h4">
            {t("pilot.estimate.parameters")}
          </Title>
          <ParameterValuesTable parameters={estimate.parameters} />
        </>
      )}
    </Point>
  );
}

function PointSeven({ report }: { report: PilotReport }) {
  const { t } = useI18n();
  const money = useMoney();
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
            className="report-table-wide"
            columns={[t("pilot.cost.description"), t("pilot.cost.procurement"), t("pilot.cost.amount"), t("pilot.cost.proposal")]}
            rows={report.extraCosts.map((c, i) => ({
              key: i,
              cells: [c.description, c.procurementTitle ?? t("pilot.cost.wholePilot"), money(c.amountSek), c.proposal],
            }))}
            footer={
              <Table.Tr>
                <Table.Th scope="row" colSpan={2}>
                  {t("pilot.cost.total")}
                </Table.Th>
                <Table.Td colSpan={2}>{money(report.extraCostTotalSek)}</Table.Td>
              </Table.Tr>
            }
          />
        )
      }
    />
  );
}
