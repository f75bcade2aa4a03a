import { sql } from "kysely";
import type { DB } from "../db/client.server";
import type { SearchEngine } from "./documents";
import { FallbackSearchEngine } from "./fallback.server";
import { MeiliSearchEngine } from "./meilisearch.server";
import { outboxBacklog } from "./outbox-worker.server";

export interface HealthReport {
  database: "ok" | "error";
  search:
    | { engine: "fts5"; status: "ok" }
    | { engine: "meilisearch"; status: "ok" | "unreachable"; index: string; error?: string };
  /** Changes not yet in Meilisearch; null when the database could not be read. */
  outbox: { length: number; oldestAgeSeconds: number } | null;
}

/**
 * What /healthz reports. A database failure makes the service unhealthy; an unreachable
 * Meilisearch does not (writes still succeed and queue in the outbox), but it is reported, and a
 * growing outbox age is the signal to alert on.
 */
export async function healthReport({ db, engine: configured }: { db: DB; engine: SearchEngine }): Promise<HealthReport> {
  // Report on the engine the app means to search with, not on its stand-in.
  const engine = configured instanceof FallbackSearchEngine ? configured.primary : configured;
  const [database, outbox, search] = await Promise.all([
    sql`select 1`.execute(db).then(
      () => "ok" as const,
      () => "error" as const,
    ),
    outboxBacklog(db).catch(() => null),
    engine instanceof MeiliSearchEngine
      ? engine.ping().then((ping) => ({ engine: "meilisearch" as const, index: engine.indexUid, ...ping }))
      : Promise.resolve({ engine: "fts5" as const, status: "ok" as const }),
  ]);
  return { database, search, outbox };
}
