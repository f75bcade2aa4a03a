import { type Kysely, sql } from "kysely";
import { databaseKind, generatedId } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// The employment-requirement pilot (register, notes, extra costs, outcome counts, estimate
// parameters, published report versions, change log) and the annual report's own inputs.
export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL's real is a 4-byte float (six digits); SQLite's real is the 8-byte double we mean.
  const double = databaseKind(db) === "postgres" ? "double precision" : "real";

  await db.schema
    .createTable("pilot_procurement")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("buying_unit", "text", (c) => c.notNull())
    .addColumn("supplier_organisation_id", "integer", (c) => c.references("organisation.id").onDelete("set null"))
    .addColumn("supplier_name", "text")
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('reserved', 'dialogue_requirement', 'fixed_requirement', 'external_requirement')`),
    )
    .addColumn("cpv_code", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('planned', 'starting', 'ongoing', 'completed', 'cancelled')`))
    .addColumn("start_date", "text")
    .addColumn("end_date", "text")
    .addColumn("contract_value_sek", "integer", (c) => c.check(sql`contract_value_sek is null or contract_value_sek >= 0`))
    .addColumn("request_id", "integer", (c) => c.references("request.id").onDelete("set null"))
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();

  // One text per reporting point, per procurement or (procurement_id null) for the pilot as a whole.
  await db.schema
    .createTable("pilot_note")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("procurement_id", "integer", (c) => c.references("pilot_procurement.id").onDelete("cascade"))
    .addColumn("point", "integer", (c) => c.notNull().check(sql`point in (2, 3, 4, 7, 8)`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("pilot_note_scope_idx")
    .on("pilot_note")
    .expression(sql`coalesce(procurement_id, 0), point`)
    .unique()
    .execute();

  await db.schema
    .createTable("pilot_extra_cost")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("procurement_id", "integer", (c) => c.references("pilot_procurement.id").onDelete("cascade"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("amount_sek", "integer", (c) => c.notNull().check(sql`amount_sek >= 0`))
    .addColumn("proposal", "text", (c) => c.notNull())
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();

  // Counts only, per procurement, period and gender: no column can hold anything about a person.
  await db.schema
    .createTable("pilot_outcome")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("procurement_id", "integer", (c) => c.notNull().references("pilot_procurement.id").onDelete("cascade"))
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("gender", "text", (c) => c.notNull().check(sql`gender in ('women', 'men', 'other')`))
    .addColumn("participants", "integer", (c) => c.notNull().check(sql`participants >= 0`))
    .addColumn("on_social_assistance", "integer", (c) => c.notNull().check(sql`on_social_assistance between 0 and participants`))
    .addColumn("work", "integer", (c) => c.notNull().check(sql`work >= 0`))
    .addColumn("studies", "integer", (c) => c.notNull().check(sql`studies >= 0`))
    .addColumn("unemployment_benefit", "integer", (c) => c.notNull().check(sql`unemployment_benefit >= 0`))
    .addColumn("social_assistance", "integer", (c) => c.notNull().check(sql`social_assistance >= 0`))
    .addColumn("other_unknown", "integer", (c) => c.notNull().check(sql`other_unknown >= 0`))
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addCheckConstraint(
      "pilot_outcome_within_participants",
      sql`work + studies + unemployment_benefit + social_assistance + other_unknown <= participants`,
    )
    .addCheckConstraint("pilot_outcome_period_order", sql`period_from <= period_to`)
    .execute();
  await db.schema
    .createIndex("pilot_outcome_scope_idx")
    .on("pilot_outcome")
    .columns(["procurement_id", "period_from", "period_to", "gender"])
    .unique()
    .execute();

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

  // A published report is a frozen copy; publishing the same period again makes the next version.
  await db.schema
    .createTable("pilot_report_version")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addUniqueConstraint("pilot_report_version_unique", ["period_from", "period_to", "version"])
    .execute();

  await db.schema
    .createTable("pilot_change")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("changed_at", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("pilot_change_time_idx").on("pilot_change").column("changed_at").execute();

  await db.schema
    .createTable("annual_report_text")
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("introduction", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("conclusion", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addPrimaryKeyConstraint("annual_report_text_pk", ["year", "section"])
    .execute();

  await db.schema
    .createTable("annual_activity")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("goal_area", "text", (c) => c.notNull().check(sql`goal_area in ('internal_collaboration', 'external_collaboration')`))
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("hours", double, (c) => c.check(sql`hours is null or hours >= 0`))
    .addColumn("percent_of_time", double, (c) => c.check(sql`percent_of_time is null or percent_of_time between 0 and 100`))
    .addColumn("cost_sek", "integer", (c) => c.notNull().defaultTo(0).check(sql`cost_sek >= 0`))
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("annual_activity_year_idx").on("annual_activity").columns(["year", "goal_area"]).execute();
}
