import { describe, expect, it } from "vitest";
import { activityTotals, parseReportYear } from "../../app/domain/annual-report";
import { isMunicipalityBuyerOrganisation, reportCounts } from "../../app/domain/pilot";
import { type PilotReport, reportCsv } from "../../app/domain/pilot-report";

describe("who counts as a municipality buyer organisation", () => {
  it("is a buyer organisation named as one of Lund municipality's units", () => {
    expect(isMunicipalityBuyerOrganisation({ kind: "buyer", name: "Lunds kommun – Upphandlingsenheten" })).toBe(true);
    expect(isMunicipalityBuyerOrganisation({ kind: "buyer", name: "Lunds kommun Serviceförvaltningen" })).toBe(true);
    expect(isMunicipalityBuyerOrganisation({ kind: "support", name: "Lunds kommun – Upphandlingsenheten" })).toBe(false);
    expect(isMunicipalityBuyerOrganisation({ kind: "buyer", name: "Byggbolaget i Lund AB" })).toBe(false);
    expect(isMunicipalityBuyerOrganisation({ kind: "buyer", name: "Lunds kommunala fastighetsbolag" })).toBe(false);
  });
});

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

  it("sums hours and costs per goal area", () => {
    const totals = activityTotals([
      { goalArea: "internal_collaboration", hours: 10, percentOfTime: 25, costSek: 1000 },
      { goalArea: "internal_collaboration", hours: null, percentOfTime: null, costSek: 500 },
      { goalArea: "external_collaboration", hours: 2.5, percentOfTime: null, costSek: 0 },
    ]);
    expect(totals).toEqual({ internal_collaboration: { hours: 10, costSek: 1500 }, external_collaboration: { hours: 2.5, costSek: 0 } });
  });
});

describe("the CSV export", () => {
  it("writes hidden counts as <5, keeps negative estimates as numbers and defuses formulas in text", () => {
    const counts = reportCounts(
      [{ procurementId: 1, gender: "women", participants: 3, onSocialAssistance: 3, outcomes: { work: 1, studies: 0, unemployment_benefit: 0, social_assistance: 0, other_unknown: 0 } }],
      [1],
    );
    const report = {
      period: { from: "2024-01-01", to: "2024-12-31" },
      generatedAt: "2024-12-31T00:00:00.000Z",
      procurements: [{ id: 1, title: '=HYPERLINK("x")' }],
      pilotNotes: {},
      counts,
      estimate: {
        parameters: [],
        perPerson: { individual: 1000, municipality: 2000, state: -3000, employer: 400, society: 400 },
        forParticipants: null,
        participants: counts.participants.all.total,
      },
      extraCosts: [],
      extraCostTotalSek: 0,
    } as unknown as PilotReport;
    const csv = reportCsv(report);
    expect(csv).toContain("participants,women,total,<5\r\n");
    expect(csv).toContain("estimate_per_person_sek,state,value,-3000\r\n");
    expect(csv).toContain(`participants_by_procurement,"'=HYPERLINK(""x"")",women,<5`);
    expect(csv).not.toMatch(/,[1-4]\r\n/);
  });
});
