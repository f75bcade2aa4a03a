import type { DB } from "../db/client.server";

export interface SearchRuntime {
  /** "meilisearch" or "fts5": what the app searches with. */
  engine: "meilisearch" | "fts5";
  stop(): Promise<void>;
}

/**
 * Starts what search needs beside the web server. Without Meilisearch the embedded FTS5 index is
 * kept current inside each write's transaction, so there is nothing to start.
 */
export async function startSearchRuntime(_options: { db: DB; dataDir: string }): Promise<SearchRuntime> {
  return { engine: "fts5", stop: async () => {} };
}
