import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { hashingBudget, type HashingBudget, type HashingPurpose } from "./hashing-budget.server";

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

let budget: HashingBudget = hashingBudget();

/** Lets a test give this process a hashing budget it controls (a full one, say). */
export function useHashingBudget(instance: HashingBudget): void {
  budget = instance;
}

async function scrypt(password: string, salt: Buffer, n: number, rr: number, pp: number, purpose: HashingPurpose): Promise<Buffer> {
  const release = await budget.acquire(purpose);
  try {
    return await rawScrypt(password, salt, n, rr, pp);
  } finally {
    release();
  }
}

function rawScrypt(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, keyLength, { N: n, r: rr, p: pp, maxmem: 256 * n * rr }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A new hash of the password; every hash takes a turn of the machine's hashing budget for its purpose. */
export async function hashPassword(password: string, purpose: HashingPurpose): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, r, p, purpose);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(hash: string, password: string, purpose: HashingPurpose): Promise<boolean> {
  const [scheme, n, rr, pp, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), Number(n), Number(rr), Number(pp), purpose);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fixed hash to verify against when no account exists, so the answer takes as long either way. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  // A refused hash (the budget was full) is not kept: the next login makes it.
  dummyHash ??= hashPassword("no account has this password", "login").catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  return dummyHash;
}
