import { type Kysely, sql } from "kysely";
import { databaseKind, generatedId } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// What happens around a buyer's request: RFI questions, each organisation's response (with a
// version for optimistic concurrency, capacity per demand line and answers to the questions),
// the public question-and-answer thread, dated corrections and amendments, and the full-text
// rows the embedded search uses for requests.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rfi_question")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("request_id", "integer", (c) => c.notNull().references("request.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rfi_question_request_idx").on("rfi_question").columns(["request_id", "position"]).execute();

  await db.schema
    .createTable("request_response")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("request_id", "integer", (c) => c.notNull().references("request.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("interest", "text", (c) => c.notNull().check(sql`interest in ('yes', 'maybe', 'no')`))
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("request_response_one_per_org", ["request_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("request_response_org_idx").on("request_response").column("organisation_id").execute();

  await db.schema
    .createTable("response_capacity")
    .addColumn("response_id", "integer", (c) => c.notNull().references("request_response.id").onDelete("cascade"))
    .addColumn("demand_line_id", "integer", (c) => c.notNull().references("demand_line.id").onDelete("cascade"))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity >= 0`))
    .addPrimaryKeyConstraint("response_capacity_pk", ["response_id", "demand_line_id"])
    .execute();

  await db.schema
    .createTable("response_answer")
    .addColumn("response_id", "integer", (c) => c.notNull().references("request_response.id").onDelete("cascade"))
    .addColumn("question_id", "integer", (c) => c.notNull().references("rfi_question.id").onDelete("cascade"))
    .addColumn("answer", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_answer_pk", ["response_id", "question_id"])
    .execute();

  await db.schema
    .createTable("request_question")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("request_id", "integer", (c) => c.notNull().references("request.id").onDelete("cascade"))
    .addColumn("asked_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("answer", "text")
    .addColumn("answered_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("asked_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("request_question_request_idx").on("request_question").column("request_id").execute();

  await db.schema
    .createTable("request_change")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("request_id", "integer", (c) => c.notNull().references("request.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('correction', 'amendment', 'status')`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("request_change_request_idx").on("request_change").column("request_id").execute();

  // The distinct delivery sites of each request, for the site filter and its counts on /requests
  // (counting over demand lines directly reads twenty rows per request).
  await db.schema
    .createTable("request_site")
    .addColumn("request_id", "integer", (c) => c.notNull().references("request.id").onDelete("cascade"))
    .addColumn("site", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("request_site_pk", ["request_id", "site"])
    // SQLite only: `without rowid` keeps the rows in the key's order; PostgreSQL has no such table form.
    .$call((table) => (databaseKind(db) === "sqlite" ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
  await db.schema.createIndex("request_site_site_idx").on("request_site").columns(["site", "request_id"]).execute();
  // Kind and CPV counts of the open requests read from the index alone.
  await db.schema.createIndex("request_listing_idx").on("request").columns(["status", "deadline_at", "kind", "cpv_code"]).execute();

  // Embedded full-text fallback for requests (rowid = request id), folded for å/ä/ö like the directory's.
  // SQLite only: FTS5 is SQLite's; the PostgreSQL search engine gets a migration of its own later.
  if (databaseKind(db) === "sqlite") {
    await sql`create virtual table request_fts using fts5(
    title, body,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["request_fts", "request_site", "request_change", "request_question", "response_answer", "response_capacity", "request_response", "rfi_question"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
