import { sql, type Kysely, type RawBuilder } from "kysely";
import { databaseKind, epochMillis } from "./database-kind";

// Frozen: never import app code here; a later change gets a new migration.
// One timestamp convention: ISO 8601 UTC text with milliseconds ("2026-11-28T09:30:00.000Z", what
// `Date.prototype.toISOString()` writes), as every other time column already was. The session,
// login throttle, outbox, verification and search-marker tables kept epoch milliseconds (`integer`
// on SQLite, `bigint` on PostgreSQL). Each such column becomes text: a new column filled from the
// old, the old dropped and the new renamed (SQLite cannot change a type in place); the indexes on
// them are dropped first and made again. Text in this one format sorts as the times do, so the
// app's comparisons (expired, due, leased) read the same. The conversion itself is the one
// dialect branch: each database has its own date functions.
const columns: readonly { table: string; column: string; notNull: boolean }[] = [
  { table: "session", column: "expires_at", notNull: true },
  { table: "session", column: "created_at", notNull: true },
  { table: "password_reset_token", column: "expires_at", notNull: true },
  { table: "password_reset_token", column: "created_at", notNull: true },
  { table: "login_failure", column: "failed_at", notNull: true },
  { table: "rate_event", column: "at", notNull: true },
  { table: "email_verification", column: "expires_at", notNull: true },
  { table: "search_outbox", column: "created_at", notNull: true },
  { table: "search_outbox", column: "next_attempt_at", notNull: true },
  { table: "search_outbox", column: "lease_until", notNull: false },
  { table: "search_marker", column: "created_at", notNull: true },
  { table: "email_outbox", column: "created_at", notNull: true },
  { table: "email_outbox", column: "next_attempt_at", notNull: true },
  { table: "email_outbox", column: "lease_until", notNull: false },
  { table: "email_outbox", column: "sent_at", notNull: false },
];

const indexes: readonly { name: string; table: string; columns: string[] }[] = [
  { name: "login_failure_key_idx", table: "login_failure", columns: ["key", "failed_at"] },
  { name: "rate_event_key_idx", table: "rate_event", columns: ["key", "at"] },
  { name: "search_outbox_due_idx", table: "search_outbox", columns: ["next_attempt_at", "id"] },
  { name: "search_marker_kind_idx", table: "search_marker", columns: ["kind", "created_at"] },
  { name: "email_outbox_due_idx", table: "email_outbox", columns: ["sent_at", "next_attempt_at"] },
];

const isoEpoch = "1970-01-01T00:00:00.000Z";

function millisToIso(db: Kysely<any>, column: string): RawBuilder<string> {
  const ref = sql.ref(column);
  return databaseKind(db) === "postgres"
    ? sql`to_char(to_timestamp(${ref} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${ref} / 1000.0, 'unixepoch')`;
}

function isoToMillis(db: Kysely<any>, column: string): RawBuilder<number> {
  const ref = sql.ref(column);
  return databaseKind(db) === "postgres"
    ? sql`(extract(epoch from ${ref}::timestamptz) * 1000)::bigint`
    : sql`cast(round((julianday(${ref}) - 2440587.5) * 86400000) as integer)`;
}

async function retype(db: Kysely<any>, direction: "up" | "down"): Promise<void> {
  for (const index of indexes) await db.schema.dropIndex(index.name).execute();
  for (const { table, column, notNull } of columns) {
    const next = `${column}_retyped`;
    const type = direction === "up" ? "text" : epochMillis(db);
    // A NOT NULL column added to a table with rows needs a default (the fill replaces it): the
    // epoch, which the outboxes' due times always had and which leaves a forgotten expiry expired.
    await db.schema
      .alterTable(table)
      .addColumn(next, type, (c) => (notNull ? c.notNull().defaultTo(direction === "up" ? isoEpoch : 0) : c))
      .execute();
    const fill = direction === "up" ? millisToIso(db, column) : isoToMillis(db, column);
    await sql`update ${sql.table(table)} set ${sql.ref(next)} = ${fill} where ${sql.ref(column)} is not null`.execute(db);
    await db.schema.alterTable(table).dropColumn(column).execute();
    await db.schema.alterTable(table).renameColumn(next, column).execute();
  }
  for (const index of indexes) await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await retype(db, "up");
}

export async function down(db: Kysely<any>): Promise<void> {
  await retype(db, "down");
}
