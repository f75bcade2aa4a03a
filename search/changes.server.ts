import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import { buildOrganisationDocuments } from "./documents.server";
import { writeEmbeddedSearchRow } from "./embedded-index.server";
import { storedTime } from "../db/timestamps";

/**
 * Every write that changes what an organisation's search document shows calls this inside its own
 * transaction: the embedded full-text index is updated at once, and an outbox row tells the sync
 * worker to push the document to Meilisearch. Both commit or roll back with the change itself.
 */
export async function recordOrganisationChange(trx: Transaction<Database>, organisationId: number): Promise<void> {
  const [document] = await buildOrganisationDocuments(trx, [organisationId]);
  await writeEmbeddedSearchRow(trx, organisationId, document);
  await trx
    .insertInto("search_outbox")
    .values({ entity: "organisation", entity_id: String(organisationId), created_at: storedTime(Date.now()) })
    .execute();
}
