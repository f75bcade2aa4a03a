import type { Kysely } from "kysely";

// Frozen: never import app code here; a later change gets a new migration.
// An organisation's target groups ("långtidsarbetslösa, nyanlända") were one comma-separated text
// column; they become rows, one per group in the order written, as service areas already are.
// Existing text is split here by the rule the app used (commas or newlines, trimmed, empty parts
// dropped; a repeated group is kept once), and the column goes, on SQLite and PostgreSQL alike.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisation_target_group")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_target_group_pk", ["organisation_id", "position"])
    .execute();

  const organisations = (await db.selectFrom("organisation").select(["id", "target_groups"]).where("target_groups", "!=", "").orderBy("id").execute()) as {
    id: number;
    target_groups: string;
  }[];
  for (const { id, target_groups } of organisations) {
    const names = [
      ...new Set(
        target_groups
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    if (names.length === 0) continue;
    await db
      .insertInto("organisation_target_group")
      .values(names.map((name, position) => ({ organisation_id: id, position, name })))
      .execute();
  }
  await db.schema.alterTable("organisation").dropColumn("target_groups").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation").addColumn("target_groups", "text", (c) => c.notNull().defaultTo("")).execute();
  const rows = (await db
    .selectFrom("organisation_target_group")
    .select(["organisation_id", "name"])
    .orderBy("organisation_id")
    .orderBy("position")
    .execute()) as { organisation_id: number; name: string }[];
  const joined = new Map<number, string[]>();
  for (const row of rows) joined.set(row.organisation_id, [...(joined.get(row.organisation_id) ?? []), row.name]);
  for (const [id, names] of joined) {
    await db.updateTable("organisation").set({ target_groups: names.join(", ") }).where("id", "=", id).execute();
  }
  await db.schema.dropTable("organisation_target_group").execute();
}
