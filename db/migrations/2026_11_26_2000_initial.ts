import { type Kysely, sql } from "kysely";
import { databaseKind, generatedId, epochMillis } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user_role")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('coordinator', 'buyer', 'admin')`))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addPrimaryKeyConstraint("user_role_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("expires_at", epochMillis(db), (c) => c.notNull())
    .addColumn("created_at", epochMillis(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user_idx").on("session").column("user_id").execute();

  await db.schema
    .createTable("login_failure")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("failed_at", epochMillis(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_failure_key_idx").on("login_failure").columns(["key", "failed_at"]).execute();

  await db.schema
    .createTable("organisation")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("org_number", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('work_integrating', 'social_organisation', 'hybrid', 'buyer', 'support')`),
    )
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("website", "text")
    .addColumn("target_groups", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("workforce_share", "integer", (c) => c.check(sql`workforce_share between 0 and 100`))
    .addColumn("workforce_share_date", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('applicant', 'active', 'deactivated')`),
    )
    .addColumn("verified_at", "text")
    .addColumn("verified_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("approved_at", "text")
    .addColumn("approved_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisation_status_name_idx").on("organisation").columns(["status", "name"]).execute();

  await db.schema
    .createTable("organisation_service_area")
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("area", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organisation_service_area_pk", ["organisation_id", "area"])
    .execute();

  await db.schema
    .createTable("organisation_logo")
    .addColumn("organisation_id", "integer", (c) => c.primaryKey().references("organisation.id").onDelete("cascade"))
    .addColumn("mime_type", "text", (c) => c.notNull())
    // PostgreSQL has no blob type; bytea holds the same bytes.
    .addColumn("bytes", databaseKind(db) === "postgres" ? "bytea" : "blob", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("membership")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'editor')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'active')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("membership_pk", ["user_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("membership_org_idx").on("membership").column("organisation_id").execute();

  await db.schema
    .createTable("offering")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cpv_code", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("offering_org_idx").on("offering").column("organisation_id").execute();

  await db.schema
    .createTable("capacity_line")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("offering_id", "integer", (c) => c.notNull().references("offering.id").onDelete("cascade"))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn("period", "text", (c) => c.notNull().check(sql`period in ('weekday', 'week')`))
    // ISO weekday numbers 1 (Monday) … 7, comma-separated; only for period 'weekday'.
    .addColumn("weekdays", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("valid_from", "text")
    .addColumn("valid_to", "text")
    .addColumn("sites", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("capacity_line_offering_idx").on("capacity_line").column("offering_id").execute();

  await db.schema
    .createTable("search_outbox")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("created_at", epochMillis(db), (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", epochMillis(db), (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("search_outbox_due_idx").on("search_outbox").columns(["next_attempt_at", "id"]).execute();

  // Embedded full-text fallback: one row per listed organisation, folded for å/ä/ö.
  // SQLite only: FTS5 is SQLite's; the PostgreSQL search engine gets a migration of its own later.
  if (databaseKind(db) === "sqlite") {
    await sql`create virtual table organisation_fts using fts5(
    name, offerings, description,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "organisation_fts",
    "search_outbox",
    "capacity_line",
    "offering",
    "membership",
    "organisation_logo",
    "organisation_service_area",
    "organisation",
    "login_failure",
    "session",
    "user_role",
    "user",
  ]) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
