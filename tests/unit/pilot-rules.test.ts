import { describe, expect, it } from "vitest";
import { activityTotals, parseReportYear, reportYears } from "../../app/domain/annual-report";
import { reportCounts } from "../../app/domain/pilot";
import { type PilotReport, reportCsv } from "../../app/domain/pilot-report";
import { integerSolver } from "../../app/models/integer-solver.server";

describe("the annual report's rules", () => {
  it("accepts the project's years only", () => {
    expect(parseReportYear("2023", 2026)).toBe(2023);
    expect(parseReportYear("2027", 2026)).toBe(2027);
    expect(parseReportYear("2028", 2026)).toBeNull();
    expect(parseReportYear("2020", 2026)).toBeNull();
    expect(parseReportYear("23", 2026)).toBeNull();
    expect(parseReportYear("2023abc", 2026)).toBeNull();
    expect(parseReportYear(undefined, 2026)).toBeNull();
  });

  it("offers every year of the project up to next year, latest first", () => {
    expect(reportYears(2026)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021]);
    for (const year of reportYears(2026)) expect(parseReportYear(String(year), 2026)).toBe(year);
  });

  it("sums hours and costs per goal area over what is entered, and keeps 'not entered' apart from 0", () => {
    const totals = activityTotals([
      { goalArea: "internal_collaboration", hours: 10, percentOfTime: 25, costSek: 1000 },
      { goalArea: "internal_collaboration", hours: null, percentOfTime: null, costSek: null },
      { goalArea: "external_collaboration", hours: null, percentOfTime: null, costSek: 0 },
    ]);
    expect(totals).toEqual({
      internal_collaboration: { hours: 10, costSek: 1000, costsNotEntered: 1 },
      external_collaboration: { hours: null, costSek: 0, costsNotEntered: 0 },
    });
    expect(activityTotals([{ goalArea: "internal_collaboration", hours: null, percentOfTime: 25, costSek: null }]).internal_collaboration).toEqual({
      hours: null,
      costSek: null,
      costsNotEntered: 1,
    });
  });
});

describe("the CSV export", () => {
  it("writes hidden counts as .., keeps negative estimates as numbers and defuses formulas in text", async () => {
    const { counts } = reportCounts({
      rows: [
        {
          procurementId: 1,
          gender: "women",
          periodFrom: "2024-01-01",
          periodTo: "2024-06-30",
          participants: 3,
          onSocialAssistance: 3,
          outcomes: { work: 1, studies: 0, unemployment_benefit: 0, social_assistance: 0, other_unknown: 0 },
        },
      ],
      procurementIds: [1],
      solver: await integerSolver(),
    });
    const report = {
      period: { from: "2024-01-01", to: "2024-12-31" },
      generatedAt: "2024-12-31T00:00:00.000Z",
      procurements: [{ id: 1, title: '=HYPERLINK("x")' }],
      pilotNotes: {},
      counts,
      estimate: {
        valuesOn: "2024-12-31",
        parameters: [],
        missing: [],
        perPerson: { individual: 1000, municipality: 2000, state: -3000, employer: 400, society: 400 },
        intoWork: counts.outcomes.all.work,
        procurements: 1,
        period: null,
      },
      extraCosts: [],
      extraCostTotalSek: 0,
    } as unknown as PilotReport;
    const csv = reportCsv(report);
    expect(csv).toContain("participants,women,total,..\r\n");
    expect(csv).toContain("estimate_per_person_sek,state,value,-3000\r\n");
    expect(csv).toContain("estimate_into_work,all,count,..\r\n");
    expect(csv).toContain(`participants_by_procurement,"'=HYPERLINK(""x"")",women,..`);
    // No count of people from 1 to 4 (the number of procurements is no count of people).
    const peopleLines = csv
      .split("\r\n")
      .filter((line) => /^(participants|outcomes|outcome_groups|participants_by_procurement|estimate_into_work),/.test(line));
    expect(peopleLines.filter((line) => /,[1-4]$/.test(line))).toEqual([]);
    expect(csv).not.toContain("<5");
  });
});
