import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planJointBid, type CapacityOffer, type DemandLine, type Plan, type PlanInput } from "../../app/domain/planner";

/*
 * The planner is checked against a reference written independently of it: no flow algorithm,
 * only definitions evaluated by brute force over tiny instances.
 *   - Coverage: max-flow/min-cut duality in its bipartite form, F = min over sets J of capacity
 *     lines of cap(lines outside J) + quantity(demand reachable from J).
 *   - λ*: capping every line at λ·c keeps coverage F iff λ·cap(outside J) + quantity(reach J) ≥ F
 *     for every J, so λ* = max over J of (F − quantity(reach J)) / cap(outside J).
 *   - Integer plans: a load vector x (x_j ≤ c_j) can be routed iff x(J) ≤ quantity(reach J) for
 *     every J (Hall / Gale); enumerating all such x gives every integer plan's utilisations.
 */

interface Ratio {
  num: number;
  den: number;
}

const compare = (a: Ratio, b: Ratio) => a.num * b.den - b.num * a.den;

function serves(line: CapacityOffer, demand: DemandLine): boolean {
  return line.item === demand.item && line.slot === demand.slot && (line.sites === null || line.sites.includes(demand.site));
}

/** For each subset J of capacity lines (bitmask), cap(outside J) and quantity(reachable from J). */
function cuts(input: PlanInput): { outside: number; reach: number; mask: number }[] {
  const n = input.capacity.length;
  const result = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let outside = 0;
    let reach = 0;
    input.capacity.forEach((line, j) => {
      if (!(mask & (1 << j))) outside += line.capacity;
    });
    for (const demand of input.demand) {
      if (input.capacity.some((line, j) => mask & (1 << j) && serves(line, demand))) reach += demand.quantity;
    }
    result.push({ outside, reach, mask });
  }
  return result;
}

function referenceCoverage(input: PlanInput): number {
  return Math.min(...cuts(input).map((cut) => cut.outside + cut.reach));
}

function referenceLevel(input: PlanInput, coverage: number): Ratio {
  let best: Ratio = { num: 0, den: 1 };
  for (const cut of cuts(input)) {
    const ratio = { num: coverage - cut.reach, den: cut.outside };
    if (cut.outside > 0 && compare(ratio, best) > 0) best = ratio;
  }
  return best;
}

/**
 * Every load vector x (indexed like input.capacity) with x_j ≤ caps[j] and Σx = total that some
 * integer plan can realise.
 */
function routableLoads(input: PlanInput, caps: number[], total: number): number[][] {
  const table = cuts(input);
  const result: number[][] = [];
  const loads = new Array<number>(caps.length).fill(0);
  const visit = (j: number, left: number) => {
    if (j === loads.length) {
      const routable = table.every((cut) => loads.reduce((sum, x, k) => sum + (cut.mask & (1 << k) ? x : 0), 0) <= cut.reach);
      if (left === 0 && routable) result.push([...loads]);
      return;
    }
    for (let x = 0; x <= Math.min(caps[j], left); x++) {
      loads[j] = x;
      visit(j + 1, left - x);
    }
  };
  visit(0, total);
  return result;
}

const ceilOf = (level: Ratio, c: number) => Math.floor((level.num * c + level.den - 1) / level.den);

/** Highest utilisation of a load vector, as a fraction; lines with capacity 0 do not count. */
function maxRatio(loads: number[], capacities: number[]): Ratio {
  let best: Ratio = { num: 0, den: 1 };
  loads.forEach((x, j) => {
    const ratio = { num: x, den: capacities[j] };
    if (capacities[j] > 0 && compare(ratio, best) > 0) best = ratio;
  });
  return best;
}

/** The marginal utilisations k/c_j of every unit carried, largest first. */
function marginals(loads: number[], capacities: number[]): Ratio[] {
  const units: Ratio[] = [];
  loads.forEach((x, j) => {
    for (let k = 1; k <= x; k++) units.push({ num: k, den: capacities[j] });
  });
  return units.sort((a, b) => compare(b, a));
}

function lexCompare(a: Ratio[], b: Ratio[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compare(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function loadsOf(plan: Plan, input: PlanInput): number[] {
  return input.capacity.map((line) => plan.allocations.filter((a) => a.capacityId === line.id).reduce((total, a) => total + a.quantity, 0));
}

function groupsOf(input: PlanInput): { input: PlanInput; capacityIndex: number[] }[] {
  const keys = new Set([...input.demand, ...input.capacity].map((line) => JSON.stringify([line.item, line.slot])));
  return [...keys].map((key) => {
    const [item, slot] = JSON.parse(key) as [string, string];
    const inGroup = (line: { item: string; slot: string }) => line.item === item && line.slot === slot;
    const capacityIndex = input.capacity.flatMap((line, j) => (inGroup(line) ? [j] : []));
    return {
      input: { demand: input.demand.filter(inGroup), capacity: capacityIndex.map((j) => input.capacity[j]) },
      capacityIndex,
    };
  });
}

/** Bounds, integrality, serve rules and the summary fields, straight from the definitions. */
function expectFeasible(plan: Plan, input: PlanInput): void {
  const demandById = new Map(input.demand.map((line) => [line.id, line]));
  const capacityById = new Map(input.capacity.map((line) => [line.id, line]));
  const given = new Map<string, number>();
  const received = new Map<string, number>();
  const pairs = new Set<string>();
  for (const allocation of plan.allocations) {
    const demand = demandById.get(allocation.demandId)!;
    const line = capacityById.get(allocation.capacityId)!;
    expect(demand).toBeDefined();
    expect(line).toBeDefined();
    expect(Number.isInteger(allocation.quantity) && allocation.quantity > 0).toBe(true);
    expect(serves(line, demand)).toBe(true);
    expect(allocation.orgId).toBe(line.orgId);
    const pair = `${demand.id}→${line.id}`;
    expect(pairs.has(pair)).toBe(false);
    pairs.add(pair);
    given.set(line.id, (given.get(line.id) ?? 0) + allocation.quantity);
    received.set(demand.id, (received.get(demand.id) ?? 0) + allocation.quantity);
  }
  for (const line of input.capacity) expect(given.get(line.id) ?? 0).toBeLessThanOrEqual(line.capacity);
  const position = (a: Plan["allocations"][number]) => [
    input.demand.findIndex((line) => line.id === a.demandId),
    input.capacity.findIndex((line) => line.id === a.capacityId),
  ];
  const positions = plan.allocations.map(position);
  expect(positions).toEqual([...positions].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
  for (const line of input.demand) expect(received.get(line.id) ?? 0).toBeLessThanOrEqual(line.quantity);

  const covered = plan.allocations.reduce((total, a) => total + a.quantity, 0);
  expect(plan.covered).toBe(covered);
  expect(plan.demanded).toBe(input.demand.reduce((total, line) => total + line.quantity, 0));
  expect(plan.shortfall).toEqual(
    input.demand.map((line) => ({ demandId: line.id, missing: line.quantity - (received.get(line.id) ?? 0) })).filter((entry) => entry.missing > 0),
  );
  const ratio = maxRatio(
    loadsOf(plan, input),
    input.capacity.map((line) => line.capacity),
  );
  expect(plan.maxUtilisation).toBeCloseTo(ratio.num / ratio.den, 12);
}

// Tiny instances: up to 5 capacity lines and 4 demand lines over 3 sites. Mixed instances spread
// lines over a few (item, slot) pairs, so grouping and mismatches are exercised; single-group
// instances make every line compete, which is where coverage and fairness are hard.
const sites = ["x", "y", "z"];

const sitesArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant([] as string[]) },
  { weight: 6, arbitrary: fc.subarray(sites, { minLength: 1 }) },
);

function inputArb(items: string[], slots: string[], minCapacityLines: number): fc.Arbitrary<PlanInput> {
  const demand = fc
    .array(
      fc.record({
        item: fc.constantFrom(...items),
        site: fc.constantFrom(...sites),
        slot: fc.constantFrom(...slots),
        quantity: fc.integer({ min: 0, max: 12 }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((lines) => lines.map((line, i): DemandLine => ({ id: `d${i}`, ...line })));
  const capacity = fc
    .array(
      fc.record({
        orgId: fc.constantFrom("org-a", "org-b", "org-c"),
        item: fc.constantFrom(...items),
        slot: fc.constantFrom(...slots),
        sites: sitesArb,
        capacity: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 12 })),
      }),
      { minLength: minCapacityLines, maxLength: 5 },
    )
    .map((lines) => lines.map((line, j): CapacityOffer => ({ id: `c${j}`, ...line })));
  return fc.record({ demand, capacity });
}

const tinyInput = fc.oneof(inputArb(["meals", "meals", "boxes"], ["2025-03-04", "2025-03-04", "2025-03-05"], 0), inputArb(["meals"], ["2025-03-04"], 2));

describe("planJointBid against a brute-force reference", () => {
  it("produces feasible plans with maximal coverage", () => {
    fc.assert(
      fc.property(tinyInput, (input) => {
        const plan = planJointBid(input);
        expectFeasible(plan, input);
        expect(plan.covered).toBe(referenceCoverage(input));
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps every line within ⌈λ*·capacity⌉, for the global λ* and for its group's λ*", () => {
    fc.assert(
      fc.property(tinyInput, (input) => {
        const plan = planJointBid(input);
        const loads = loadsOf(plan, input);
        const global = referenceLevel(input, referenceCoverage(input));
        input.capacity.forEach((line, j) => expect(loads[j]).toBeLessThanOrEqual(ceilOf(global, line.capacity)));
        for (const group of groupsOf(input)) {
          const level = referenceLevel(group.input, referenceCoverage(group.input));
          group.capacityIndex.forEach((j) => expect(loads[j]).toBeLessThanOrEqual(ceilOf(level, input.capacity[j].capacity)));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("within those caps, minimises each group's highest utilisation and spreads load lexicographically fairest", () => {
    fc.assert(
      fc.property(tinyInput, (input) => {
        const plan = planJointBid(input);
        const loads = loadsOf(plan, input);
        for (const group of groupsOf(input)) {
          const capacities = group.input.capacity.map((line) => line.capacity);
          const coverage = referenceCoverage(group.input);
          const level = referenceLevel(group.input, coverage);
          const caps = capacities.map((c) => ceilOf(level, c));
          const candidates = routableLoads(group.input, caps, coverage);
          expect(candidates.length).toBeGreaterThan(0);
          const ours = group.capacityIndex.map((j) => loads[j]);
          const best = candidates.reduce((a, b) => (compare(maxRatio(a, capacities), maxRatio(b, capacities)) <= 0 ? a : b));
          expect(compare(maxRatio(ours, capacities), maxRatio(best, capacities))).toBe(0);
          const fairest = candidates.map((x) => marginals(x, capacities)).reduce((a, b) => (lexCompare(a, b) <= 0 ? a : b));
          expect(lexCompare(marginals(ours, capacities), fairest)).toBe(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("is deterministic, and input order changes only which of equally fair plans is chosen", () => {
    const withShuffled = tinyInput.chain((input) =>
      fc.record({
        input: fc.constant(input),
        shuffled: fc.record({
          demand: fc.shuffledSubarray(input.demand, { minLength: input.demand.length }),
          capacity: fc.shuffledSubarray(input.capacity, { minLength: input.capacity.length }),
        }),
      }),
    );
    fc.assert(
      fc.property(withShuffled, ({ input, shuffled }) => {
        const plan = planJointBid(input);
        expect(planJointBid(structuredClone(input))).toEqual(plan);

        const other = planJointBid(shuffled);
        expect(other.covered).toBe(plan.covered);
        expect(other.maxUtilisation).toBe(plan.maxUtilisation);
        const capacities = input.capacity.map((line) => line.capacity);
        const reordered = shuffled.capacity.map((line) => line.capacity);
        expect(lexCompare(marginals(loadsOf(other, shuffled), reordered), marginals(loadsOf(plan, input), capacities))).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});
