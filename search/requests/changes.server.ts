import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import { buildRequestDocuments } from "./documents.server";
import { REQUEST_OUTBOX_ENTITY, requestBody, type RequestDocument } from "./documents";

/**
 * Every write that changes what a request's search document shows calls this inside its own
 * transaction: the embedded full-text row is rewritten at once, and an outbox row tells the request
 * sync worker to push the document to Meilisearch. Both commit or roll back with the change.
 */
export async function recordRequestChange(trx: Kysely<Database>, requestId: number): Promise<void> {
  const [document] = await buildRequestDocuments(trx, [requestId]);
  await writeRequestFtsRow(trx, requestId, document);
  await trx
    .insertInto("search_outbox")
    .values({ entity: REQUEST_OUTBOX_ENTITY, entity_id: String(requestId), created_at: Date.now() })
    .execute();
}

export async function writeRequestFtsRow(trx: Kysely<Database>, requestId: number, document: RequestDocument | undefined): Promise<void> {
  await sql`delete from request_fts where rowid = ${requestId}`.execute(trx);
  if (!document) return;
  await sql`insert into request_fts (rowid, title, body) values (${requestId}, ${document.title}, ${requestBody(document)})`.execute(trx);
}
