import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { ftsMatchExpression } from "../fts.server";
import type { RequestTextSearch } from "./documents";

/**
 * Requests in the embedded FTS5 index: folded diacritics, prefixes and synonyms as in the directory.
 * The list is sorted by deadline, not relevance, so matches are not ranked here.
 */
export class FtsRequestSearch implements RequestTextSearch {
  readonly name = "fts5" as const;

  constructor(private readonly db: DB) {}

  async matchingIds(q: string, limit: number): Promise<number[]> {
    const match = ftsMatchExpression(q);
    if (!match) return [];
    const rows = await sql<{ rowid: number }>`select rowid from request_fts where request_fts match ${match} limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => Number(r.rowid));
  }
}
