import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { writeEmbeddedRequestRow } from "../embedded-index.server";
import { buildRequestDocuments } from "./documents.server";
import { REQUEST_OUTBOX_ENTITY } from "./documents";
import { storedTime } from "../../db/timestamps";

/**
 * Every write that changes what a request's search document shows calls this inside its own
 * transaction: the embedded full-text row is rewritten at once, and an outbox row tells the request
 * sync worker to push the document to Meilisearch. Both commit or roll back with the change.
 */
export async function recordRequestChange(trx: Kysely<Database>, requestId: number): Promise<void> {
  const [document] = await buildRequestDocuments(trx, [requestId]);
  await writeEmbeddedRequestRow(trx, requestId, document);
  await trx
    .insertInto("search_outbox")
    .values({ entity: REQUEST_OUTBOX_ENTITY, entity_id: String(requestId), created_at: storedTime(Date.now()) })
    .execute();
}
