import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { knownDeviceLifetimeMs, throttleKeys, throttleVerdict, throttleWindowMs } from "../domain/login-throttle";
import { storedTime } from "../../db/timestamps";
import { normaliseEmail } from "./user.server";

export type LoginReservation = { ok: true; eventIds: number[]; delayMs: number; knownDevice: boolean } | { ok: false; error: "throttled" | "accountThrottled" };

/** Browsers kept per account; the oldest are forgotten first. */
const knownDevicesPerAccount = 20;

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Counts this attempt as a failure before its password is checked, in one transaction that also
 * checks the limits: simultaneous guesses each see the ones reserved before them, whichever
 * process or server they reached (the counts are rows of the database, and every transaction
 * takes the one write lock first), so no burst can slip past a limit while scrypt runs. A
 * successful login gives its reservation back.
 */
export async function reserveLoginAttempt({
  db,
  email,
  address,
  deviceToken,
  now = Date.now(),
}: {
  db: DB;
  email: string;
  address: string;
  /** The browser's known-device cookie, if it sent one. */
  deviceToken: string | null;
  now?: number;
}): Promise<LoginReservation> {
  const keys = throttleKeys(email, address);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("rate_event")
      .select(["key", (eb) => eb.fn.countAll<number>().as("n")])
      .where("key", "in", [keys.pair, keys.address, keys.account])
      .where("at", ">", storedTime(now - throttleWindowMs))
      .groupBy("key")
      .execute();
    const count = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
    const knownDevice =
      deviceToken !== null &&
      (await trx
        .selectFrom("login_device")
        .innerJoin("user", "user.id", "login_device.user_id")
        .select("login_device.token_hash")
        .where("login_device.token_hash", "=", tokenHash(deviceToken))
        .where("user.email", "=", normaliseEmail(email))
        .where("login_device.expires_at", ">", storedTime(now))
        .executeTakeFirst()) !== undefined;
    const verdict = throttleVerdict({ pair: count(keys.pair), address: count(keys.address), account: count(keys.account), knownDevice });
    if (!verdict.ok) return verdict;
    const inserted = await trx
      .insertInto("rate_event")
      .values([keys.pair, keys.address, keys.account].map((key) => ({ key, at: storedTime(now) })))
      .returning("id")
      .execute();
    await trx
      .deleteFrom("rate_event")
      .where("key", "like", "login:%")
      .where("at", "<=", storedTime(now - throttleWindowMs))
      .execute();
    return { ok: true, eventIds: inserted.map((r) => r.id), delayMs: verdict.delayMs, knownDevice } as const;
  });
}

/**
 * After a successful login: this attempt and the failures from this address on this account are
 * forgiven. The account's failures from elsewhere still count: a login by the owner does not give
 * someone guessing from other addresses a fresh allowance.
 */
export async function clearLoginFailures({ db, email, address, eventIds }: { db: DB; email: string; address: string; eventIds: number[] }) {
  const keys = throttleKeys(email, address);
  await db
    .deleteFrom("rate_event")
    .where((eb) => eb.or([eb("id", "in", eventIds), eb("key", "=", keys.pair)]))
    .execute();
}

/**
 * Makes the browser a known device of the account and returns the token for its cookie (only the
 * token's hash is stored). Expired devices of the account go, and beyond 20 the oldest.
 */
export function rememberDevice({ db, userId, now = Date.now() }: { db: DB; userId: string; now?: number }): Promise<string> {
  return db.transaction().execute((trx) => rememberDeviceIn({ trx, userId, now }));
}

/** `rememberDevice` inside a transaction that changes more (a password reset). */
export async function rememberDeviceIn({ trx, userId, now }: { trx: Transaction<Database>; userId: string; now: number }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await trx.deleteFrom("login_device").where("user_id", "=", userId).where("expires_at", "<=", storedTime(now)).execute();
  await trx
    .insertInto("login_device")
    .values({ token_hash: tokenHash(token), user_id: userId, created_at: storedTime(now), expires_at: storedTime(now + knownDeviceLifetimeMs) })
    .execute();
  const kept = await trx
    .selectFrom("login_device")
    .select("token_hash")
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(knownDevicesPerAccount)
    .execute();
  await trx
    .deleteFrom("login_device")
    .where("user_id", "=", userId)
    .where(
      "token_hash",
      "not in",
      kept.map((d) => d.token_hash),
    )
    .execute();
  return token;
}
