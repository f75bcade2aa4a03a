import type { Meilisearch } from "meilisearch";
import type { DB } from "../db/client.server";
import { buildOrganisationDocuments } from "./documents.server";
import { isMeiliNotFound, taskSucceeded, writeIndexState } from "./meilisearch.server";
import { activeReindex } from "./outbox-worker.server";
import { ORGANISATIONS_INDEX, organisationIndexSettings, toMeiliDocument } from "./settings";
import { storedTime } from "../db/timestamps";

export interface ReindexOptions {
  db: DB;
  client: Meilisearch;
  /** The live index; the new one is built beside it as `<live>_<timestamp>`. */
  indexUid?: string;
  /** Organisations per addDocuments call. */
  batchSize?: number;
  taskTimeoutMs?: number;
}

export interface ReindexResult {
  indexUid: string;
  builtFrom: string;
  documents: number;
  durationMs: number;
}

export class ReindexInProgressError extends Error {
  constructor() {
    super("Another search reindex is running.");
  }
}

/**
 * Rebuilds the organisations index from the database without a moment of downtime: documents go
 * into a fresh index with the current settings, which then swaps places with the live one in a
 * single Meilisearch task; the old one is deleted. Searches answer from the live index throughout.
 *
 * A "reindex" marker (search_marker) holds the sync worker off meanwhile. Outbox rows stay: whatever
 * was pending is pushed again afterwards (pushes are idempotent), which is what keeps a change
 * made during the build from being lost when the index it was pushed to is swapped out.
 */
export async function reindexOrganisations(options: ReindexOptions): Promise<ReindexResult> {
  const { db, client } = options;
  const live = options.indexUid ?? ORGANISATIONS_INDEX;
  const batchSize = options.batchSize ?? 1_000;
  const taskTimeoutMs = options.taskTimeoutMs ?? 10 * 60_000;
  const started = Date.now();
  const fresh = `${live}_${started}`;

  const markerId = await db.transaction().execute(async (trx) => {
    if (await activeReindex(trx, started)) throw new ReindexInProgressError();
    const row = await trx
      .insertInto("search_marker")
      .values({ kind: "reindex", index_uid: fresh, created_at: storedTime(started), error: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });

  // The marker holds the worker off for REINDEX_LOCK_TTL_MS from its last renewal; a long rebuild
  // renews it as it goes, so only a run that died lets the lock lapse.
  const renewLock = () =>
    db
      .updateTable("search_marker")
      .set({ created_at: storedTime(Date.now()) })
      .where("id", "=", markerId)
      .execute();

  try {
    await deleteLeftovers(client, live, fresh);
    await taskSucceeded(client, client.createIndex(fresh, { primaryKey: "id" }), taskTimeoutMs);
    await taskSucceeded(client, client.index(fresh).updateSettings(organisationIndexSettings), taskTimeoutMs);

    const ids = (await db.selectFrom("organisation").select("id").where("status", "=", "active").orderBy("id").execute()).map((r) => r.id);
    let documents = 0;
    const pushes: Promise<unknown>[] = [];
    for (let i = 0; i < ids.length; i += batchSize) {
      await renewLock();
      const batch = await buildOrganisationDocuments(db, ids.slice(i, i + batchSize));
      documents += batch.length;
      // Enqueued while the next batch is read; Meilisearch indexes them together, in order.
      const push = taskSucceeded(client, client.index(fresh).addDocuments(batch.map(toMeiliDocument)), taskTimeoutMs);
      push.catch(() => {}); // reported by Promise.all below, not as an unhandled rejection
      pushes.push(push);
    }
    await Promise.all(pushes);
    await renewLock();

    await ensureIndex(client, live, taskTimeoutMs);
    await taskSucceeded(client, client.swapIndexes([{ indexes: [live, fresh], rename: false }]), taskTimeoutMs);
    await taskSucceeded(client, client.deleteIndex(fresh), taskTimeoutMs);
    await writeIndexState(client, live);

    await db.transaction().execute(async (trx) => {
      await trx.updateTable("search_marker").set({ kind: "reindex-done" }).where("id", "=", markerId).execute();
      // Changes missed while Meilisearch was not in use are covered by this rebuild.
      await trx.deleteFrom("search_marker").where("kind", "=", "resync").where("id", "<", markerId).execute();
    });
    return { indexUid: live, builtFrom: fresh, documents, durationMs: Date.now() - started };
  } catch (error) {
    await db
      .updateTable("search_marker")
      .set({ kind: "reindex-done", error: String(error).slice(0, 500) })
      .where("id", "=", markerId)
      .execute();
    await client.deleteIndexIfExists(fresh).catch(() => false);
    throw error;
  }
}

async function ensureIndex(client: Meilisearch, uid: string, taskTimeoutMs: number): Promise<void> {
  try {
    await client.getRawIndex(uid);
  } catch (error) {
    if (!isMeiliNotFound(error)) throw error;
    await taskSucceeded(client, client.createIndex(uid, { primaryKey: "id" }), taskTimeoutMs).catch(async (error) => {
      // Created meanwhile by someone else: just as good.
      if (
        !(await client.getRawIndex(uid).then(
          () => true,
          () => false,
        ))
      )
        throw error;
    });
  }
}

/** Fresh indexes of earlier runs that died before their swap. */
async function deleteLeftovers(client: Meilisearch, live: string, keep: string): Promise<void> {
  const pattern = new RegExp(`^${live.replace(/[^A-Za-z0-9]/g, "\\$&")}_\\d+$`);
  const { results } = await client.getRawIndexes({ limit: 1_000 });
  for (const index of results) {
    if (pattern.test(index.uid) && index.uid !== keep) await taskSucceeded(client, client.deleteIndex(index.uid));
  }
}
