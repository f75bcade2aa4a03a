/**
 * Joint-bid planner: splits the demand of a joint bid over the capacity lines the organisations
 * offered. Pure domain code, no I/O. The algorithm and why it is exact are explained in
 * docs/decisions/004-joint-bid-planner.md; in short, per (item, slot) group:
 *
 *   1. a max flow gives the best possible coverage F;
 *   2. Newton's method on min cuts gives λ*, the lowest fractional utilisation any plan with
 *      coverage F can achieve in that group, and each line is capped at ⌈λ*·capacity⌉;
 *   3. within those caps a decomposition algorithm finds the integer plan that spreads load most
 *      evenly (lexicographically), which also minimises the group's highest utilisation.
 */

export interface DemandLine {
  id: string;
  item: string;
  site: string;
  slot: string;
  quantity: number;
}

/** One organisation's capacity for an item in a slot, as the planner reads it. Unlike a stored capacity line, an empty site list here means "no site"; "every site" is null. */
export interface CapacityOffer {
  id: string;
  orgId: string;
  item: string;
  slot: string;
  /** null serves every site; [] serves none. */
  sites: string[] | null;
  capacity: number;
}

export interface PlanInput {
  demand: DemandLine[];
  capacity: CapacityOffer[];
}

export interface Allocation {
  demandId: string;
  capacityId: string;
  orgId: string;
  quantity: number;
}

export interface Plan {
  /** Only quantity > 0; ordered by demand line, then capacity line, both in input order. */
  allocations: Allocation[];
  covered: number;
  demanded: number;
  /** Only missing > 0, in demand input order. */
  shortfall: { demandId: string; missing: number }[];
  /** Max over capacity lines with capacity > 0 of allocated / capacity; 0 if there are none. */
  maxUtilisation: number;
}

export type PlanSide = "demand" | "capacity";

/**
 * Every group total must stay at or below this many units. Keeping both F and the total
 * capacity of a group below 2^26 keeps every product the exact arithmetic forms (λ = F/C scaled
 * to integers, fraction comparisons) below 2^52, so plain numbers stay exact.
 */
export const MAX_GROUP_UNITS = 2 ** 26;

export class PlannerInputError extends Error {
  readonly side: PlanSide;
  /** Position of the line in its input array. */
  readonly index: number;
  /** The line's id when it has a usable one. */
  readonly lineId: string | undefined;
  readonly field: string;

  constructor(side: PlanSide, index: number, lineId: unknown, field: string, problem: string) {
    const id = typeof lineId === "string" && lineId !== "" ? lineId : undefined;
    const noun = side === "demand" ? "Demand line" : "Capacity line";
    const name = id === undefined ? `${noun} at index ${index}` : `${noun} "${id}"`;
    super(`${name}: ${field} ${problem}`);
    this.name = "PlannerInputError";
    this.side = side;
    this.index = index;
    this.lineId = id;
    this.field = field;
  }
}

export function planJointBid(input: PlanInput): Plan {
  validateInput(input);
  const loads = new Array<number>(input.capacity.length).fill(0);
  const coverage = new Array<number>(input.demand.length).fill(0);
  const found: { demand: number; capacity: number; quantity: number }[] = [];

  for (const group of groupByItemAndSlot(input)) {
    const graph = buildGroupGraph(group, input);
    if (graph === null) continue;
    for (const flow of planGroup(graph)) {
      const demand = graph.demandIndex[flow.demand];
      const capacity = graph.capacityIndex[flow.line];
      found.push({ demand, capacity, quantity: flow.quantity });
      loads[capacity] += flow.quantity;
      coverage[demand] += flow.quantity;
    }
  }

  found.sort((a, b) => a.demand - b.demand || a.capacity - b.capacity);
  return summarise(input, found, loads, coverage);
}

export interface SlotCoverage {
  slot: string;
  demanded: number;
  covered: number;
  missing: number;
}

/** Demand and coverage per slot, sorted by slot (ISO dates sort chronologically), for charts. */
export function coverageBySlot(plan: Plan, input: PlanInput): SlotCoverage[] {
  const slotOfDemand = new Map<string, string>();
  const bySlot = new Map<string, SlotCoverage>();
  for (const line of input.demand) {
    slotOfDemand.set(line.id, line.slot);
    const entry = bySlot.get(line.slot) ?? { slot: line.slot, demanded: 0, covered: 0, missing: 0 };
    entry.demanded += line.quantity;
    bySlot.set(line.slot, entry);
  }
  for (const allocation of plan.allocations) {
    const slot = slotOfDemand.get(allocation.demandId);
    if (slot !== undefined) bySlot.get(slot)!.covered += allocation.quantity;
  }
  const rows = [...bySlot.values()];
  for (const row of rows) row.missing = row.demanded - row.covered;
  return rows.sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Validation and grouping

function validateInput(input: PlanInput): void {
  if (!Array.isArray(input?.demand) || !Array.isArray(input?.capacity)) {
    throw new TypeError("planJointBid: input.demand and input.capacity must be arrays");
  }
  const demandIds = new Map<string, number>();
  input.demand.forEach((line, index) => {
    const fail = (field: string, problem: string) => new PlannerInputError("demand", index, (line as Partial<DemandLine> | null)?.id, field, problem);
    if (typeof line !== "object" || line === null) throw fail("line", "must be an object");
    checkId(line.id, index, demandIds, fail);
    for (const field of ["item", "site", "slot"] as const) {
      if (typeof line[field] !== "string") throw fail(field, "must be a string");
    }
    if (!isCount(line.quantity)) throw fail("quantity", "must be a non-negative integer");
  });

  const capacityIds = new Map<string, number>();
  input.capacity.forEach((line, index) => {
    const fail = (field: string, problem: string) => new PlannerInputError("capacity", index, (line as Partial<CapacityOffer> | null)?.id, field, problem);
    if (typeof line !== "object" || line === null) throw fail("line", "must be an object");
    checkId(line.id, index, capacityIds, fail);
    for (const field of ["orgId", "item", "slot"] as const) {
      if (typeof line[field] !== "string") throw fail(field, "must be a string");
    }
    if (line.sites !== null && !(Array.isArray(line.sites) && line.sites.every((s) => typeof s === "string"))) {
      throw fail("sites", "must be null or an array of strings");
    }
    if (!isCount(line.capacity)) throw fail("capacity", "must be a non-negative integer");
  });
}

function checkId(id: unknown, index: number, seen: Map<string, number>, fail: (field: string, problem: string) => PlannerInputError): void {
  if (typeof id !== "string" || id === "") throw fail("id", "must be a non-empty string");
  const first = seen.get(id);
  if (first !== undefined) throw fail("id", `must be unique (also used at index ${first})`);
  seen.set(id, index);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

interface Group {
  item: string;
  slot: string;
  demand: number[];
  capacity: number[];
  demanded: number;
  offered: number;
}

/** Lines only interact within one (item, slot) pair, so each pair is planned on its own. */
function groupByItemAndSlot(input: PlanInput): Group[] {
  const byItem = new Map<string, Map<string, Group>>();
  const groups: Group[] = [];
  const groupOf = (item: string, slot: string): Group => {
    let bySlot = byItem.get(item);
    if (bySlot === undefined) byItem.set(item, (bySlot = new Map()));
    let group = bySlot.get(slot);
    if (group === undefined) {
      group = { item, slot, demand: [], capacity: [], demanded: 0, offered: 0 };
      bySlot.set(slot, group);
      groups.push(group);
    }
    return group;
  };

  input.demand.forEach((line, index) => {
    const group = groupOf(line.item, line.slot);
    group.demand.push(index);
    group.demanded += line.quantity;
    if (group.demanded > MAX_GROUP_UNITS) {
      throw new PlannerInputError("demand", index, line.id, "quantity", exceedsGroupLimit("demand", group));
    }
  });
  input.capacity.forEach((line, index) => {
    const group = groupOf(line.item, line.slot);
    group.capacity.push(index);
    group.offered += line.capacity;
    if (group.offered > MAX_GROUP_UNITS) {
      throw new PlannerInputError("capacity", index, line.id, "capacity", exceedsGroupLimit("capacity", group));
    }
  });
  return groups;
}

function exceedsGroupLimit(what: string, group: Group): string {
  return `brings the total ${what} for item "${group.item}" on slot "${group.slot}" above ${MAX_GROUP_UNITS}`;
}

function summarise(input: PlanInput, found: { demand: number; capacity: number; quantity: number }[], loads: number[], coverage: number[]): Plan {
  const allocations = found.map(({ demand, capacity, quantity }) => ({
    demandId: input.demand[demand].id,
    capacityId: input.capacity[capacity].id,
    orgId: input.capacity[capacity].orgId,
    quantity,
  }));
  let covered = 0;
  let demanded = 0;
  const shortfall: Plan["shortfall"] = [];
  input.demand.forEach((line, index) => {
    covered += coverage[index];
    demanded += line.quantity;
    const missing = line.quantity - coverage[index];
    if (missing > 0) shortfall.push({ demandId: line.id, missing });
  });
  let maxUtilisation = 0;
  input.capacity.forEach((line, index) => {
    if (line.capacity > 0) maxUtilisation = Math.max(maxUtilisation, loads[index] / line.capacity);
  });
  return { allocations, covered, demanded, shortfall, maxUtilisation };
}

// ---------------------------------------------------------------------------------------------
// One (item, slot) group as a bipartite graph of local indices

interface GroupGraph {
  /** Local demand index → input index; only demand lines with quantity > 0. */
  demandIndex: number[];
  /** Local line index → input index; only lines with capacity > 0 that serve some demand line. */
  capacityIndex: number[];
  quantity: number[];
  capacity: number[];
  /** Local line → local demand lines it can serve, ascending. */
  neighbours: number[][];
}

interface LocalFlow {
  line: number;
  demand: number;
  quantity: number;
}

function buildGroupGraph(group: Group, input: PlanInput): GroupGraph | null {
  const demandIndex: number[] = [];
  const quantity: number[] = [];
  const demandBySite = new Map<string, number[]>();
  for (const index of group.demand) {
    const line = input.demand[index];
    if (line.quantity === 0) continue;
    const local = demandIndex.length;
    demandIndex.push(index);
    quantity.push(line.quantity);
    const atSite = demandBySite.get(line.site);
    if (atSite === undefined) demandBySite.set(line.site, [local]);
    else atSite.push(local);
  }
  if (demandIndex.length === 0) return null;

  const everyDemand = demandIndex.map((_, local) => local);
  const capacityIndex: number[] = [];
  const capacity: number[] = [];
  const neighbours: number[][] = [];
  for (const index of group.capacity) {
    const line = input.capacity[index];
    if (line.capacity === 0) continue;
    const served = line.sites === null ? everyDemand : servedDemand(line.sites, demandBySite);
    if (served.length === 0) continue;
    capacityIndex.push(index);
    capacity.push(line.capacity);
    neighbours.push(served);
  }
  if (capacityIndex.length === 0) return null;
  return { demandIndex, capacityIndex, quantity, capacity, neighbours };
}

function servedDemand(sites: string[], demandBySite: Map<string, number[]>): number[] {
  const served: number[] = [];
  for (const site of new Set(sites)) {
    const atSite = demandBySite.get(site);
    for (const local of atSite ?? []) served.push(local);
  }
  return served.sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Planning one group

function planGroup(graph: GroupGraph): LocalFlow[] {
  const allLines = graph.capacity.map((_, line) => line);
  const allDemand = graph.quantity.map((_, demand) => demand);
  // allLines is the identity, so graph.capacity is already aligned with it.
  const full = new BipartiteNetwork(graph, allLines, allDemand, graph.capacity, 1);
  const coverage = full.maxFlow();
  if (coverage === 0) return [];

  const level = fairShareLevel(graph, allLines, allDemand, coverage);
  const caps = graph.capacity.map((c) => ceilDiv(level.num * c, level.den));
  return balancedFlows(graph, caps, { lines: allLines, demand: allDemand, total: coverage });
}

interface Fraction {
  num: number;
  den: number;
}

/**
 * λ*, the smallest λ for which capping every line at λ·capacity still lets the group reach its
 * coverage F. Feasibility of λ means every cut stays ≥ F: for each set J of lines left uncut,
 * λ·cap(lines outside J) + quantity(demand J can reach) ≥ F. Newton's method (Dinkelbach) starts
 * at λ = F / total capacity, a lower bound, and jumps to the ratio of the violated min cut until
 * no cut is violated; each jump strictly increases λ and there are finitely many cuts, and in
 * practice it takes a handful of max flows. Capacities are scaled by den so the flow stays integral.
 */
function fairShareLevel(graph: GroupGraph, lines: number[], demand: number[], coverage: number): Fraction {
  let level = reduce(coverage, sum(lines, graph.capacity));
  for (;;) {
    const scaled = lines.map((line) => level.num * graph.capacity[line]);
    const network = new BipartiteNetwork(graph, lines, demand, scaled, level.den);
    if (network.maxFlow() === level.den * coverage) return level;
    const cut = network.sourceSide();
    // Lines on the source side are the uncut set J; their reachable demand is exactly cut.demand.
    const inJ = new Set(cut.lines);
    const outside = lines.filter((line) => !inJ.has(line));
    level = reduce(coverage - sum(cut.demand, graph.quantity), sum(outside, graph.capacity));
  }
}

interface Subproblem {
  lines: number[];
  demand: number[];
  /** The subproblem's maximum flow, which its plan must reach. */
  total: number;
}

/**
 * Among flows of value `total` with line loads ≤ caps, finds one minimising Σ_j Σ_{k≤load_j} k/c_j.
 * Load vectors of max flows are the integer bases of a polymatroid, and for such separable convex
 * objectives a plan is optimal exactly when no single unit can be moved from line i to line j
 * with (load_j + 1)/c_j < load_i/c_i; that condition does not depend on the cost's shape, so the
 * result is also lexicographically fairest and minimises the highest utilisation.
 *
 * Decomposition (Fujishige, Groenevelt): water-fill `total` over the lines ignoring the graph;
 * if that load vector is routable we are done. Otherwise the min cut's source side A is a set of
 * lines that cannot deliver their water level: some optimum has A saturate all demand it reaches,
 * N(A), so the problem splits into (A, N(A)) and (rest, demand outside N(A)).
 */
function balancedFlows(graph: GroupGraph, caps: number[], root: Subproblem): LocalFlow[] {
  const flows: LocalFlow[] = [];
  const pending = [root];
  for (let problem = pending.pop(); problem !== undefined; problem = pending.pop()) {
    if (problem.total === 0) continue;
    const loads = waterFill(graph, caps, problem.lines, problem.total);
    const network = new BipartiteNetwork(graph, problem.lines, problem.demand, loads, 1);
    if (network.maxFlow() === problem.total) {
      for (const flow of network.flows()) flows.push(flow);
      continue;
    }
    const cut = network.sourceSide();
    // A is a non-empty proper subset whenever `total` is routable under the caps; check anyway,
    // since a bug there would otherwise loop forever instead of failing.
    if (cut.lines.length === 0 || cut.lines.length === problem.lines.length) {
      throw new Error("planJointBid: fair-share caps cannot carry the group's coverage");
    }
    const inA = new Set(cut.lines);
    const reached = new Set(cut.demand);
    const saturated = sum(cut.demand, graph.quantity);
    pending.push(
      { lines: cut.lines, demand: cut.demand, total: saturated },
      {
        lines: problem.lines.filter((line) => !inA.has(line)),
        demand: problem.demand.filter((demand) => !reached.has(demand)),
        total: problem.total - saturated,
      },
    );
  }
  return flows;
}

/**
 * Picks the `total` smallest marginal utilisations k/c_j (k = 1..caps_j), ties to the lower local
 * index, returned as loads aligned with `lines`. First finds the water level λ where lines either
 * hit their cap or carry ⌊λ·c_j⌋, then hands out the few remaining units one by one.
 */
function waterFill(graph: GroupGraph, caps: number[], lines: number[], total: number): number[] {
  const capped = new Array<boolean>(lines.length).fill(false);
  let remaining = total;
  let weight = sum(lines, graph.capacity);
  for (let changed = true; changed && weight > 0;) {
    changed = false;
    lines.forEach((line, p) => {
      // Capped when cap ≤ λ·c with λ = remaining / weight.
      if (!capped[p] && caps[line] * weight <= remaining * graph.capacity[line]) {
        capped[p] = true;
        changed = true;
        remaining -= caps[line];
        weight -= graph.capacity[line];
      }
    });
  }
  const loads = lines.map((line, p) => (capped[p] ? caps[line] : floorDiv(remaining * graph.capacity[line], weight)));

  let left = total - loads.reduce((a, b) => a + b, 0);
  if (left === 0) return loads;
  // Next marginal of position p is (loads[p] + 1) / c; compare fractions by cross-multiplying.
  const before = (p: number, q: number) => {
    const diff = (loads[p] + 1) * graph.capacity[lines[q]] - (loads[q] + 1) * graph.capacity[lines[p]];
    return diff < 0 || (diff === 0 && lines[p] < lines[q]);
  };
  const heap = new MinHeap(before);
  lines.forEach((line, p) => {
    if (loads[p] < caps[line]) heap.push(p);
  });
  for (; left > 0; left--) {
    const p = heap.pop();
    loads[p]++;
    if (loads[p] < caps[lines[p]]) heap.push(p);
  }
  return loads;
}

// ---------------------------------------------------------------------------------------------
// Max flow

/**
 * source → line (lineCaps[p] for lines[p]) → demand line (unbounded) → sink (quantity × scale),
 * restricted to the given lines and demand lines.
 */
class BipartiteNetwork {
  private readonly network: FlowNetwork;
  private readonly lines: number[];
  private readonly demand: number[];
  private readonly pairs: { line: number; demand: number; edge: number }[] = [];

  constructor(graph: GroupGraph, lines: number[], demand: number[], lineCaps: ArrayLike<number>, scale: number) {
    this.lines = lines;
    this.demand = demand;
    const demandNode = new Int32Array(graph.quantity.length).fill(-1);
    demand.forEach((d, r) => (demandNode[d] = 2 + lines.length + r));
    let edges = lines.length + demand.length;
    for (const line of lines) edges += graph.neighbours[line].length;

    this.network = new FlowNetwork(2 + lines.length + demand.length, edges);
    lines.forEach((line, p) => {
      const node = 2 + p;
      this.network.addEdge(SOURCE, node, lineCaps[p]);
      for (const d of graph.neighbours[line]) {
        if (demandNode[d] >= 0) {
          this.pairs.push({ line, demand: d, edge: this.network.addEdge(node, demandNode[d], Infinity) });
        }
      }
    });
    demand.forEach((d, r) => this.network.addEdge(2 + lines.length + r, SINK, graph.quantity[d] * scale));
  }

  maxFlow(): number {
    return this.network.maxFlow(SOURCE, SINK);
  }

  flows(): LocalFlow[] {
    const flows: LocalFlow[] = [];
    for (const { line, demand, edge } of this.pairs) {
      const quantity = this.network.flowOn(edge);
      if (quantity > 0) flows.push({ line, demand, quantity });
    }
    return flows;
  }

  /** Lines and demand lines on the source side of a minimum cut (call after maxFlow). */
  sourceSide(): { lines: number[]; demand: number[] } {
    const reached = this.network.residualReach(SOURCE);
    return {
      lines: this.lines.filter((_, p) => reached[2 + p] === 1),
      demand: this.demand.filter((_, r) => reached[2 + this.lines.length + r] === 1),
    };
  }
}

const SOURCE = 0;
const SINK = 1;

/**
 * Dinic's algorithm on an edge list. Capacities are integers held in doubles: every value stays
 * below 2^53 (see MAX_GROUP_UNITS), so arithmetic on them is exact.
 */
class FlowNetwork {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly to: Int32Array;
  private readonly residual: Float64Array;
  private readonly level: Int32Array;
  private readonly cursor: Int32Array;
  private readonly path: Int32Array;
  private edgeCount = 0;

  constructor(nodeCount: number, maxEdges: number) {
    this.head = new Int32Array(nodeCount).fill(-1);
    this.next = new Int32Array(2 * maxEdges);
    this.to = new Int32Array(2 * maxEdges);
    this.residual = new Float64Array(2 * maxEdges);
    this.level = new Int32Array(nodeCount);
    this.cursor = new Int32Array(nodeCount);
    this.path = new Int32Array(nodeCount);
  }

  /** Adds from → to and its reverse edge (index ^ 1); returns the forward edge's index. */
  addEdge(from: number, to: number, capacity: number): number {
    const edge = this.edgeCount;
    this.link(edge, from, to, capacity);
    this.link(edge + 1, to, from, 0);
    this.edgeCount += 2;
    return edge;
  }

  flowOn(edge: number): number {
    return this.residual[edge ^ 1];
  }

  maxFlow(source: number, sink: number): number {
    let total = 0;
    while (this.buildLevels(source, sink)) {
      this.cursor.set(this.head);
      for (let pushed = this.augment(source, sink); pushed > 0; pushed = this.augment(source, sink)) {
        total += pushed;
      }
    }
    return total;
  }

  /** Nodes reachable from the source in the residual graph: the source side of a minimum cut. */
  residualReach(source: number): Uint8Array {
    const reached = new Uint8Array(this.head.length);
    const queue = [source];
    reached[source] = 1;
    for (let i = 0; i < queue.length; i++) {
      for (let e = this.head[queue[i]]; e !== -1; e = this.next[e]) {
        if (this.residual[e] > 0 && reached[this.to[e]] === 0) {
          reached[this.to[e]] = 1;
          queue.push(this.to[e]);
        }
      }
    }
    return reached;
  }

  private link(edge: number, from: number, to: number, capacity: number): void {
    this.to[edge] = to;
    this.residual[edge] = capacity;
    this.next[edge] = this.head[from];
    this.head[from] = edge;
  }

  private buildLevels(source: number, sink: number): boolean {
    this.level.fill(-1);
    this.level[source] = 0;
    const queue = [source];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i];
      for (let e = this.head[node]; e !== -1; e = this.next[e]) {
        if (this.residual[e] > 0 && this.level[this.to[e]] === -1) {
          this.level[this.to[e]] = this.level[node] + 1;
          queue.push(this.to[e]);
        }
      }
    }
    return this.level[sink] !== -1;
  }

  /** Pushes flow along one shortest augmenting path; returns the amount, 0 when the phase is over. */
  private augment(source: number, sink: number): number {
    let depth = 0;
    let node = source;
    for (;;) {
      if (node === sink) return this.pushAlongPath(depth);
      let e = this.cursor[node];
      while (e !== -1 && (this.residual[e] <= 0 || this.level[this.to[e]] !== this.level[node] + 1)) {
        e = this.next[e];
      }
      this.cursor[node] = e;
      if (e !== -1) {
        this.path[depth++] = e;
        node = this.to[e];
        continue;
      }
      // Dead end: no augmenting path passes through this node in this phase.
      this.level[node] = -1;
      if (depth === 0) return 0;
      node = this.to[this.path[--depth] ^ 1];
    }
  }

  private pushAlongPath(depth: number): number {
    let amount = Infinity;
    for (let k = 0; k < depth; k++) amount = Math.min(amount, this.residual[this.path[k]]);
    for (let k = 0; k < depth; k++) {
      this.residual[this.path[k]] -= amount;
      this.residual[this.path[k] ^ 1] += amount;
    }
    return amount;
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

class MinHeap {
  private readonly items: number[] = [];

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  push(item: number): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.before(items[left], items[smallest])) smallest = left;
        if (right < items.length && this.before(items[right], items[smallest])) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}

function sum(indices: number[], values: number[]): number {
  let total = 0;
  for (const index of indices) total += values[index];
  return total;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function reduce(num: number, den: number): Fraction {
  const divisor = gcd(num, den) || 1;
  return { num: num / divisor, den: den / divisor };
}

/** ⌊a / b⌋ for non-negative integers, corrected for the rounding of the float division. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}

function ceilDiv(a: number, b: number): number {
  const q = floorDiv(a, b);
  return q * b === a ? q : q + 1;
}
