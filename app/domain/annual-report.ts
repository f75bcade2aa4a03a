/** The annual report's sections and goal areas. */
export const annualSections = ["internal", "network", "meetings", "requests", "bids", "activities"] as const;
export type AnnualSection = (typeof annualSections)[number];

export const goalAreas = ["internal_collaboration", "external_collaboration"] as const;
export type GoalArea = (typeof goalAreas)[number];

/** The first year of the project; an annual report can be asked for from then to next year. */
const FIRST_YEAR = 2021;

/** The mark for a figure nobody entered ("—"), unlike 0. */
export const NOT_ENTERED = "—";

export function parseReportYear(value: string | null | undefined, currentYear: number): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= FIRST_YEAR && year <= currentYear + 1 ? year : null;
}

/** Every year an annual report can be asked for, latest first (the year picker's choices). */
export function reportYears(currentYear: number): number[] {
  return Array.from({ length: currentYear + 1 - FIRST_YEAR + 1 }, (_, i) => currentYear + 1 - i);
}

export interface ActivityTotal {
  /** Null when no line of the area has the figure entered: "—", not 0. */
  hours: number | null;
  costSek: number | null;
  /** Lines whose cost is not entered, left out of the sum. */
  costsNotEntered: number;
}

/** Sums of the activity lines per goal area, over the lines that have the figure entered. */
export function activityTotals(lines: { goalArea: GoalArea; hours: number | null; percentOfTime: number | null; costSek: number | null }[]) {
  const sum = (values: (number | null)[]) => {
    const entered = values.filter((v): v is number => v !== null);
    return entered.length === 0 ? null : entered.reduce((s, v) => s + v, 0);
  };
  return Object.fromEntries(
    goalAreas.map((area) => {
      const own = lines.filter((l) => l.goalArea === area);
      const total: ActivityTotal = {
        hours: sum(own.map((l) => l.hours)),
        costSek: sum(own.map((l) => l.costSek)),
        costsNotEntered: own.filter((l) => l.costSek === null).length,
      };
      return [area, total];
    }),
  ) as Record<GoalArea, ActivityTotal>;
}
