import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { databaseKind, generatedId, epochMillis } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// Security hardening (issue 13): a general rate-limit log, sessions stored by the SHA-256 of their
// token, e-mail verification, and an append-only audit log.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per counted event (a signup, a login attempt reserved before its password is checked).
  await db.schema
    .createTable("rate_event")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", epochMillis(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_event_key_idx").on("rate_event").columns(["key", "at"]).execute();

  // Sessions are looked up by the hash of the cookie's token from now on; existing ones keep working.
  const sessions = await db.selectFrom("session").select("id").execute();
  for (const { id } of sessions as { id: string }[]) {
    await db
      .updateTable("session")
      .set({ id: createHash("sha256").update(id).digest("hex") })
      .where("id", "=", id)
      .execute();
  }

  await db.schema.alterTable("user").addColumn("email_verified_at", "text").execute();
  // Accounts made before verification existed were vetted by hand during the pilot set-up.
  await sql`update "user" set email_verified_at = created_at`.execute(db);

  await db.schema
    .createTable("email_verification")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("expires_at", epochMillis(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex("email_verification_user_idx").on("email_verification").column("user_id").execute();

  // No foreign keys: the log outlives the accounts and organisations it names, and nothing may
  // rewrite it (a cascade or "set null" would be an update).
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("organisation_id", "integer")
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  if (databaseKind(db) === "postgres") {
    // PostgreSQL: a trigger runs a function, and `raise(abort)` is SQLite's; truncate skips row triggers.
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (databaseKind(db) === "postgres") {
    // PostgreSQL: dropping the table drops its triggers; the function is left to drop.
    await sql`drop table if exists audit_log`.execute(db);
    await sql`drop function if exists audit_log_append_only()`.execute(db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
    await sql`drop table if exists audit_log`.execute(db);
  }
  await sql`drop table if exists email_verification`.execute(db);
  await sql`drop table if exists rate_event`.execute(db);
}
