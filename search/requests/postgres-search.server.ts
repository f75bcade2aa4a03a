import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { requestTable, searchWords, textQuery } from "../postgres-search.server";
import { compoundTerms } from "../compounds";
import { requestBody, requestCompoundText, type RequestDocument, type RequestTextSearch } from "./documents";

/**
 * Requests in the PostgreSQL search table: folded diacritics, prefixes, synonyms and typo
 * corrections as in the directory. The list is sorted by deadline; relevance only decides which
 * requests fit under the limit.
 */
export class PostgresRequestSearch implements RequestTextSearch {
  readonly name = "postgres" as const;

  constructor(private readonly db: DB) {}

  async matchingIds(q: string, limit: number): Promise<number[]> {
    const match = await textQuery(this.db, requestTable, q);
    if (!match) return [];
    const { rows } = await sql<{ id: number }>`select request_id as id from request_search
      where document @@ ${match.tsquery}::tsquery
      order by ts_rank(document, ${match.tsquery}::tsquery) desc, request_id
      limit ${limit}`.execute(this.db);
    return rows.map((r) => Number(r.id));
  }
}

/** The PostgreSQL search row of one request, written in the transaction of the change (none for a draft); an upsert, as for organisations. */
export async function writePostgresRequestRow(trx: Kysely<Database>, requestId: number, document: RequestDocument | undefined): Promise<void> {
  if (!document) {
    await sql`delete from request_search where request_id = ${requestId}`.execute(trx);
    return;
  }
  const parts = compoundTerms(requestCompoundText(document)).join(" ");
  await sql`insert into request_search (request_id, title, body, parts)
    values (${requestId}, ${searchWords(document.title)}, ${searchWords(requestBody(document))}, ${searchWords(parts)})
    on conflict (request_id) do update set title = excluded.title, body = excluded.body, parts = excluded.parts`.execute(trx);
}
