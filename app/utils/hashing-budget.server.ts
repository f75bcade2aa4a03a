import cluster, { type Worker } from "node:cluster";
import os from "node:os";

/**
 * What a password hash is for. Logins come first: a burst of sign-ups, resets, password changes or
 * account deletions (or requests pretending to be them) must not make people unable to log in.
 */
export type HashingPurpose = "login" | "account";

/** Thrown when the hashing budget has no room; the route answers 503 "try again shortly". */
export class PasswordHashingBusy extends Error {
  constructor() {
    super("Password hashing queue is full");
  }
}

/** What `orHashingBusy` gives instead of the work's result when the budget had no room. */
export const hashingBusy = Symbol("password hashing busy");

/** The work's result, or `hashingBusy` when a hash it needed was refused (the route answers 503). */
export async function orHashingBusy<T>(work: () => Promise<T>): Promise<T | typeof hashingBusy> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PasswordHashingBusy) return hashingBusy;
    throw error;
  }
}

export interface HashingBudgetLimits {
  /** Hashes running at once. */
  concurrency: number;
  /** Hashes waiting for a turn, of any purpose; more are refused at once. */
  maxWaiting: number;
  /** Hashes not for a login, running and waiting together; more are refused at once. */
  maxAccount: number;
}

/**
 * The machine's share of cores for scrypt (32 MiB and about 100 ms of one core per hash): at
 * most half the cores hash at once (at least one), at most 16 hashes wait, and at most 12 hashes
 * that are not logins are running or waiting (a burst of ten sign-ups from one office still fits). A freed turn goes to the longest-waiting login before any other hash, so a login
 * never waits behind more than the hashes already running and the logins before it, however many
 * other hashes are asked for (decision 002).
 */
export function machineLimits(cores = os.availableParallelism()): HashingBudgetLimits {
  return { concurrency: Math.max(1, Math.floor(cores / 2)), maxWaiting: 16, maxAccount: 12 };
}

export interface HashingBudget {
  /** Resolves with the function that gives the turn back, or rejects with PasswordHashingBusy. */
  acquire(purpose: HashingPurpose): Promise<() => void>;
}

/** The budget's rules, with no I/O: one process's, or the cluster primary's for every worker. */
export function createHashingBudget(limits: HashingBudgetLimits): HashingBudget & { readonly size: { running: number; waiting: number; account: number } } {
  let running = 0;
  let account = 0;
  const waiting: Record<HashingPurpose, (() => void)[]> = { login: [], account: [] };
  const waitingCount = () => waiting.login.length + waiting.account.length;

  const releaser = (purpose: HashingPurpose) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (purpose === "account") account -= 1;
      // The turn goes straight to the next hash, a login first, or is freed.
      const next = waiting.login.shift() ?? waiting.account.shift();
      if (next) next();
      else running -= 1;
    };
  };

  return {
    acquire(purpose) {
      if (purpose === "account" && account >= limits.maxAccount) return Promise.reject(new PasswordHashingBusy());
      if (running < limits.concurrency) {
        running += 1;
        if (purpose === "account") account += 1;
        return Promise.resolve(releaser(purpose));
      }
      if (waitingCount() >= limits.maxWaiting) return Promise.reject(new PasswordHashingBusy());
      if (purpose === "account") account += 1;
      return new Promise((resolve) => waiting[purpose].push(() => resolve(releaser(purpose))));
    },
    get size() {
      return { running, waiting: waitingCount(), account };
    },
  };
}

// --- One budget for the machine ------------------------------------------------------------------

type ToPrimary = { stlHashing: "acquire"; id: number; purpose: HashingPurpose } | { stlHashing: "release"; id: number };
type ToWorker = { stlHashing: "granted" | "busy"; id: number };

/**
 * The cluster primary keeps the one budget and gives turns to its HTTP workers over their IPC
 * channels, so that "half the cores" holds for the machine, not for each worker. A worker that
 * dies gives back the turns it held; a turn granted to a worker already gone is given back at once.
 */
export function serveHashingBudgetToWorkers(budget: HashingBudget = createHashingBudget(machineLimits())): void {
  const held = new Map<number, Map<number, () => void>>();
  cluster.on("message", (worker: Worker, message: ToPrimary) => {
    if (typeof message !== "object" || message === null || !("stlHashing" in message)) return;
    const turns = held.get(worker.id) ?? new Map<number, () => void>();
    held.set(worker.id, turns);
    if (message.stlHashing === "release") {
      turns.get(message.id)?.();
      turns.delete(message.id);
      return;
    }
    const { id } = message;
    budget.acquire(message.purpose).then(
      (release) => {
        if (worker.isDead() || !worker.isConnected()) return release();
        turns.set(id, release);
        worker.send({ stlHashing: "granted", id } satisfies ToWorker);
      },
      () => {
        if (worker.isConnected()) worker.send({ stlHashing: "busy", id } satisfies ToWorker);
      },
    );
  });
  cluster.on("exit", (worker) => {
    for (const release of held.get(worker.id)?.values() ?? []) release();
    held.delete(worker.id);
  });
}

/** A worker's view of the primary's budget: each turn asked for and given back over IPC. */
function budgetOfPrimary(): HashingBudget {
  let lastId = 0;
  const pending = new Map<number, { resolve: (release: () => void) => void; reject: (error: Error) => void }>();
  process.on("message", (message: ToWorker) => {
    if (typeof message !== "object" || message === null || !("stlHashing" in message)) return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.stlHashing === "busy") return waiter.reject(new PasswordHashingBusy());
    waiter.resolve(() => {
      if (process.connected) process.send!({ stlHashing: "release", id: message.id } satisfies ToPrimary);
    });
  });
  return {
    acquire(purpose) {
      const id = ++lastId;
      return new Promise((resolve, reject) => {
        if (!process.connected) return reject(new PasswordHashingBusy());
        pending.set(id, { resolve, reject });
        process.send!({ stlHashing: "acquire", id, purpose } satisfies ToPrimary);
      });
    },
  };
}

/** This process's budget: the primary's when it is a cluster worker, else its own. */
export function hashingBudget(): HashingBudget {
  return cluster.isWorker ? budgetOfPrimary() : createHashingBudget(machineLimits());
}
