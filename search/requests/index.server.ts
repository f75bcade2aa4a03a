import { db } from "../../db/client.server";
import { meiliConnectionFromEnv } from "../meilisearch.server";
import { embeddedRequestSearch } from "../embedded-index.server";
import type { RequestTextSearch } from "./documents";
import { MeiliRequestSearch } from "./meilisearch.server";

let engine: RequestTextSearch | undefined;

/** Meilisearch when configured, answering from the embedded index (FTS5 or PostgreSQL) whenever it cannot, as the directory does; else the embedded index. */
export function requestSearch(): RequestTextSearch {
  if (!engine) {
    const connection = meiliConnectionFromEnv();
    const embedded = embeddedRequestSearch(db());
    engine = connection ? withFallback(new MeiliRequestSearch(connection), embedded) : embedded;
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
