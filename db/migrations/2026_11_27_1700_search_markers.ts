import type { Kysely } from "kysely";
import { generatedId, epochMillis } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// The search code's markers (a reindex running, one just ended, Meilisearch needing a full
// resync) get a small table of their own instead of riding in the outbox as special rows, so the
// outbox holds only changes waiting for Meilisearch.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_marker")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("kind", "text", (c) => c.notNull())
    // The index a reindex builds; null for a resync marker.
    .addColumn("index_uid", "text")
    .addColumn("created_at", epochMillis(db), (c) => c.notNull())
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("search_marker_kind_idx").on("search_marker").columns(["kind", "created_at"]).execute();
  await db
    .insertInto("search_marker")
    .columns(["kind", "index_uid", "created_at", "error"])
    .expression((eb) =>
      eb
        .selectFrom("search_outbox")
        .select(["entity", "entity_id", "created_at", "last_error"])
        .where("entity", "in", ["reindex", "reindex-done", "resync"])
        .orderBy("id"),
    )
    .execute();
  await db.deleteFrom("search_outbox").where("entity", "in", ["reindex", "reindex-done", "resync"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_marker").execute();
}
