import { db } from "../db/client.server";
import type { SearchEngine } from "./documents";
import { FtsSearchEngine } from "./fts.server";

let engine: SearchEngine | undefined;

/**
 * The search engine of this process. Meilisearch when MEILI_HOST is set (the server sets it when it
 * starts the bundled binary); otherwise the embedded FTS5 fallback, announced once in the log.
 */
export function searchEngine(): SearchEngine {
  if (!engine) {
    engine = new FtsSearchEngine(db());
    console.info("Search: no Meilisearch configured (MEILI_HOST unset); using the embedded SQLite FTS5 fallback.");
  }
  return engine;
}

/** Lets tests choose the engine explicitly. */
export function useSearchEngine(instance: SearchEngine | undefined): void {
  engine = instance;
}
