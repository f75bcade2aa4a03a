/**
 * A cluster of one primary and two workers sharing one hashing budget, as server.ts runs them,
 * started by tests/integration/hashing-budget-cluster.test.ts. Each worker takes turns through
 * `hashingBudget()` (what password.server.ts uses) and holds each turn for a while; the primary
 * prints every turn's start and end, over all workers, as JSON lines, then "done".
 *
 * argv: turns per worker, and "kill" to make the first worker exit while it holds a turn.
 */
import cluster from "node:cluster";
import { createHashingBudget, hashingBudget, serveHashingBudgetToWorkers, type HashingPurpose } from "../../../app/utils/hashing-budget.server";

const [turns, mode] = [Number(process.argv[2] ?? 5), process.argv[3] ?? ""];
const limits = { concurrency: 1, maxWaiting: 16, maxAccount: 4 };

if (cluster.isPrimary) {
  serveHashingBudgetToWorkers(createHashingBudget(limits));
  let finished = 0;
  let ready = 0;
  const workers = [0, 1].map((i) => cluster.fork({ WORKER_INDEX: String(i) }));
  for (const worker of workers) {
    worker.on("message", (message: { report?: unknown; ready?: boolean }) => {
      if (message.report) process.stdout.write(`${JSON.stringify(message.report)}\n`);
      // Both start asking at the same moment.
      if (message.ready && ++ready === 2) for (const w of workers) w.send({ go: true });
    });
    worker.on("exit", () => {
      if (++finished === 2) {
        process.stdout.write("done\n");
        process.exit(0);
      }
    });
  }
} else {
  const budget = hashingBudget();
  const index = Number(process.env.WORKER_INDEX);
  const report = (entry: Record<string, unknown>) => process.send!({ report: { worker: index, ...entry } });
  const turn = async (purpose: HashingPurpose, holdMs: number) => {
    let release: () => void;
    try {
      release = await budget.acquire(purpose);
    } catch {
      report({ purpose, refused: true });
      return;
    }
    const start = performance.timeOrigin + performance.now();
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    report({ purpose, start, end: performance.timeOrigin + performance.now() });
    release();
  };
  await new Promise<void>((resolve) => {
    process.on("message", (message: { go?: boolean }) => message.go && resolve());
    process.send!({ ready: true });
  });
  if (mode === "kill" && index === 0) {
    await budget.acquire("login");
    report({ purpose: "login", dying: true });
    process.exit(1);
  }
  if (mode === "kill") await new Promise((resolve) => setTimeout(resolve, 300));
  if (mode === "flood") {
    // Many resets at once from each worker, then logins: the resets take at most maxAccount places.
    await Promise.all([...Array.from({ length: turns }, () => turn("account", 30)), ...Array.from({ length: 2 }, () => turn("login", 10))]);
  } else {
    await Promise.all(Array.from({ length: turns }, () => turn("login", 20)));
  }
  process.exit(0);
}
