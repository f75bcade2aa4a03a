import { type Kysely, sql } from "kysely";
import { databaseKind, generatedId } from "./database-kind";

// Frozen: never import app code here; a later change gets a new migration.
// The pilot report a municipality can publish (decision 010):
// - which organisations take part in the pilot is a flag a coordinator sets, no longer a name;
//   the buyer organisations named as Lund municipality's units ("Lunds kommun", "Lunds kommun – …")
//   keep the access they had;
// - estimate parameters have periods of validity: one row per value and the day it begins. The
//   single values kept so far applied to every report, so they begin on 2021-01-01, the project's
//   start; "persons" goes (per person is one person now);
// - a published version keeps, privately, what its suppression was computed from, so that later
//   publications are checked against it;
// - an activity's cost may be not entered (null), which the annual report shows as "—".

const pilotStart = "2021-01-01";

export async function up(db: Kysely<any>): Promise<void> {
  const double = databaseKind(db) === "postgres" ? "double precision" : "real";

  await db.schema
    .alterTable("organisation")
    .addColumn("pilot_participant", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`update organisation set pilot_participant = ${sql.lit(true)}
    where kind = 'buyer' and (name = 'Lunds kommun' or name like 'Lunds kommun %')`.execute(db);

  await db.schema
    .createTable("pilot_parameter_value")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("value", double, (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("is_example", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addUniqueConstraint("pilot_parameter_value_unique", ["key", "valid_from"])
    .execute();
  await sql`insert into pilot_parameter_value (key, value, valid_from, source, is_example, updated_at, updated_by)
    select key, value, ${pilotStart}, source, ${sql.lit(false)}, updated_at, updated_by from pilot_parameter where key <> 'persons'`.execute(db);
  await db.schema.dropTable("pilot_parameter").execute();

  await db.schema.alterTable("pilot_report_version").addColumn("audit_input", "text").execute();

  await db.schema
    .alterTable("annual_activity")
    .addColumn("cost_sek_entered", "integer", (c) => c.check(sql`cost_sek_entered is null or cost_sek_entered >= 0`))
    .execute();
  await sql`update annual_activity set cost_sek_entered = cost_sek`.execute(db);
  await db.schema.alterTable("annual_activity").dropColumn("cost_sek").execute();
  await db.schema.alterTable("annual_activity").renameColumn("cost_sek_entered", "cost_sek").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const double = databaseKind(db) === "postgres" ? "double precision" : "real";

  await db.schema
    .alterTable("annual_activity")
    .addColumn("cost_sek_required", "integer", (c) => c.notNull().defaultTo(0).check(sql`cost_sek_required >= 0`))
    .execute();
  await sql`update annual_activity set cost_sek_required = coalesce(cost_sek, 0)`.execute(db);
  await db.schema.alterTable("annual_activity").dropColumn("cost_sek").execute();
  await db.schema.alterTable("annual_activity").renameColumn("cost_sek_required", "cost_sek").execute();

  await db.schema.alterTable("pilot_report_version").dropColumn("audit_input").execute();

  await db.schema
    .createTable("pilot_parameter")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", double, (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();
  // One value per parameter again: the one that began last.
  await sql`insert into pilot_parameter (key, value, unit, source, as_of, updated_at, updated_by)
    select v.key, v.value, '', v.source, v.valid_from, v.updated_at, v.updated_by from pilot_parameter_value v
    where v.valid_from = (select max(w.valid_from) from pilot_parameter_value w where w.key = v.key)`.execute(db);
  await db.schema.dropTable("pilot_parameter_value").execute();

  await db.schema.alterTable("organisation").dropColumn("pilot_participant").execute();
}
