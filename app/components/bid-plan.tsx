import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Alert, List, Progress, Stack, Text, Title } from "@mantine/core";
import type { BidPlanSummary, PlanSummary } from "../domain/joint-bid";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { idleText, percent, shortfallText, unitLabel } from "./bid-text";
import { DataTable, headings } from "./data-table";

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

      <DataTable
        minWidth={420}
        striped
        withTableBorder
        aria-label={t("bids.load")}
        caption={t("bids.load")}
        columns={headings(t, "bids.load.organisation", "bids.load.allocated", "bids.load.capacity", "bids.load.utilisation")}
        rows={plan.participants.map((p) => ({
          key: p.organisationId,
          header: name(p.organisationId),
          cells: [number(p.allocated), number(p.capacity), `${percent(number, p.utilisation * 100)} %`],
        }))}
      />

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
        <DataTable
          minWidth={360}
          withTableBorder
          aria-label={t("bids.chart.title")}
          caption={t("bids.chart.title")}
          columns={headings(t, "bids.chart.week", "bids.chart.demanded", "bids.chart.covered")}
          rows={weeks.map((w) => ({ key: w.week, header: w.week, cells: [number(w.demanded), number(w.covered)] }))}
        />
      </details>
    </Stack>
  );
}

export function AllocationTable({ plan, names }: { plan: PlanSummary; names: Record<number, string> }) {
  const { t, number } = useI18n();
  if (plan.allocations.length === 0) return null;
  return (
    <DataTable
      minWidth={560}
      striped
      withTableBorder
      caption={t("bids.allocations")}
      columns={headings(
        t,
        "bids.load.organisation",
        "bids.allocations.item",
        "bids.allocations.site",
        "bids.allocations.weekday",
        "bids.allocations.quantity",
        "bids.allocations.days",
      )}
      rows={plan.allocations.map((row) => ({
        key: `${row.organisationId}-${row.item}-${row.site}-${row.weekday}`,
        cells: [
          names[row.organisationId] ?? row.organisationId,
          row.item,
          row.site,
          t(`bids.weekdays.${row.weekday}` as MessageKey),
          `${number(row.quantity)} ${unitLabel(t, row.unit)}`,
          number(row.days),
        ],
      }))}
    />
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
