import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import os from "node:os";

// scrypt is memory-hard: N=2^15, r=8 uses 32 MiB per hash, about 100 ms on one core.
const N = 2 ** scryptLog2Cost(process.env);

/**
 * log2 of scrypt's N for new hashes: 15. The integration tests, which make hundreds of accounts
 * and logins in-process, ask for less with SCRYPT_LOG2_COST (10 to 15); it is honoured only when
 * NODE_ENV is "test", so a server never hashes below 2^15 by a stray setting. Verifying reads N
 * from the stored hash, so hashes of either cost verify.
 */
export function scryptLog2Cost(env: Record<string, string | undefined>): number {
  const asked = env.SCRYPT_LOG2_COST;
  if (asked === undefined || asked === "" || env.NODE_ENV !== "test") return 15;
  const cost = Number(asked);
  if (!Number.isInteger(cost) || cost < 10 || cost > 15) throw new Error(`SCRYPT_LOG2_COST must be a whole number from 10 to 15 (got "${asked}").`);
  return cost;
}
const r = 8;
const p = 1;
const keyLength = 32;

/** Thrown when too many hashes are already waiting; the route answers 503 "try again shortly". */
export class PasswordHashingBusy extends Error {
  constructor() {
    super("Password hashing queue is full");
  }
}

/**
 * At most half the cores hash at once (at least one), and at most `maxWaiting` wait; more are
 * refused at once. So a burst of signups or logins can never take every core from page rendering,
 * nor pile up memory (32 MiB per running hash).
 */
export function createBoundedQueue({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= concurrency) {
        if (waiting.length >= maxWaiting) throw new PasswordHashingBusy();
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await task();
      } finally {
        // Hand the slot straight to the next task, or free it.
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
    get size() {
      return { running, waiting: waiting.length };
    },
  };
}

const hashingQueue = createBoundedQueue({
  concurrency: Math.max(1, Math.floor(os.availableParallelism() / 2)),
  maxWaiting: 16,
});

function scrypt(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return hashingQueue.run(() => rawScrypt(password, salt, n, rr, pp));
}

function rawScrypt(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, keyLength, { N: n, r: rr, p: pp, maxmem: 256 * n * rr }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), Number(n), Number(rr), Number(pp));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fixed hash to verify against when no account exists, so the answer takes as long either way. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("no account has this password");
  return dummyHash;
}
