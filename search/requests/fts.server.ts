import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { ftsMatchExpression } from "../fts.server";
import { compoundPartsOf } from "../../app/domain/compound-words";
import { requestBody, requestCompoundText, type RequestDocument, type RequestTextSearch } from "./documents";

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

/** The FTS5 row of one request, written in the transaction of the change (none for a draft). */
export async function writeRequestFtsRow(trx: Kysely<Database>, requestId: number, document: RequestDocument | undefined): Promise<void> {
  await sql`delete from request_fts where rowid = ${requestId}`.execute(trx);
  if (!document) return;
  // Without their synonyms, which FTS5 adds to the query, as for organisations (search/fts.server.ts).
  const parts = compoundPartsOf(requestCompoundText(document)).join(" ");
  await sql`insert into request_fts (rowid, title, body, parts) values (${requestId}, ${document.title}, ${requestBody(document)}, ${parts})`.execute(trx);
}
