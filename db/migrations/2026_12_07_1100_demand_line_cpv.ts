import type { Kysely } from "kysely";

// Frozen: never import app types here; a later change gets a new migration.
// A demand line may name what is delivered with a CPV code of its own, besides the request's code
// (a procurement notice's additional CPV codes): a catering request's salads are prepared meals.
// Null: the line is bought under the request's code alone, as every line before this migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("demand_line").addColumn("cpv_code", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("demand_line").dropColumn("cpv_code").execute();
}
