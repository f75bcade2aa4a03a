import { type Kysely, type Transaction, sql } from "kysely";
import type { Database } from "../db/schema";
import { buildOrganisationDocuments } from "./documents.server";
import type { OrganisationDocument } from "./documents";

/**
 * Every write that changes what an organisation's search document shows calls this inside its own
 * transaction: the embedded full-text index is updated at once, and an outbox row tells the sync
 * worker to push the document to Meilisearch. Both commit or roll back with the change itself.
 */
export async function recordOrganisationChange(trx: Transaction<Database>, organisationId: number): Promise<void> {
  const [document] = await buildOrganisationDocuments(trx, [organisationId]);
  await writeFtsRow(trx, organisationId, document);
  await trx
    .insertInto("search_outbox")
    .values({ entity: "organisation", entity_id: String(organisationId), created_at: Date.now() })
    .execute();
}

export async function writeFtsRow(
  trx: Kysely<Database>,
  organisationId: number,
  document: OrganisationDocument | undefined,
): Promise<void> {
  await sql`delete from organisation_fts where rowid = ${organisationId}`.execute(trx);
  if (!document) return;
  const fields = ftsFields(document);
  await sql`insert into organisation_fts (rowid, name, offerings, description)
    values (${organisationId}, ${fields.name}, ${fields.offerings}, ${fields.description})`.execute(trx);
}

/** Three columns, weighted in that order: name, then offering titles and CPV labels, then the rest. */
export function ftsFields(document: OrganisationDocument): { name: string; offerings: string; description: string } {
  return {
    name: document.name,
    offerings: [...document.offeringTitles, ...document.cpvLabels].join("\n"),
    description: [document.description, ...document.offeringDescriptions, ...document.targetGroups].join("\n"),
  };
}
