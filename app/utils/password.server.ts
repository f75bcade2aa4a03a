import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import os from "node:os";

// scrypt is memory-hard: N=2^15, r=8 uses 32 MiB per hash, about 100 ms on one core.
const N = 2 ** 15;
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
