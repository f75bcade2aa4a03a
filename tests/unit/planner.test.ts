import { describe, expect, it } from "vitest";
import {
  coverageBySlot,
  MAX_GROUP_UNITS,
  planJointBid,
  PlannerInputError,
  type CapacityOffer,
  type DemandLine,
  type Plan,
  type PlanInput,
} from "../../app/domain/planner";

const SLOT = "2025-03-04";

function demand(id: string, quantity: number, overrides: Partial<DemandLine> = {}): DemandLine {
  return { id, item: "lunch", site: "stadshuset", slot: SLOT, quantity, ...overrides };
}

function offer(id: string, capacity: number, overrides: Partial<CapacityOffer> = {}): CapacityOffer {
  return { id, orgId: `org-${id}`, item: "lunch", slot: SLOT, sites: null, capacity, ...overrides };
}

/** Allocated quantity per capacity line id, for compact assertions. */
function loads(plan: Plan): Record<string, number> {
  const result: Record<string, number> = {};
  for (const a of plan.allocations) result[a.capacityId] = (result[a.capacityId] ?? 0) + a.quantity;
  return result;
}

describe("planJointBid edge cases", () => {
  it("reports all demand as shortfall when there is no capacity", () => {
    const plan = planJointBid({ demand: [demand("d1", 5), demand("d2", 3)], capacity: [] });
    expect(plan).toEqual({
      allocations: [],
      covered: 0,
      demanded: 8,
      shortfall: [
        { demandId: "d1", missing: 5 },
        { demandId: "d2", missing: 3 },
      ],
      maxUtilisation: 0,
    });
  });

  it("plans nothing when there is no demand", () => {
    const plan = planJointBid({ demand: [], capacity: [offer("c1", 10)] });
    expect(plan).toEqual({ allocations: [], covered: 0, demanded: 0, shortfall: [], maxUtilisation: 0 });
  });

  it("plans nothing for empty input", () => {
    expect(planJointBid({ demand: [], capacity: [] })).toEqual({
      allocations: [],
      covered: 0,
      demanded: 0,
      shortfall: [],
      maxUtilisation: 0,
    });
  });

  it("covers all demand when capacity exceeds it, spreading load in proportion to capacity", () => {
    const plan = planJointBid({ demand: [demand("d1", 20)], capacity: [offer("c1", 10), offer("c2", 30)] });
    expect(plan.covered).toBe(20);
    expect(plan.shortfall).toEqual([]);
    expect(loads(plan)).toEqual({ c1: 5, c2: 15 });
    expect(plan.maxUtilisation).toBe(0.5);
  });

  it("serves only the sites a line lists", () => {
    const plan = planJointBid({
      demand: [demand("d1", 4, { site: "kristallen" }), demand("d2", 4, { site: "stadshuset" })],
      capacity: [offer("c1", 10, { sites: ["kristallen"] })],
    });
    expect(plan.allocations).toEqual([{ demandId: "d1", capacityId: "c1", orgId: "org-c1", quantity: 4 }]);
    expect(plan.shortfall).toEqual([{ demandId: "d2", missing: 4 }]);
    expect(plan.maxUtilisation).toBe(0.4);
  });

  it("treats sites: [] as serving nowhere and sites: null as serving everywhere", () => {
    const plan = planJointBid({
      demand: [demand("d1", 3, { site: "a" }), demand("d2", 3, { site: "b" })],
      capacity: [offer("nowhere", 10, { sites: [] }), offer("anywhere", 10, { sites: null })],
    });
    expect(loads(plan)).toEqual({ anywhere: 6 });
    expect(plan.covered).toBe(6);
  });

  it("ignores zero quantities and zero capacities", () => {
    const plan = planJointBid({
      demand: [demand("d0", 0), demand("d1", 2)],
      capacity: [offer("c0", 0), offer("c1", 4)],
    });
    expect(plan.allocations).toEqual([{ demandId: "d1", capacityId: "c1", orgId: "org-c1", quantity: 2 }]);
    expect(plan.shortfall).toEqual([]);
    expect(plan.maxUtilisation).toBe(0.5);
  });

  it("never matches a different item or slot", () => {
    const plan = planJointBid({
      demand: [demand("d1", 5)],
      capacity: [offer("other-item", 10, { item: "fika" }), offer("other-slot", 10, { slot: "2025-03-05" })],
    });
    expect(plan.allocations).toEqual([]);
    expect(plan.shortfall).toEqual([{ demandId: "d1", missing: 5 }]);
    expect(plan.maxUtilisation).toBe(0);
  });

  it("tolerates a site listed twice", () => {
    const plan = planJointBid({
      demand: [demand("d1", 3)],
      capacity: [offer("c1", 5, { sites: ["stadshuset", "stadshuset"] })],
    });
    expect(plan.allocations).toEqual([{ demandId: "d1", capacityId: "c1", orgId: "org-c1", quantity: 3 }]);
  });

  it("routes around a bottleneck to reach maximal coverage", () => {
    // A greedy pass that let c1 serve d1 first would leave d2 without a supplier.
    const plan = planJointBid({
      demand: [demand("d1", 5, { site: "a" }), demand("d2", 5, { site: "b" })],
      capacity: [offer("c1", 5, { sites: ["a", "b"] }), offer("c2", 5, { sites: ["a"] })],
    });
    expect(plan.covered).toBe(10);
    expect(plan.allocations).toEqual([
      { demandId: "d1", capacityId: "c2", orgId: "org-c2", quantity: 5 },
      { demandId: "d2", capacityId: "c1", orgId: "org-c1", quantity: 5 },
    ]);
  });

  it("lets lines with spare reach take load off lines that can serve only one site", () => {
    // c3 is the only supplier of site b, so it takes all of b; a is shared by c1 and c2 at 50 % each.
    const plan = planJointBid({
      demand: [demand("da", 20, { site: "a" }), demand("db", 5, { site: "b" })],
      capacity: [offer("c1", 10, { sites: ["a"] }), offer("c2", 30, { sites: ["a", "b"] }), offer("c3", 30, { sites: ["b"] })],
    });
    expect(loads(plan)).toEqual({ c1: 5, c2: 15, c3: 5 });
    expect(plan.maxUtilisation).toBe(0.5);
  });

  it("finds λ* when lines sit on three different levels", () => {
    // Each line has its own site. Starting from λ = 15/30, the first violated cut only reveals
    // that line a is underused (λ = 14/20); a second cut is needed to reach λ* = 9/10.
    const plan = planJointBid({
      demand: [demand("da", 1, { site: "a" }), demand("db", 5, { site: "b" }), demand("dc", 9, { site: "c" })],
      capacity: [offer("a", 10, { sites: ["a"] }), offer("b", 10, { sites: ["b"] }), offer("c", 10, { sites: ["c"] })],
    });
    expect(loads(plan)).toEqual({ a: 1, b: 5, c: 9 });
    expect(plan.maxUtilisation).toBe(0.9);
  });

  it("rounds fair shares up at most one unit: no line carries more than ⌈λ*·capacity⌉", () => {
    // λ* = 7/14: fair shares 5, 1.5 and 0.5. Giving the big line 6 would lower the highest
    // utilisation to 6/10, but would load it beyond its fair share rounded up; the planner keeps
    // the ⌈λ*·c⌉ rule and, within it, picks the plan with the lowest highest utilisation (2/3).
    const plan = planJointBid({
      demand: [demand("d1", 7)],
      capacity: [offer("big", 10), offer("mid", 3), offer("small", 1)],
    });
    expect(loads(plan)).toEqual({ big: 5, mid: 2 });
    expect(plan.maxUtilisation).toBeCloseTo(2 / 3, 12);
  });

  it("balances each (item, slot) group on its own fair level", () => {
    const busyDay = [demand("d1", 9), offer("c1", 10), offer("c2", 10)] as const;
    const alone = planJointBid({ demand: [busyDay[0]], capacity: [busyDay[1], busyDay[2]] });
    const withQuietDay = planJointBid({
      demand: [busyDay[0], demand("d2", 1, { slot: "2025-03-05" })],
      capacity: [busyDay[1], busyDay[2], offer("c3", 10, { slot: "2025-03-05" })],
    });
    expect(loads(alone)).toEqual({ c1: 5, c2: 4 });
    expect(withQuietDay.allocations.filter((a) => a.demandId === "d1")).toEqual(alone.allocations);
    expect(withQuietDay.maxUtilisation).toBe(0.5);
  });

  it("orders allocations by demand line, then capacity line, in input order", () => {
    const plan = planJointBid({
      demand: [demand("z", 3, { site: "b" }), demand("a", 6, { site: "a" })],
      capacity: [offer("c9", 6), offer("c1", 6)],
    });
    expect(plan.allocations).toEqual([
      { demandId: "z", capacityId: "c9", orgId: "org-c9", quantity: 3 },
      { demandId: "a", capacityId: "c9", orgId: "org-c9", quantity: 2 },
      { demandId: "a", capacityId: "c1", orgId: "org-c1", quantity: 4 },
    ]);
  });

  it("stays exact near the group size limit", () => {
    const big = MAX_GROUP_UNITS / 2;
    const plan = planJointBid({
      demand: [demand("d1", big - 1, { site: "a" }), demand("d2", big, { site: "b" })],
      capacity: [offer("c1", big - 3, { sites: ["a"] }), offer("c2", big + 3)],
    });
    expect(plan.covered).toBe(2 * big - 1);
    expect(loads(plan)).toEqual({ c1: big - 3, c2: big + 2 });
  });
});

describe("coverageBySlot", () => {
  it("sums demand and coverage per slot, in slot order", () => {
    const input = {
      demand: [demand("d1", 5, { slot: "2025-03-05" }), demand("d2", 4, { slot: "2025-03-04" }), demand("d3", 2, { slot: "2025-03-05", item: "fika" })],
      capacity: [offer("c1", 3, { slot: "2025-03-05" }), offer("c2", 10, { slot: "2025-03-04" })],
    };
    expect(coverageBySlot(planJointBid(input), input)).toEqual([
      { slot: "2025-03-04", demanded: 4, covered: 4, missing: 0 },
      { slot: "2025-03-05", demanded: 7, covered: 3, missing: 4 },
    ]);
  });
});

describe("invalid input", () => {
  function errorOf(run: () => unknown): PlannerInputError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(PlannerInputError);
      return error as PlannerInputError;
    }
    throw new Error("expected a PlannerInputError");
  }

  const cases: [string, () => unknown, string][] = [
    ["negative quantity", () => planJointBid({ demand: [demand("d3", -1)], capacity: [] }), 'Demand line "d3": quantity must be a non-negative integer'],
    ["fractional quantity", () => planJointBid({ demand: [demand("d3", 1.5)], capacity: [] }), 'Demand line "d3": quantity must be a non-negative integer'],
    ["NaN quantity", () => planJointBid({ demand: [demand("d3", Number.NaN)], capacity: [] }), 'Demand line "d3": quantity must be a non-negative integer'],
    ["infinite capacity", () => planJointBid({ demand: [], capacity: [offer("c2", Infinity)] }), 'Capacity line "c2": capacity must be a non-negative integer'],
    ["negative capacity", () => planJointBid({ demand: [], capacity: [offer("c2", -3)] }), 'Capacity line "c2": capacity must be a non-negative integer'],
    ["fractional capacity", () => planJointBid({ demand: [], capacity: [offer("c2", 0.25)] }), 'Capacity line "c2": capacity must be a non-negative integer'],
    [
      "duplicate demand id",
      () => planJointBid({ demand: [demand("d1", 1), demand("d1", 2)], capacity: [] }),
      'Demand line "d1": id must be unique (also used at index 0)',
    ],
    [
      "duplicate capacity id",
      () => planJointBid({ demand: [], capacity: [offer("c1", 1), offer("c2", 1), offer("c1", 1)] }),
      'Capacity line "c1": id must be unique (also used at index 0)',
    ],
    [
      "empty demand id",
      () => planJointBid({ demand: [demand("d1", 1), demand("", 1)], capacity: [] }),
      "Demand line at index 1: id must be a non-empty string",
    ],
    ["empty capacity id", () => planJointBid({ demand: [], capacity: [offer("", 1)] }), "Capacity line at index 0: id must be a non-empty string"],
    [
      "sites given as a string",
      () => planJointBid({ demand: [], capacity: [offer("c4", 1, { sites: "a" as unknown as string[] })] }),
      'Capacity line "c4": sites must be null or an array of strings',
    ],
    [
      "sites undefined",
      () => planJointBid({ demand: [], capacity: [offer("c4", 1, { sites: undefined as unknown as null })] }),
      'Capacity line "c4": sites must be null or an array of strings',
    ],
    [
      "site that is not a string",
      () => planJointBid({ demand: [], capacity: [offer("c4", 1, { sites: [1] as unknown as string[] })] }),
      'Capacity line "c4": sites must be null or an array of strings',
    ],
    [
      "missing slot",
      () => planJointBid({ demand: [demand("d5", 1, { slot: undefined as unknown as string })], capacity: [] }),
      'Demand line "d5": slot must be a string',
    ],
    ["null line", () => planJointBid({ demand: [null as unknown as DemandLine], capacity: [] }), "Demand line at index 0: line must be an object"],
  ];

  it.each(cases)("rejects %s, naming the line", (_name, run, message) => {
    expect(errorOf(run).message).toBe(message);
  });

  it("rejects input without demand and capacity arrays", () => {
    expect(() => planJointBid({ demand: [] } as unknown as PlanInput)).toThrow(TypeError);
  });

  it("exposes side, index, lineId and field", () => {
    const error = errorOf(() => planJointBid({ demand: [], capacity: [offer("c1", 1), offer("c7", -2)] }));
    expect(error).toMatchObject({
      name: "PlannerInputError",
      side: "capacity",
      index: 1,
      lineId: "c7",
      field: "capacity",
    });
  });

  it("allows the same id on a demand line and a capacity line", () => {
    expect(planJointBid({ demand: [demand("x", 1)], capacity: [offer("x", 1)] }).covered).toBe(1);
  });

  it("rejects a group whose total demand exceeds the exact-arithmetic limit", () => {
    const error = errorOf(() => planJointBid({ demand: [demand("d1", MAX_GROUP_UNITS), demand("d2", 1)], capacity: [] }));
    expect(error.message).toBe(`Demand line "d2": quantity brings the total demand for item "lunch" on slot "${SLOT}" above ${MAX_GROUP_UNITS}`);
  });

  it("rejects a group whose total capacity exceeds the exact-arithmetic limit", () => {
    const error = errorOf(() => planJointBid({ demand: [], capacity: [offer("c1", MAX_GROUP_UNITS), offer("c2", 1)] }));
    expect(error).toMatchObject({ lineId: "c2", field: "capacity" });
  });
});
