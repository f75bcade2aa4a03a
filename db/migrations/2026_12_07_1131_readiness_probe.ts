import { type Kysely, sql } from "kysely";

// Frozen: never import app types here; a later change gets a new migration.
// One row that readiness (/readyz, /healthz) rewrites, at most every few seconds, to see that a
// write can commit: a full disk lets reads through and fails only writes (decision 013).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("readiness_probe")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("probed_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("readiness_probe").execute();
}
