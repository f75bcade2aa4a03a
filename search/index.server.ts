import { db } from "../db/client.server";
import type { SearchEngine } from "./documents";
import { FallbackSearchEngine } from "./fallback.server";
import { FtsSearchEngine } from "./fts.server";
import { meiliConnectionFromEnv, MeiliSearchEngine } from "./meilisearch.server";

let engine: SearchEngine | undefined;

/**
 * The search engine of this process. Meilisearch when MEILI_HOST is set (key in MEILI_MASTER_KEY;
 * the search runtime sets both when it starts the bundled binary), with the embedded FTS5 index
 * answering whenever Meilisearch cannot; otherwise FTS5 alone, announced once in the log.
 */
export function searchEngine(): SearchEngine {
  if (!engine) {
    const connection = meiliConnectionFromEnv();
    if (connection) {
      engine = new FallbackSearchEngine(new MeiliSearchEngine(connection), new FtsSearchEngine(db()));
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
