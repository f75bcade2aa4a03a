import { type Kysely, sql } from "kysely";

// Frozen: never import app types here; a later change gets a new migration.
// What a coordinator verified about an organisation (its kind, organisation number and workforce
// share with its date), kept beside the profile: when the owner changes one of these facts the
// verification ends, and the coordinator sees what changed since. Organisations verified before
// this migration were verified with the facts they show now.
const facts = ["kind", "org_number", "workforce_share", "workforce_share_date"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation").addColumn("verified_kind", "text").execute();
  await db.schema.alterTable("organisation").addColumn("verified_org_number", "text").execute();
  await db.schema.alterTable("organisation").addColumn("verified_workforce_share", "integer").execute();
  await db.schema.alterTable("organisation").addColumn("verified_workforce_share_date", "text").execute();
  // Set when an owner's edit ended the verification; cleared when a coordinator verifies again.
  await db.schema.alterTable("organisation").addColumn("verification_ended_at", "text").execute();
  for (const fact of facts) {
    await sql`update organisation set ${sql.ref(`verified_${fact}`)} = ${sql.ref(fact)} where verified_at is not null`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["verification_ended_at", ...facts.map((f) => `verified_${f}`)]) {
    await db.schema.alterTable("organisation").dropColumn(column).execute();
  }
}
