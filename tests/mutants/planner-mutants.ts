/**
 * Shows that the planner's tests catch a wrong planner: each variant below breaks one step of
 * app/domain/planner.ts, and the planner's unit and property tests are run against it in place of
 * the real module. The real planner must pass, every variant must fail.
 *
 *   npx tsx tests/mutants/planner-mutants.ts
 *
 * Exits non-zero if the real planner fails or a variant passes. Not part of `npm test` (it runs
 * the planner's tests six times); run it after changing the planner or its tests.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const plannerPath = path.join(root, "app/domain/planner.ts");
const testFiles = ["tests/unit/planner.test.ts", "tests/unit/planner.property.test.ts"];

interface Variant {
  name: string;
  /** Exact text of the real planner and what the variant puts in its place. */
  replace: [string, string][];
}

const variants: Variant[] = [
  { name: "the real planner (must pass)", replace: [] },
  {
    name: "no fair-share caps",
    replace: [["const caps = graph.capacity.map((c) => ceilDiv(level.num * c, level.den));", "const caps = graph.capacity.slice();"]],
  },
  {
    name: "no second Newton step",
    replace: [
      [
        "level = reduce(coverage - sum(cut.demand, graph.quantity), sum(outside, graph.capacity));",
        "return reduce(coverage - sum(cut.demand, graph.quantity), sum(outside, graph.capacity));",
      ],
    ],
  },
  {
    name: "a plain max flow instead of balancing",
    replace: [
      [
        "return balancedFlows(graph, caps, { lines: allLines, demand: allDemand, total: coverage });",
        "const plain = new BipartiteNetwork(graph, allLines, allDemand, caps, 1); plain.maxFlow(); return plain.flows();",
      ],
    ],
  },
  {
    name: "the wrong tie order",
    replace: [["return diff < 0 || (diff === 0 && lines[p] < lines[q]);", "return diff < 0 || (diff === 0 && lines[p] > lines[q]);"]],
  },
  {
    name: "the wrong rounding (caps rounded down)",
    replace: [
      [
        "const caps = graph.capacity.map((c) => ceilDiv(level.num * c, level.den));",
        "const caps = graph.capacity.map((c) => floorDiv(level.num * c, level.den));",
      ],
    ],
  },
];

const original = fs.readFileSync(plannerPath, "utf8");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "planner-mutants-"));
let wrong = 0;
try {
  for (const [index, variant] of variants.entries()) {
    let source = original;
    for (const [from, to] of variant.replace) {
      if (!source.includes(from)) throw new Error(`"${variant.name}": the planner no longer contains:\n  ${from}\nUpdate this script.`);
      source = source.replace(from, to);
    }
    const mutant = path.join(work, `planner-${index}.ts`);
    fs.writeFileSync(mutant, source);
    const config = path.join(work, `vitest-${index}.config.mjs`);
    // The tests import "../../app/domain/planner"; the alias hands it the variant instead.
    fs.writeFileSync(
      config,
      `export default {
  root: ${JSON.stringify(root)},
  resolve: { alias: [{ find: /^.*\\/app\\/domain\\/planner$/, replacement: ${JSON.stringify(mutant)} }] },
  test: { include: ${JSON.stringify(testFiles)}, setupFiles: ["tests/setup/fail-on-console-error.ts"] },
};
`,
    );
    const run = spawnSync("npx", ["vitest", "run", "--config", config], { cwd: root, encoding: "utf8" });
    const passed = run.status === 0;
    const expected = variant.replace.length === 0;
    const failedTests = /Tests\s+.*?(\d+) failed/.exec(stripColour(run.stdout))?.[1] ?? "0";
    const verdict = passed === expected ? "ok" : "WRONG";
    if (passed !== expected) wrong++;
    console.log(`${verdict.padEnd(5)} ${variant.name}: ${passed ? "tests pass" : `tests fail (${failedTests} failed)`}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
if (wrong > 0) {
  console.error(`${wrong} variant(s) did not behave as expected.`);
  process.exit(1);
}

function stripColour(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
