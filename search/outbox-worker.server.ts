import { sql } from "kysely";
import type { Meilisearch } from "meilisearch";
import type { DB } from "../db/client.server";
import { buildOrganisationDocuments } from "./documents.server";
import { claimOutboxRows, releaseOutboxRows } from "./outbox-claims.server";
import { describeMeiliError, taskSucceeded } from "./meilisearch.server";
import { type Logger, unique } from "./documents";
import { ORGANISATIONS_INDEX, toMeiliDocument } from "./settings";
import { storedTime, storedTimeMillis } from "../db/timestamps";

type Executor = Pick<DB, "selectFrom">;

/**
 * `search_outbox` holds only changes waiting for Meilisearch ("organisation" rows). The search
 * code's markers live in `search_marker`:
 * - "reindex": a full reindex is running (index_uid = the index it builds); the worker holds off.
 * - "reindex-done": a reindex that has ended, kept for an hour so a worker batch that began before
 *   it can tell its push may have gone to the index that was swapped out.
 * - "resync": Meilisearch missed changes (the app ran on FTS5 alone); the next start reindexes.
 */
export const ORGANISATION_CHANGE = "organisation";

/** A "reindex" marker older than this belongs to a run that died; it no longer holds anything. */
export const REINDEX_LOCK_TTL_MS = 30 * 60_000;
const REINDEX_DONE_KEEP_MS = 60 * 60_000;

export async function activeReindex(db: Executor, now = Date.now()): Promise<{ id: number } | undefined> {
  return db
    .selectFrom("search_marker")
    .select("id")
    .where("kind", "=", "reindex")
    .where("created_at", ">", storedTime(now - REINDEX_LOCK_TTL_MS))
    .executeTakeFirst();
}

/** Changes waiting for Meilisearch, and how old the oldest is. */
export async function outboxBacklog(db: Executor, now = Date.now()): Promise<{ length: number; oldestAgeSeconds: number }> {
  const row = await db
    .selectFrom("search_outbox")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("oldest")])
    .where("entity", "=", ORGANISATION_CHANGE)
    .executeTakeFirst();
  const oldest = row?.oldest === null || row?.oldest === undefined ? null : storedTimeMillis(String(row.oldest));
  return {
    length: Number(row?.n ?? 0),
    oldestAgeSeconds: oldest === null ? 0 : Math.max(0, Math.round((now - oldest) / 1000)),
  };
}

/**
 * Running on FTS5 alone, nothing drains the outbox. Rather than let it grow forever, its changes
 * are dropped and one "resync" marker is left: Meilisearch, when it is next used, rebuilds from
 * the database instead of replaying changes.
 */
export async function compactOutboxWithoutMeilisearch(db: DB): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("search_outbox").executeTakeFirst();
    const marker = await trx.selectFrom("search_marker").select("id").where("kind", "=", "resync").executeTakeFirst();
    if (!marker) {
      await trx
        .insertInto("search_marker")
        .values({ kind: "resync", index_uid: null, created_at: storedTime(Date.now()), error: null })
        .execute();
    }
    return Number(deleted.numDeletedRows);
  });
}

export interface OutboxWorkerOptions {
  db: DB;
  client: Meilisearch;
  indexUid?: string;
  /** Outbox rows read per round. */
  batchSize?: number;
  /** Pause between rounds when the outbox is empty or nothing is due. */
  pollIntervalMs?: number;
  /** Retry delay after the n-th failure: min(maxMs, baseMs · 2^(n-1)). */
  backoff?: { baseMs: number; maxMs: number };
  /** How long to wait for Meilisearch to process one push. */
  taskTimeoutMs?: number;
  /** How long a round has the rows it took to itself (see `claimOutboxRows`); after that another worker may take them. */
  leaseMs?: number;
  log?: Logger;
}

export interface DrainResult {
  /** Outbox rows done with (deleted). */
  processed: number;
  /** Outbox rows whose push failed (rescheduled). */
  failed: number;
  /** True when a reindex held this round back or made it keep its rows. */
  held: boolean;
}

/**
 * Pushes outbox changes to Meilisearch. Each round reads due rows, builds the current documents
 * of their organisations, upserts whole documents (and deletes those no longer listed), waits for
 * Meilisearch to confirm, and deletes exactly the rows it read. A change written meanwhile has a
 * newer row, which stays for the next round, so no change is lost and a push can safely repeat.
 * No network call happens inside a database transaction.
 */
export class OutboxWorker {
  private readonly db: DB;
  private readonly client: Meilisearch;
  private readonly indexUid: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly taskTimeoutMs: number;
  private readonly log: Logger;
  private running: Promise<void> | null = null;
  private stopped = true;
  private wake: (() => void) | null = null;
  private failing = false;
  /** Meilisearch's /health failed since the last push failed: its recovery cuts the backoff short. */
  private sawOutage = false;

  constructor(options: OutboxWorkerOptions) {
    this.db = options.db;
    this.client = options.client;
    this.indexUid = options.indexUid ?? ORGANISATIONS_INDEX;
    this.batchSize = options.batchSize ?? 500;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.backoff = options.backoff ?? { baseMs: 1_000, maxMs: 5 * 60_000 };
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
    this.log = options.log ?? console;
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Finishes the round in progress, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = null;
  }

  /** One round: push what is due, then delete or reschedule those rows. */
  async drainOnce(): Promise<DrainResult> {
    const idle: DrainResult = { processed: 0, failed: 0, held: false };
    const startedAt = Date.now();
    // In this order: a reindex marker written after this read has a higher id, and is caught
    // before the rows are deleted; one written before it is seen as running right here.
    const newest = await this.db
      .selectFrom("search_marker")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirst();
    const newestMarkerAtStart = Number(newest?.id ?? 0);
    if (await activeReindex(this.db, startedAt)) return { ...idle, held: true };
    if (this.failing) await this.checkRecovery(startedAt);

    const rows = await claimOutboxRows({ db: this.db, entity: ORGANISATION_CHANGE, now: startedAt, limit: this.batchSize, leaseMs: this.leaseMs });
    if (rows.length === 0) return idle;

    try {
      await this.push(unique(rows.map((r) => Number(r.entity_id)).filter(Number.isSafeInteger)));
    } catch (error) {
      await this.reschedule(rows, error);
      return { ...idle, failed: rows.length };
    }
    if (this.failing) {
      this.failing = false;
      this.log.info("Search sync: Meilisearch answers again; catching up.");
    }

    const held = await this.db.transaction().execute(async (trx) => {
      // A reindex that began after this round read the outbox may have built its index from
      // older data and swapped it in after this push: keep the rows so they are pushed again.
      const reindexSince = await trx
        .selectFrom("search_marker")
        .select("id")
        .where("kind", "in", ["reindex", "reindex-done"])
        .where("id", ">", newestMarkerAtStart)
        .executeTakeFirst();
      if (reindexSince) {
        await releaseOutboxRows(
          trx,
          rows.map((r) => r.id),
        );
        return true;
      }
      await trx
        .deleteFrom("search_outbox")
        .where(
          "id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
      await trx
        .deleteFrom("search_marker")
        .where("kind", "=", "reindex-done")
        .where("created_at", "<", storedTime(Date.now() - REINDEX_DONE_KEEP_MS))
        .execute();
      return false;
    });
    return { processed: held ? 0 : rows.length, failed: 0, held };
  }

  /**
   * After an outage the rows wait out their backoff (up to minutes) though Meilisearch answers
   * again: once /health answers after having failed, every waiting row is due at once.
   */
  private async checkRecovery(now: number): Promise<void> {
    if (!(await this.healthy())) {
      this.sawOutage = true;
      return;
    }
    if (!this.sawOutage) return;
    this.sawOutage = false;
    await this.retryNow(now);
  }

  /** Makes every waiting change due now and wakes the loop (the supervisor calls it after a restart). */
  async retryNow(now = Date.now()): Promise<void> {
    await this.db
      .updateTable("search_outbox")
      .set({ next_attempt_at: storedTime(now) })
      .where("entity", "=", ORGANISATION_CHANGE)
      .where("next_attempt_at", ">", storedTime(now))
      .execute();
    this.wake?.();
  }

  private async healthy(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), 1_000);
    });
    try {
      return await Promise.race([this.client.isHealthy(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async push(organisationIds: number[]): Promise<void> {
    const documents = await buildOrganisationDocuments(this.db, organisationIds);
    const listed = new Set(documents.map((d) => d.id));
    const unlisted = organisationIds.filter((id) => !listed.has(id));
    const index = this.client.index(this.indexUid);
    if (documents.length > 0) {
      await taskSucceeded(this.client, index.addDocuments(documents.map(toMeiliDocument), { primaryKey: "id" }), this.taskTimeoutMs);
    }
    if (unlisted.length > 0) {
      await taskSucceeded(this.client, index.deleteDocuments(unlisted), this.taskTimeoutMs);
    }
  }

  private async reschedule(rows: { id: number; attempts: number }[], error: unknown): Promise<void> {
    const message = describeMeiliError(error).slice(0, 500);
    if (!this.failing) {
      this.failing = true;
      this.log.warn(`Search sync: pushing ${rows.length} change(s) to Meilisearch failed (${message}); retrying with backoff.`);
    }
    if (!(await this.healthy())) this.sawOutage = true;
    const now = Date.now();
    const byAttempts = new Map<number, number[]>();
    for (const row of rows) byAttempts.set(row.attempts, [...(byAttempts.get(row.attempts) ?? []), row.id]);
    await this.db.transaction().execute(async (trx) => {
      for (const [attempts, ids] of byAttempts) {
        await trx
          .updateTable("search_outbox")
          .set({
            attempts: sql`attempts + 1`,
            next_attempt_at: storedTime(now + this.retryDelay(attempts + 1)),
            last_error: message,
            lease_until: null,
          })
          .where("id", "in", ids)
          .execute();
      }
    });
  }

  private retryDelay(attempts: number): number {
    return Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** Math.max(0, attempts - 1));
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      try {
        const round = await this.drainOnce();
        busy = round.processed === this.batchSize;
      } catch (error) {
        // The database itself failed (e.g. locked for longer than busy_timeout); try again later.
        this.log.warn(`Search sync: round failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!busy && !this.stopped) await this.pause(this.pollIntervalMs);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
