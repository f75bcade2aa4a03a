import { sql, type Kysely } from "kysely";

// Frozen: never import app code here; a later change gets a new migration.
// Yes/no columns were integers (0/1) on both databases; they become `boolean`. PostgreSQL then
// stores and returns true/false. SQLite keeps 0 and 1 under the declared type `boolean`, which its
// connection reads as true/false (db/sqlite-booleans.ts). One statement list for both: a new
// column is added, filled from the old, the old dropped and the new renamed, since SQLite cannot
// change a column's type in place. None of these columns is in an index, trigger or view.
export const booleanColumns: readonly { table: string; column: string; default: boolean }[] = [
  { table: "user", column: "email_notifications", default: true },
  { table: "organisation", column: "is_example", default: false },
  { table: "request", column: "deliver_on_holidays", default: false },
  { table: "request", column: "is_example", default: false },
  { table: "request_response", column: "is_example", default: false },
  { table: "request_question", column: "is_example", default: false },
  { table: "joint_bid", column: "plan_stale", default: true },
  { table: "joint_bid", column: "is_example", default: false },
  { table: "meeting", column: "minutes_published", default: false },
  { table: "meeting", column: "is_example", default: false },
  { table: "meeting_registration", column: "attended", default: false },
  { table: "pilot_procurement", column: "is_example", default: false },
  { table: "pilot_extra_cost", column: "is_example", default: false },
  { table: "pilot_outcome", column: "is_example", default: false },
  { table: "annual_activity", column: "is_example", default: false },
];

async function retype(db: Kysely<any>, table: string, column: string, type: "boolean" | "integer", fill: ReturnType<typeof sql>, defaultValue: boolean | number) {
  const next = `${column}_retyped`;
  await db.schema
    .alterTable(table)
    .addColumn(next, type, (c) => c.notNull().defaultTo(defaultValue))
    .execute();
  await sql`update ${sql.table(table)} set ${sql.ref(next)} = ${fill}`.execute(db);
  await db.schema.alterTable(table).dropColumn(column).execute();
  await db.schema.alterTable(table).renameColumn(next, column).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, column, default: value } of booleanColumns) {
    await retype(db, table, column, "boolean", sql`(${sql.ref(column)} <> 0)`, value);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, column, default: value } of booleanColumns) {
    await retype(db, table, column, "integer", sql`(case when ${sql.ref(column)} then 1 else 0 end)`, value ? 1 : 0);
  }
}
