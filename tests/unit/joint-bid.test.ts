import { describe, expect, it } from "vitest";
import {
  availablePerDelivery,
  buildPlanInput,
  commitmentDates,
  commitmentOffers,
  eligibilityReasons,
  findOverbooking,
  runPlanner,
  sitesForPlanner,
  summarisePlan,
  type StoredCapacityLine,
  commitmentsBeyondLine,
} from "../../app/domain/joint-bid";
import { planJointBid } from "../../app/domain/planner";

const weekdayLine: StoredCapacityLine = {
  id: 1,
  period: "weekday",
  quantity: 40,
  weekdays: [1, 2, 3, 4],
  validFrom: "2026-01-12",
  validTo: "2026-12-18",
  sites: ["Stadshuset", "Kristallen"],
};
const term = { from: "2026-03-02", to: "2026-03-13", skipHolidays: true };

describe("mapping sites to the planner", () => {
  it("turns a stored empty site list into null (every site), never [] (no site)", () => {
    expect(sitesForPlanner([])).toBeNull();
    expect(sitesForPlanner(["Linero"])).toEqual(["Linero"]);
    const offers = commitmentOffers([{ id: 7, organisationId: 3, item: "Sallad", quantity: 5, sites: [], dates: ["2026-03-02"] }]);
    expect(offers).toEqual([{ id: "c7:2026-03-02", orgId: "3", item: "Sallad", slot: "2026-03-02", sites: null, capacity: 5 }]);
  });

  it("lets an anywhere line cover demand at any site in a real plan", () => {
    const built = buildPlanInput({
      period: term,
      demand: [{ id: 1, item: "Sallad", unit: "portions", site: "Linero", weekdays: [1], quantity: 10 }],
      commitments: [{ id: 1, organisationId: 9, item: "Sallad", quantity: 10, sites: [], dates: ["2026-03-02", "2026-03-09"] }],
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(planJointBid(built.input).covered).toBe(20);
  });
});

describe("commitment arithmetic", () => {
  it("delivers only on weekdays the line works, inside its validity and the request period", () => {
    expect(commitmentDates(term, weekdayLine, [1, 5])).toEqual(["2026-03-02", "2026-03-09"]);
    expect(commitmentDates({ ...term, from: "2026-01-05", to: "2026-01-13" }, weekdayLine, [1, 2])).toEqual(["2026-01-12", "2026-01-13"]);
  });

  it("subtracts what other commitments hold, date by date", () => {
    const dates = commitmentDates(term, weekdayLine, [1, 2]);
    expect(availablePerDelivery(weekdayLine, [], dates)).toBe(40);
    const held = [
      { quantity: 25, dates: ["2026-03-03"] },
      { quantity: 10, dates: dates },
    ];
    expect(availablePerDelivery(weekdayLine, held, dates)).toBe(5);
    expect(availablePerDelivery(weekdayLine, held, ["2026-03-02"])).toBe(30);
    expect(availablePerDelivery(weekdayLine, held, [])).toBe(0);
  });

  it("finds the first over-booked date, and accepts exactly the capacity", () => {
    const held = [{ quantity: 30, dates: ["2026-03-03", "2026-03-10"] }];
    expect(findOverbooking(weekdayLine, held, { quantity: 10, dates: ["2026-03-02", "2026-03-03", "2026-03-10"] })).toBeNull();
    expect(findOverbooking(weekdayLine, held, { quantity: 11, dates: ["2026-03-02", "2026-03-03", "2026-03-10"] })).toEqual({
      period: "2026-03-03",
      capacity: 40,
      held: 30,
      wanted: 11,
    });
    expect(findOverbooking(weekdayLine, held, { quantity: 0, dates: ["2026-03-03"] })).toBeNull();
  });

  it("limits a weekly line per ISO week", () => {
    const weekly: StoredCapacityLine = { ...weekdayLine, period: "week", quantity: 100, weekdays: [], validFrom: null, validTo: null, sites: [] };
    const dates = commitmentDates(term, weekly, [1, 2, 3, 4, 5]);
    expect(dates).toHaveLength(10);
    expect(availablePerDelivery(weekly, [], dates)).toBe(20);
    expect(availablePerDelivery(weekly, [{ quantity: 10, dates: ["2026-03-02", "2026-03-03"] }], dates)).toBe(16);
    expect(findOverbooking(weekly, [{ quantity: 50, dates: ["2026-03-02"] }], { quantity: 10, dates: dates.slice(0, 5) })).toBeNull();
    expect(findOverbooking(weekly, [{ quantity: 51, dates: ["2026-03-02"] }], { quantity: 10, dates: dates.slice(0, 5) })?.period).toBe("2026-03-02");
  });
});

describe("planner input and summary", () => {
  const demand = [
    { id: 1, item: "Sallad", unit: "portions", site: "Stadshuset", weekdays: [2], quantity: 50 },
    { id: 2, item: "Sallad", unit: "portions", site: "Linero", weekdays: [2], quantity: 20 },
  ];

  it("refuses a commitment to a site the request does not deliver to", () => {
    const built = buildPlanInput({
      period: term,
      demand,
      commitments: [{ id: 1, organisationId: 4, item: "Sallad", quantity: 5, sites: ["Månen"], dates: ["2026-03-03"] }],
    });
    expect(built).toEqual({ ok: false, problem: { kind: "unknownSite", organisationId: 4, site: "Månen" } });
  });

  it("accepts no commitments: the demand on its delivery dates, and nothing to cover it", () => {
    const built = buildPlanInput({ period: term, demand, commitments: [] });
    if (!built.ok) throw new Error(`expected input, got ${built.problem.kind}`);
    // Independently: the period's Tuesdays are 3 and 10 March, each with both demand lines.
    expect(built.input.demand.map((d) => d.id)).toEqual(["d1:2026-03-03", "d1:2026-03-10", "d2:2026-03-03", "d2:2026-03-10"]);
    expect(built.input.capacity).toEqual([]);
    const plan = planJointBid(built.input);
    expect(plan.demanded).toBe(140);
    expect(plan.covered).toBe(0);
  });

  it("turns a planner input error into a problem, not an exception", () => {
    const result = runPlanner({ demand: [{ id: "", item: "x", site: "y", slot: "z", quantity: 1 }], capacity: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.kind).toBe("planner");
  });

  it("summarises coverage, shortfall per site and weekday, and load per participant", () => {
    const built = buildPlanInput({
      period: term,
      demand,
      commitments: [
        { id: 1, organisationId: 4, item: "Sallad", quantity: 30, sites: ["Stadshuset"], dates: ["2026-03-03", "2026-03-10"] },
        { id: 2, organisationId: 5, item: "Sallad", quantity: 40, sites: [], dates: ["2026-03-03"] },
      ],
    });
    if (!built.ok) throw new Error("expected input");
    const plan = planJointBid(built.input);
    const summary = summarisePlan(built.input, plan, () => "portions");
    expect(summary.demanded).toBe(140);
    expect(summary.covered).toBe(100);
    expect(summary.coverage).toBe(71.4);
    // On 10 March only organisation 4 delivers, 30 of Stadshuset's 50; Linero gets nothing.
    expect(summary.shortfall).toEqual([
      { item: "Sallad", unit: "portions", site: "Linero", weekday: 2, days: 1, missing: 20, maxPerDay: 20 },
      { item: "Sallad", unit: "portions", site: "Stadshuset", weekday: 2, days: 1, missing: 20, maxPerDay: 20 },
    ]);
    const four = summary.participants.find((p) => p.organisationId === 4)!;
    expect(four.capacity).toBe(60);
    expect(four.allocated + summary.participants.find((p) => p.organisationId === 5)!.allocated).toBe(100);
    expect(summary.weeks).toEqual([
      { week: "2026-03-02", demanded: 70, covered: 70 },
      { week: "2026-03-09", demanded: 70, covered: 30 },
    ]);
    expect(summary.allocations.reduce((s, r) => s + r.quantity, 0)).toBe(100);
  });
});

describe("eligibility", () => {
  it("names every reason an organisation cannot join a reserved procurement", () => {
    expect(eligibilityReasons({ workforce_share: 30, workforce_share_date: "2026-09-30", verified_at: "2026-10-01" })).toEqual([]);
    expect(eligibilityReasons({ workforce_share: 29, workforce_share_date: "2026-09-30", verified_at: "2026-10-01" })).toEqual(["shareBelowThreshold"]);
    expect(eligibilityReasons({ workforce_share: null, workforce_share_date: null, verified_at: null })).toEqual(["noWorkforceShare", "notVerified"]);
    expect(eligibilityReasons({ workforce_share: 50, workforce_share_date: null, verified_at: "x" })).toEqual(["noShareDate"]);
  });
});

describe("cutting a capacity line below confirmed commitments", () => {
  const line = { id: 1, period: "weekday" as const, quantity: 20, weekdays: [1, 2, 3], validFrom: null, validTo: null, sites: [] };
  const mondays = { bidId: 7, quantity: 12, dates: ["2026-03-02", "2026-03-09"] };
  const tuesdays = { bidId: 8, quantity: 8, dates: ["2026-03-03"] };

  it("names the commitments a lower quantity, a lost weekday, a later start or a removal could no longer carry", () => {
    const both = [mondays, { ...mondays, bidId: 9, quantity: 8 }];
    expect(commitmentsBeyondLine({ ...line, quantity: 20 }, both, both)).toEqual([]);
    expect(commitmentsBeyondLine({ ...line, quantity: 19 }, both, both).map((c) => c.bidId)).toEqual([7, 9]);
    expect(commitmentsBeyondLine({ ...line, weekdays: [1, 3] }, [mondays, tuesdays], [mondays, tuesdays]).map((c) => c.bidId)).toEqual([8]);
    expect(commitmentsBeyondLine({ ...line, validFrom: "2026-03-05" }, [mondays, tuesdays], [mondays, tuesdays]).map((c) => c.bidId)).toEqual([7, 8]);
    expect(commitmentsBeyondLine(null, [mondays, { ...tuesdays, quantity: 0 }], []).map((c) => c.bidId)).toEqual([7]);
  });

  it("counts a weekly line per week, and the dates a wider line would add to its commitments", () => {
    const weekly = { ...line, period: "week" as const, quantity: 30 };
    expect(commitmentsBeyondLine(weekly, [mondays, tuesdays], [mondays, tuesdays])).toEqual([]);
    expect(commitmentsBeyondLine({ ...weekly, quantity: 19 }, [mondays, tuesdays], [mondays, tuesdays]).map((c) => c.bidId)).toEqual([7, 8]);
    // Confirmed for the 9th only (the line was valid from then); valid from the 2nd, both would deliver on the 2nd too: 20 fits...
    const later = [
      { bidId: 7, quantity: 10, dates: ["2026-03-09"] },
      { bidId: 8, quantity: 10, dates: ["2026-03-09"] },
    ];
    const wider = [
      { bidId: 7, quantity: 10, dates: ["2026-03-02", "2026-03-09"] },
      { bidId: 8, quantity: 10, dates: ["2026-03-02", "2026-03-09"] },
    ];
    expect(commitmentsBeyondLine({ ...line, quantity: 20 }, later, wider)).toEqual([]);
    // ...but not when the wider line is also lower.
    expect(commitmentsBeyondLine({ ...line, quantity: 19 }, later, wider).map((c) => c.bidId)).toEqual([7, 8]);
  });
});
