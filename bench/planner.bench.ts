/**
 * Planner benchmark at region scale: npx tsx bench/planner.bench.ts [seed]
 *
 * Compares the planning time with one linear pass over the same input: JSON.parse of the
 * serialised input (how the input arrives from the database or a request) plus one loop reading
 * every field the planner reads from every line. Times are medians after warm-up.
 */
import { performance } from "node:perf_hooks";
import { median } from "./median";
import { planJointBid, type PlanInput } from "../app/domain/planner";
import { createSyntheticJointBid } from "../seed/synthetic-joint-bid";

const WARM_UP = 2;
const RUNS = 7;

function time<T>(run: () => T): { ms: number; result: T } {
  for (let i = 0; i < WARM_UP; i++) run();
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}

/** Reads every field of every line once; the returned checksum keeps the loop from being optimised away. */
function linearPass(serialised: string): number {
  const input = JSON.parse(serialised) as PlanInput;
  let checksum = 0;
  for (const line of input.demand) {
    checksum += line.quantity + line.id.length + line.item.length + line.site.length + line.slot.length;
  }
  for (const line of input.capacity) {
    checksum += line.capacity + line.id.length + line.orgId.length + line.item.length + line.slot.length;
    for (const site of line.sites ?? []) checksum += site.length;
  }
  return checksum;
}

/** Number of (capacity line, demand line) pairs that could be matched: the edges of the flow graphs. */
function servePairs(input: PlanInput): number {
  const demandAt = new Map<string, number>();
  const demandIn = new Map<string, number>();
  for (const line of input.demand) {
    const group = `${line.item}|${line.slot}`;
    demandIn.set(group, (demandIn.get(group) ?? 0) + 1);
    demandAt.set(`${group}|${line.site}`, (demandAt.get(`${group}|${line.site}`) ?? 0) + 1);
  }
  let pairs = 0;
  for (const line of input.capacity) {
    const group = `${line.item}|${line.slot}`;
    if (line.sites === null) pairs += demandIn.get(group) ?? 0;
    else for (const site of line.sites) pairs += demandAt.get(`${group}|${site}`) ?? 0;
  }
  return pairs;
}

const seed = Number(process.argv[2] ?? 20261126);
const input = createSyntheticJointBid({ seed });
const serialised = JSON.stringify(input);
const organisations = new Set(input.capacity.map((line) => line.orgId)).size;
const groups = new Set([...input.demand, ...input.capacity].map((line) => `${line.item}|${line.slot}`)).size;

const planning = time(() => planJointBid(input));
const linear = time(() => linearPass(serialised));
const plan = planning.result;
const capacityOffered = input.capacity.reduce((total, line) => total + line.capacity, 0);

const rows: [string, string][] = [
  ["seed", String(seed)],
  ["organisations", String(organisations)],
  ["(item, slot) groups", String(groups)],
  ["demand lines", String(input.demand.length)],
  ["capacity lines", String(input.capacity.length)],
  ["serve pairs (flow edges)", String(servePairs(input))],
  ["serialised input", `${(serialised.length / 1e6).toFixed(1)} MB`],
  ["units demanded / offered", `${plan.demanded} / ${capacityOffered}`],
  ["units covered", `${plan.covered} (${((100 * plan.covered) / plan.demanded).toFixed(1)} % of demand)`],
  ["demand lines with shortfall", String(plan.shortfall.length)],
  ["max utilisation", plan.maxUtilisation.toFixed(3)],
  ["planning (median)", `${planning.ms.toFixed(0)} ms`],
  ["linear pass (median)", `${linear.ms.toFixed(0)} ms`],
  ["ratio planning / linear", `${(planning.ms / linear.ms).toFixed(1)}×`],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
