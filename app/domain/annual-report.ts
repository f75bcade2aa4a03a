/** The annual report's sections and goal areas. */
export const annualSections = ["internal", "network", "meetings", "requests", "bids", "activities"] as const;
export type AnnualSection = (typeof annualSections)[number];

export const goalAreas = ["internal_collaboration", "external_collaboration"] as const;
export type GoalArea = (typeof goalAreas)[number];

/** The years an annual report can be asked for: the project began in 2021. */
export function parseReportYear(value: string | undefined, currentYear: number): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2021 && year <= currentYear + 1 ? year : null;
}

/** Sums of the activity lines per goal area. */
export function activityTotals(lines: { goalArea: GoalArea; hours: number | null; percentOfTime: number | null; costSek: number }[]) {
  return Object.fromEntries(
    goalAreas.map((area) => {
      const own = lines.filter((l) => l.goalArea === area);
      return [
        area,
        {
          hours: own.reduce((s, l) => s + (l.hours ?? 0), 0),
          costSek: own.reduce((s, l) => s + l.costSek, 0),
        },
      ];
    }),
  ) as Record<GoalArea, { hours: number; costSek: number }>;
}
