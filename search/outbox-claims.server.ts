import type { DB } from "../db/client.server";
import { storedTime } from "../db/timestamps";

/**
 * Outbox rows a sync worker takes for one round. Several app servers may each run the sync: the
 * rows are leased in one transaction (transactions take the database's write lock first, on SQLite
 * and on PostgreSQL alike, decision 014), so two workers never take the same row. A worker that
 * dies mid-batch leaves its rows leased; they are taken again once the lease has run out, so none
 * is lost. A round that ends deletes its rows, or hands them back with `releaseOutboxRows`.
 */
export async function claimOutboxRows({
  db,
  entity,
  now,
  limit,
  leaseMs = 60_000,
}: {
  db: DB;
  entity: string;
  now: number;
  limit: number;
  leaseMs?: number;
}): Promise<{ id: number; entity_id: string; attempts: number }[]> {
  const at = storedTime(now);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("search_outbox")
      .select(["id", "entity_id", "attempts"])
      .where("entity", "=", entity)
      .where("next_attempt_at", "<=", at)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .orderBy("id")
      .limit(limit)
      .execute();
    if (due.length > 0) {
      await trx
        .updateTable("search_outbox")
        .set({ lease_until: storedTime(now + leaseMs) })
        .where(
          "id",
          "in",
          due.map((row) => row.id),
        )
        .execute();
    }
    return due;
  });
}

/** Hands rows back at once (kept for a later round) instead of holding them until the lease runs out. */
export async function releaseOutboxRows(db: DB, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("search_outbox").set({ lease_until: null }).where("id", "in", ids).execute();
}
