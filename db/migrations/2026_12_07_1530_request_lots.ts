import type { Kysely } from "kysely";

// Frozen: never import app code here; a later change gets a new migration.
// Whether a request's demand lines are separate lots (decision 023, amended): off for every
// request so far, which was bought whole.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("request")
    .addColumn("lines_are_lots", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("request").dropColumn("lines_are_lots").execute();
}
