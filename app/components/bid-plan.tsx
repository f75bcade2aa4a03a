import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Alert, List, Progress, Stack, Table, Text, Title } from "@mantine/core";
import type { BidPlanSummary, PlanSummary } from "../domain/joint-bid";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { idleText, percent, shortfallText, unitLabel } from "./bid-text";
import { TableScroller } from "./data-table";

/**
 * The stored plan of a joint bid: coverage on confirmed commitments with, beside it, what every
 * pending commitment would add; shortfall per site and weekday in words with the idle capacity that
 * fits it; load per participant; allocation per participant, site and weekday; and demand against
 * allocation per week as a chart with the same figures as a table for screen readers and for anyone
 * who prefers it. `unit` is the request's one unit ("" when its lines count in several).
 */
export function BidPlan({ plan, names, unit }: { plan: BidPlanSummary & { plannedAt: string }; names: Record<number, string>; unit: string }) {
  const { t, number, date } = useI18n();
  const name = (id: number) => names[id] ?? String(id);
  const weeks = plan.weeks.map((w) => ({ week: date(w.week), demanded: w.demanded, covered: w.covered }));
  return (
    <Stack gap="md">
      <Text size="sm">{t("bids.plan.madeAt", { date: date(plan.plannedAt) })}</Text>
      <Text fw={700} size="xl" data-testid="plan-coverage">
        {t("bids.plan.coverage", { percent: percent(number, plan.coverage) })}
      </Text>
      <Progress value={Math.min(100, plan.coverage)} aria-hidden="true" />
      <Text size="sm">{t("bids.plan.coveredOf", { covered: number(plan.covered), demanded: number(plan.demanded), unit: unitLabel(t, unit) })}</Text>
      {plan.pending !== undefined && (
        <>
          <Text size="sm">{t("bids.plan.confirmedOnly")}</Text>
          <Text fw={600} data-testid="plan-pending">
            {plan.pending ? t("bids.plan.pending", { percent: percent(number, plan.pending.coverage) }) : t("bids.plan.noPending")}
          </Text>
        </>
      )}

      <Title order={3} size="h4">
        {t("bids.plan.shortfall")}
      </Title>
      {plan.shortfall.length === 0 ? (
        <Text>{t("bids.plan.noShortfall")}</Text>
      ) : (
        <List size="sm" data-testid="shortfall">
          {plan.shortfall.map((row) => (
            <List.Item key={`${row.item}-${row.site}-${row.weekday}`}>{shortfallText(t, number, row)}</List.Item>
          ))}
        </List>
      )}
      {plan.idle && plan.idle.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t("bids.plan.idle")}
          </Title>
          <List size="sm" data-testid="idle-capacity">
            {plan.idle.map((hint) => (
              <List.Item key={`${hint.organisationId}-${hint.item}-${hint.site}-${hint.weekday}`}>
                {idleText(t, number, hint, name(hint.organisationId))}
              </List.Item>
            ))}
          </List>
        </>
      )}

      <TableScroller minWidth={420} label={t("bids.load")}>
        <Table striped withTableBorder captionSide="top">
          <Table.Caption style={{ textAlign: "left" }}>{t("bids.load")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("bids.load.organisation")}</Table.Th>
              <Table.Th scope="col">{t("bids.load.allocated")}</Table.Th>
              <Table.Th scope="col">{t("bids.load.capacity")}</Table.Th>
              <Table.Th scope="col">{t("bids.load.utilisation")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.participants.map((p) => (
              <Table.Tr key={p.organisationId}>
                <Table.Th scope="row">{name(p.organisationId)}</Table.Th>
                <Table.Td>{number(p.allocated)}</Table.Td>
                <Table.Td>{number(p.capacity)}</Table.Td>
                <Table.Td>{percent(number, p.utilisation * 100)} %</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroller>

      <AllocationTable plan={plan} names={names} />

      <Title order={3} size="h4" id="bid-chart-title">
        {t("bids.chart.title")}
      </Title>
      <div aria-hidden="true" className="bid-no-print">
        <BarChart
          h={260}
          data={weeks}
          dataKey="week"
          series={[
            { name: "demanded", label: t("bids.chart.demanded"), color: "gray.5" },
            { name: "covered", label: t("bids.chart.covered"), color: "blue.7" },
          ]}
          withLegend
          tickLine="y"
        />
      </div>
      <details>
        <summary>{t("bids.chart.table")}</summary>
        <TableScroller minWidth={360} label={t("bids.chart.title")}>
          <Table withTableBorder captionSide="top">
            <Table.Caption style={{ textAlign: "left" }}>{t("bids.chart.title")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("bids.chart.week")}</Table.Th>
                <Table.Th scope="col">{t("bids.chart.demanded")}</Table.Th>
                <Table.Th scope="col">{t("bids.chart.covered")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeks.map((w) => (
                <Table.Tr key={w.week}>
                  <Table.Th scope="row">{w.week}</Table.Th>
                  <Table.Td>{number(w.demanded)}</Table.Td>
                  <Table.Td>{number(w.covered)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroller>
      </details>
    </Stack>
  );
}

export function AllocationTable({ plan, names }: { plan: PlanSummary; names: Record<number, string> }) {
  const { t, number } = useI18n();
  if (plan.allocations.length === 0) return null;
  return (
    <TableScroller minWidth={560}>
      <Table striped withTableBorder captionSide="top">
        <Table.Caption style={{ textAlign: "left" }}>{t("bids.allocations")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("bids.load.organisation")}</Table.Th>
            <Table.Th scope="col">{t("bids.allocations.item")}</Table.Th>
            <Table.Th scope="col">{t("bids.allocations.site")}</Table.Th>
            <Table.Th scope="col">{t("bids.allocations.weekday")}</Table.Th>
            <Table.Th scope="col">{t("bids.allocations.quantity")}</Table.Th>
            <Table.Th scope="col">{t("bids.allocations.days")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.allocations.map((row) => (
            <Table.Tr key={`${row.organisationId}-${row.item}-${row.site}-${row.weekday}`}>
              <Table.Td>{names[row.organisationId] ?? row.organisationId}</Table.Td>
              <Table.Td>{row.item}</Table.Td>
              <Table.Td>{row.site}</Table.Td>
              <Table.Td>{t(`bids.weekdays.${row.weekday}` as MessageKey)}</Table.Td>
              <Table.Td>
                {number(row.quantity)} {unitLabel(t, row.unit)}
              </Table.Td>
              <Table.Td>{number(row.days)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroller>
  );
}

/** The stored plan no longer answers the bid: its commitments changed, or the buyer amended the request. */
export function PlanStaleNotice({ amended }: { amended: boolean }) {
  const { t } = useI18n();
  return (
    <Alert color="yellow" variant="light" data-testid="plan-stale">
      <Text c="dark.9">{t(amended ? "bids.plan.staleAmended" : "bids.plan.stale")}</Text>
    </Alert>
  );
}
