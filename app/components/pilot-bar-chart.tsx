import { Text } from "@mantine/core";
import { type ShownCount, SUPPRESSED_MARK } from "../domain/suppression";
import { useI18n } from "../utils/use-i18n";

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface ChartGroup {
  key: string;
  label: string;
  /** The group's counts by series key (a group may carry more than the chart's series). */
  values: Record<string, ShownCount>;
}

const width = 400;
const valueWidth = 44;
const barHeight = 12;
const barGap = 3;
const headingHeight = 16;
const groupGap = 10;

/**
 * Counts as grouped horizontal bars, drawn on the server as plain SVG, so that the chart is the
 * same without JavaScript, on a phone and on paper. A hidden count is never drawn: its place reads
 * "..". A group with no bar to draw (all its counts hidden or 0) is named in words instead, and
 * the chart says in words when it has nothing it may show. The table beside it is what screen
 * readers get.
 */
export function CountBarChart({ groups: allGroups, series }: { groups: ChartGroup[]; series: ChartSeries[] }) {
  const { t, number } = useI18n();
  const drawable = (g: ChartGroup) => series.some((s) => !g.values[s.key].suppressed && (g.values[s.key].value ?? 0) > 0);
  const groups = allGroups.filter(drawable);
  const leftOut = allGroups.filter((g) => !drawable(g));
  const valueOf = (g: ChartGroup, s: ChartSeries): ShownCount => g.values[s.key];
  const shown = groups.flatMap((g) => series.map((s) => valueOf(g, s))).filter((c): c is Extract<ShownCount, { suppressed: false }> => !c.suppressed);
  const anyHidden = groups.some((g) => series.some((s) => valueOf(g, s).suppressed));
  // Bars of nothing but zeros and ".." would be a chart with nothing in it.
  if (!shown.some((c) => c.value > 0)) {
    return <Text size="sm">{t("pilot.report.chartEmpty", { mark: SUPPRESSED_MARK })}</Text>;
  }
  const largest = Math.max(1, ...shown.map((c) => c.value));
  const barArea = width - valueWidth;
  const groupHeight = headingHeight + series.length * (barHeight + barGap);
  const height = groups.length * groupHeight + (groups.length - 1) * groupGap;
  return (
    <div className="count-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="presentation" focusable="false">
        {groups.map((group, g) => {
          const top = g * (groupHeight + groupGap);
          return (
            <g key={group.key} transform={`translate(0 ${top})`}>
              <text x={0} y={11} className="count-chart-heading">
                {group.label}
              </text>
              {series.map((s, i) => {
                const count = valueOf(group, s);
                const y = headingHeight + i * (barHeight + barGap);
                if (count.suppressed) {
                  return (
                    <text key={s.key} x={2} y={y + barHeight - 2} className="count-chart-hidden" data-series={s.key}>
                      {SUPPRESSED_MARK}
                    </text>
                  );
                }
                const length = (count.value / largest) * (barArea - 4);
                return (
                  <g key={s.key} data-series={s.key}>
                    <rect x={0} y={y} width={length} height={barHeight} fill={s.color} />
                    <text x={length + 4} y={y + barHeight - 2} className="count-chart-value">
                      {number(count.value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <ul className="count-chart-legend">
        {series.map((s) => (
          <li key={s.key}>
            {/* A drawn square, not a background: it prints even when backgrounds do not. */}
            <svg className="count-chart-swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
              <rect width={10} height={10} fill={s.color} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      {leftOut.length > 0 && <Text size="xs">{t("pilot.report.chartLeftOut", { mark: SUPPRESSED_MARK, groups: leftOut.map((g) => g.label).join(", ") })}</Text>}
      {anyHidden && <Text size="xs">{t("pilot.report.chartHidden", { mark: SUPPRESSED_MARK })}</Text>}
    </div>
  );
}
