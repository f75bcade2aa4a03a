/**
 * The password-hashing budget keeps room for logins: however many other hashes (sign-ups,
 * password resets, real or made up) are asked for, a login is refused only when the waiting room
 * is full of logins too, and a freed turn goes to a waiting login first. Checked on arbitrary
 * sequences of requests and finished hashes against the limits, and on the probe's flood.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHashingBudget, machineLimits, PasswordHashingBusy, type HashingPurpose } from "../../app/utils/hashing-budget.server";

const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Asked {
  purpose: HashingPurpose;
  state: "waiting" | "running" | "done" | "refused";
  release?: () => void;
  order: number;
}

/** Asks the budget for a turn and records what becomes of the request. */
function ask(budget: ReturnType<typeof createHashingBudget>, purpose: HashingPurpose, log: Asked[], grants: Asked[]) {
  const asked: Asked = { purpose, state: "waiting", order: log.length };
  log.push(asked);
  budget.acquire(purpose).then(
    (release) => {
      asked.state = "running";
      asked.release = release;
      grants.push(asked);
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(PasswordHashingBusy);
      asked.state = "refused";
    },
  );
  return asked;
}

describe("the hashing budget", () => {
  it("half the cores, at least one", () => {
    expect(machineLimits(1).concurrency).toBe(1);
    expect(machineLimits(2).concurrency).toBe(1);
    expect(machineLimits(8).concurrency).toBe(4);
  });

  it("holds its limits and serves logins first, for any sequence of requests and finished hashes", async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant("ask" as const), purpose: fc.constantFrom<HashingPurpose>("login", "account") }),
      fc.record({ kind: fc.constant("finish" as const), which: fc.nat() }),
    );
    const limits = fc.record({
      concurrency: fc.integer({ min: 1, max: 3 }),
      maxWaiting: fc.integer({ min: 0, max: 6 }),
      maxAccount: fc.integer({ min: 1, max: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(limits, fc.array(step, { maxLength: 80 }), async (limit, steps) => {
        const budget = createHashingBudget(limit);
        const log: Asked[] = [];
        const grants: Asked[] = [];
        for (const s of steps) {
          const before = { running: log.filter((a) => a.state === "running").length, waiting: log.filter((a) => a.state === "waiting") };
          if (s.kind === "ask") {
            const accountHeld = log.filter((a) => a.purpose === "account" && (a.state === "running" || a.state === "waiting")).length;
            const asked = ask(budget, s.purpose, log, grants);
            await settle();
            const full = before.running >= limit.concurrency && before.waiting.length >= limit.maxWaiting;
            const accountFull = s.purpose === "account" && accountHeld >= limit.maxAccount;
            // Refused exactly when there is no room for it.
            expect(asked.state === "refused").toBe(full || accountFull);
          } else {
            const running = log.filter((a) => a.state === "running");
            if (running.length === 0) continue;
            const finished = running[s.which % running.length];
            const grantsBefore = grants.length;
            finished.state = "done";
            finished.release!();
            await settle();
            const next = grants.slice(grantsBefore);
            if (before.waiting.length === 0) expect(next).toEqual([]);
            else {
              // The turn goes on at once: to the first waiting login, else to the first waiting other.
              const logins = before.waiting.filter((a) => a.purpose === "login");
              expect(next).toEqual([logins.length > 0 ? logins[0] : before.waiting[0]]);
            }
          }
          const running = log.filter((a) => a.state === "running").length;
          const waiting = log.filter((a) => a.state === "waiting").length;
          expect(running).toBeLessThanOrEqual(limit.concurrency);
          expect(waiting).toBeLessThanOrEqual(limit.maxWaiting);
          expect(log.filter((a) => a.purpose === "account" && (a.state === "running" || a.state === "waiting")).length).toBeLessThanOrEqual(limit.maxAccount);
          // No turn is left idle while someone waits.
          if (waiting > 0) expect(running).toBe(limit.concurrency);
          expect(budget.size).toEqual({
            running,
            waiting,
            account: log.filter((a) => a.purpose === "account" && (a.state === "running" || a.state === "waiting")).length,
          });
        }
        // Everything finishes; every request that was not refused got its turn, and nothing is held.
        for (;;) {
          const running = log.filter((a) => a.state === "running");
          if (running.length === 0) break;
          for (const a of running) {
            a.state = "done";
            a.release!();
          }
          await settle();
        }
        expect(log.filter((a) => a.state === "waiting")).toEqual([]);
        expect(budget.size).toEqual({ running: 0, waiting: 0, account: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it("under a flood of resets a login waits for at most the hash already running", async () => {
    const budget = createHashingBudget(machineLimits(2));
    const log: Asked[] = [];
    const grants: Asked[] = [];
    for (let i = 0; i < 3000; i++) ask(budget, "account", log, grants);
    await settle();
    expect(log.filter((a) => a.state !== "refused")).toHaveLength(machineLimits(2).maxAccount);
    const login = ask(budget, "login", log, grants);
    await settle();
    expect(login.state).toBe("waiting");
    grants.find((a) => a.state === "running")!.release!();
    await settle();
    expect(login.state).toBe("running");
  });

  it("gives a turn back only once", async () => {
    const budget = createHashingBudget({ concurrency: 1, maxWaiting: 1, maxAccount: 1 });
    const release = await budget.acquire("login");
    const waiting = budget.acquire("login");
    release();
    release();
    const second = await waiting;
    expect(budget.size).toEqual({ running: 1, waiting: 0, account: 0 });
    second();
    expect(budget.size).toEqual({ running: 0, waiting: 0, account: 0 });
  });
});
