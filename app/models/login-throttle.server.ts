import type { DB } from "../../db/client.server";
import { accountDelayMs, addressLimit, pairLimit, throttleKeys, throttleWindowMs } from "../domain/login-throttle";
import { storedTime } from "../../db/timestamps";

export type LoginReservation =
  | { ok: true; eventIds: number[]; delayMs: number }
  | { ok: false; error: "throttled" };

/**
 * Counts this attempt as a failure before its password is checked, in one transaction that also
 * checks the limits: simultaneous guesses each see the ones reserved before them, so no burst can
 * slip past the limit while scrypt runs. A successful login gives its reservation back.
 */
export async function reserveLoginAttempt({
  db,
  email,
  address,
  now = Date.now(),
}: {
  db: DB;
  email: string;
  address: string;
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
    if (count(keys.pair) >= pairLimit || count(keys.address) >= addressLimit) return { ok: false, error: "throttled" } as const;
    const inserted = await trx
      .insertInto("rate_event")
      .values([keys.pair, keys.address, keys.account].map((key) => ({ key, at: storedTime(now) })))
      .returning("id")
      .execute();
    await trx.deleteFrom("rate_event").where("key", "like", "login:%").where("at", "<=", storedTime(now - throttleWindowMs)).execute();
    return { ok: true, eventIds: inserted.map((r) => r.id), delayMs: accountDelayMs(count(keys.account)) } as const;
  });
}

/** After a successful login: this attempt and the account's earlier failures from anywhere are forgiven. */
export async function clearLoginFailures({ db, email, address, eventIds }: { db: DB; email: string; address: string; eventIds: number[] }) {
  const keys = throttleKeys(email, address);
  await db
    .deleteFrom("rate_event")
    .where((eb) => eb.or([eb("id", "in", eventIds), eb("key", "in", [keys.account, keys.pair])]))
    .execute();
}
