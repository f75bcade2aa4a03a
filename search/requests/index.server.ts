import { db } from "../../db/client.server";
import { meiliConnectionFromEnv } from "../meilisearch.server";
import type { RequestTextSearch } from "./documents";
import { FtsRequestSearch } from "./fts.server";
import { MeiliRequestSearch } from "./meilisearch.server";

let engine: RequestTextSearch | undefined;

/** Meilisearch when configured, answering from FTS5 whenever it cannot (as the directory does); else FTS5. */
export function requestSearch(): RequestTextSearch {
  if (!engine) {
    const connection = meiliConnectionFromEnv();
    const fts = new FtsRequestSearch(db());
    engine = connection ? withFallback(new MeiliRequestSearch(connection), fts) : fts;
  }
  return engine;
}

/** Lets tests choose the engine explicitly. */
export function useRequestSearch(instance: RequestTextSearch | undefined): void {
  engine = instance;
}

export function withFallback(primary: RequestTextSearch, fallback: RequestTextSearch): RequestTextSearch {
  return {
    name: primary.name,
    matchingIds: (q, limit) => primary.matchingIds(q, limit).catch(() => fallback.matchingIds(q, limit)),
  };
}
