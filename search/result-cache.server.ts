import { changeVersion } from "../db/change-version.server";
import type { DB } from "../db/client.server";
import type { OrganisationSearchQuery, OrganisationSearchResult, SearchEngine } from "./documents";

/**
 * Directory answers (hits, total and facet counts) kept in memory until the database changes.
 *
 * The facet counts were computed afresh for every signed-in request (the anonymous HTML cache does
 * not serve those). The version (`changeVersion`) changes with every committed write, wherever it
 * came from. A search that overlapped a change is not stored. Search documents reach Meilisearch through the
 * outbox, whose rows are deleted (a change) only after Meilisearch has applied them, so a stale
 * answer cached in between is dropped at that moment.
 */
export class SearchResultCache {
  private entries = new Map<string, OrganisationSearchResult>();
  private version: string | undefined;

  constructor(
    private readonly db: DB,
    private readonly maxEntries = 200,
  ) {}

  async search(engine: SearchEngine, query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
    const before = await this.currentVersion();
    if (before !== this.version) {
      this.entries.clear();
      this.version = before;
    }
    const key = JSON.stringify(query);
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest is dropped first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const result = await engine.searchOrganisations(query);
    if ((await this.currentVersion()) === before && this.version === before) {
      this.entries.set(key, result);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return result;
  }

  private currentVersion(): Promise<string> {
    return changeVersion(this.db);
  }
}

// One cache per engine and connection (tests swap both).
const caches = new WeakMap<SearchEngine, WeakMap<DB, SearchResultCache>>();

/** The engine's answer to the directory query, from memory while the database is unchanged. */
export function cachedOrganisationSearch({
  db,
  engine,
  query,
}: {
  db: DB;
  engine: SearchEngine;
  query: OrganisationSearchQuery;
}): Promise<OrganisationSearchResult> {
  let perDb = caches.get(engine);
  if (!perDb) caches.set(engine, (perDb = new WeakMap()));
  let cache = perDb.get(db);
  if (!cache) perDb.set(db, (cache = new SearchResultCache(db)));
  return cache.search(engine, query);
}
