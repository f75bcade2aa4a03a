import type { DB } from "../../db/client.server";
import { storedTime } from "../../db/timestamps";

/**
 * Counts one event under `key` if fewer than `limit` happened in the window, in one transaction
 * (so simultaneous requests cannot all pass); returns false when the limit is reached.
 */
export async function takeRateLimit({
  db,
  key,
  limit,
  windowMs,
  now = Date.now(),
}: {
  db: DB;
  key: string;
  limit: number;
  windowMs: number;
  now?: number;
}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("rate_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("key", "=", key)
      .where("at", ">", storedTime(now - windowMs))
      .executeTakeFirst();
    if (Number(row?.n ?? 0) >= limit) return false;
    await trx
      .insertInto("rate_event")
      .values({ key, at: storedTime(now) })
      .execute();
    await trx
      .deleteFrom("rate_event")
      .where("key", "=", key)
      .where("at", "<=", storedTime(now - windowMs))
      .execute();
    return true;
  });
}

/** Gives back events counted for a request that failed for reasons not the client's (a busy server). */
export async function releaseRateEvents({ db, eventIds }: { db: DB; eventIds: number[] }) {
  if (eventIds.length) await db.deleteFrom("rate_event").where("id", "in", eventIds).execute();
}
