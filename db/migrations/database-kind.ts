import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";

// Migrations may import this module: it looks only at the Kysely instance it is given, never at app code.

export type DatabaseKind = "sqlite" | "postgres";

/**
 * Which database a Kysely instance (or a transaction of one) talks to. Read from the SQL its
 * dialect writes, without a round trip: PostgreSQL numbers parameters ($1), SQLite writes `?`.
 */
export function databaseKind(db: Kysely<any>): DatabaseKind {
  const { sql: probe } = db.selectNoFrom(sql<number>`${1}`.as("probe")).compile();
  return probe.includes("$1") ? "postgres" : "sqlite";
}

/**
 * The column builder of a table's own integer id, numbered by the database. SQLite keeps its
 * `integer primary key autoincrement` (ids never reused), exactly as the migrations always made it;
 * PostgreSQL has no autoincrement keyword and numbers with an identity column instead.
 */
export function generatedId(db: Kysely<any>): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  if (databaseKind(db) === "postgres") {
    return (column) => column.primaryKey().generatedByDefaultAsIdentity();
  } else {
    return (column) => column.primaryKey().autoIncrement();
  }
}

/**
 * The column type of a time kept as epoch milliseconds (about 1.8 × 10¹²). SQLite's `integer`
 * holds 8 bytes, as the migrations always made it; PostgreSQL's holds 4, so there it is `bigint`.
 */
export function epochMillis(db: Kysely<any>): "integer" | "bigint" {
  return databaseKind(db) === "postgres" ? "bigint" : "integer";
}
