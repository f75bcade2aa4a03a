import { db } from "../db/client.server";
import type { SearchEngine } from "./documents";
import { FtsSearchEngine } from "./fts.server";
import { meiliConnectionFromEnv, MeiliSearchEngine } from "./meilisearch.server";

let engine: SearchEngine | undefined;

/**
 * The search engine of this process. Meilisearch when MEILI_HOST is set (key in MEILI_MASTER_KEY;
 * the search runtime sets both when it starts the bundled binary); otherwise the embedded FTS5
 * fallback, announced once in the log.
 */
export function searchEngine(): SearchEngine {
  if (!engine) {
    const connection = meiliConnectionFromEnv();
    if (connection) {
      engine = new MeiliSearchEngine(connection);
    } else {
      engine = new FtsSearchEngine(db());
      console.info("Search: no Meilisearch configured (MEILI_HOST unset); using the embedded SQLite FTS5 fallback.");
    }
  }
  return engine;
}

/** Lets tests choose the engine explicitly. */
export function useSearchEngine(instance: SearchEngine | undefined): void {
  engine = instance;
}
