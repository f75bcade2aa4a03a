import "@mantine/charts/styles.css";
import "../styles/pilot-print.css";
import { BarChart } from "@mantine/charts";
import { Alert, Anchor, Box, Code, List, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useId } from "react";
import { type NotePoint, genderKeys, outcomeColumns, procurementKinds } from "../domain/pilot";
import type { PilotReport } from "../domain/pilot-report";
import { formulaLines, stakeholders } from "../domain/socio-economic";
import { type ShownCount, SUPPRESSED_LABEL } from "../domain/suppression";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";

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
          <Table.ScrollContainer minWidth={420}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("pilot.outcome.gender")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.outcome.participants")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.outcome.onSocialAssistance")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.outcome.notOnSocialAssistance")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {genderKeys.map((g) => (
                  <Table.Tr key={g}>
                    <Table.Th scope="row">{genderLabel(g)}</Table.Th>
                    <Table.Td>{show(counts.participants[g].total)}</Table.Td>
                    <Table.Td>{show(counts.participants[g].onSocialAssistance)}</Table.Td>
                    <Table.Td>{show(counts.participants[g].notOnSocialAssistance)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("pilot.outcome.gender")}</Table.Th>
                  {outcomeColumns.map((c) => (
                    <Table.Th scope="col" key={c}>
                      {t(`pilot.outcome.${c}` as MessageKey)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t("pilot.outcome.workOrStudiesShare")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.outcome.benefitOrAssistanceShare")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {genderKeys.map((g) => (
                  <Table.Tr key={g}>
                    <Table.Th scope="row">{genderLabel(g)}</Table.Th>
                    {outcomeColumns.map((c) => (
                      <Table.Td key={c}>{show(counts.outcomes[g][c])}</Table.Td>
                    ))}
                    <Table.Td>{share(counts.shares[g].workOrStudies)}</Table.Td>
                    <Table.Td>{share(counts.shares[g].benefitOrAssistance)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        }
      />
      {counts.byProcurement.length > 0 && (
        <Box>
          <Title order={3} size="h4" mb="xs">
            {t("pilot.report.byProcurement")}
          </Title>
          <Table.ScrollContainer minWidth={520}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("pilot.field.title")}</Table.Th>
                  {genderKeys.map((g) => (
                    <Table.Th scope="col" key={g}>
                      {genderLabel(g)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {counts.byProcurement.map((p) => (
                  <Table.Tr key={p.procurementId}>
                    <Table.Th scope="row">{report.procurements.find((x) => x.id === p.procurementId)?.title ?? p.procurementId}</Table.Th>
                    {genderKeys.map((g) => (
                      <Table.Td key={g}>{show(p.counts[g])}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("pilot.estimate.stakeholder")}</Table.Th>
              <Table.Th scope="col">{t("pilot.estimate.perPerson")}</Table.Th>
              <Table.Th scope="col">{t("pilot.estimate.forParticipants")}</Table.Th>
              <Table.Th scope="col">{t("pilot.estimate.formula")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stakeholders.map((s) => (
              <Table.Tr key={s}>
                <Table.Th scope="row">{t(`pilot.stakeholder.${s}` as MessageKey)}</Table.Th>
                <Table.Td>{sek(estimate.perPerson[s])}</Table.Td>
                <Table.Td>{estimate.forParticipants ? sek(estimate.forParticipants[s]) : "–"}</Table.Td>
                <Table.Td>
                  <Code style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>{formulaLines[s]}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">{t("pilot.estimate.terms")}</Text>
      {!estimate.forParticipants && <Text size="sm">{t("pilot.estimate.noParticipantsTotal")}</Text>}
      <Title order={3} size="h4">
        {t("pilot.estimate.parameters")}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("pilot.estimate.parameter")}</Table.Th>
              <Table.Th scope="col">{t("pilot.estimate.value")}</Table.Th>
              <Table.Th scope="col">{t("pilot.estimate.source")}</Table.Th>
              <Table.Th scope="col">{t("pilot.estimate.asOf")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {estimate.parameters.map((p) => (
              <Table.Tr key={p.key}>
                <Table.Th scope="row">
                  {t(`pilot.parameter.${p.key}` as MessageKey)} <Code>{p.key}</Code>
                </Table.Th>
                <Table.Td>
                  {number(p.value)} {p.unit}
                </Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{p.source}</Table.Td>
                <Table.Td>{date(p.asOf)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("pilot.cost.description")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.cost.procurement")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.cost.amount")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.cost.proposal")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.extraCosts.map((c, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{c.description}</Table.Td>
                    <Table.Td>{c.procurementTitle ?? t("pilot.cost.wholePilot")}</Table.Td>
                    <Table.Td>{sek(c.amountSek)}</Table.Td>
                    <Table.Td>{c.proposal}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Th scope="row" colSpan={2}>
                    {t("pilot.cost.total")}
                  </Table.Th>
                  <Table.Td colSpan={2}>{sek(report.extraCostTotalSek)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    />
  );
}
