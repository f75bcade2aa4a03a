import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * SQLite has no boolean type: a column declared `boolean` keeps 0 and 1, and better-sqlite3 refuses
 * `true` and `false` as parameters. PostgreSQL stores and returns real booleans. So that the app
 * reads and writes booleans on both, the SQLite connection Kysely uses goes through this wrapper
 * (decision 014, "Booleans"):
 * - a parameter `true` or `false` is bound as 1 or 0;
 * - a result column that comes straight from a column declared `boolean` (SQLite reports each
 *   result column's declared type, aliases included) is read as `true` or `false`. Computed
 *   columns (counts, `exists`, `case`) are not columns of a table and stay numbers, as before.
 */
export function withBooleans(sqlite: SQLite.Database): SqliteDatabase {
  const prepared = new PreparedStatements();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => prepared.get(sql, () => booleanStatement(sqlite.prepare(sql))),
  };
}

/**
 * The connection's prepared statements, kept by their SQL (the app asks the same few hundred
 * questions over and over; preparing one and reading its columns' types took about 5 % of a page's
 * server time). Least recently used ones go first. A statement that changes the schema (create,
 * alter, drop: the migrations) empties the cache, so no statement keeps the column types of a table
 * as it was; SQLite itself re-prepares a kept statement whose tables changed. A kept statement runs
 * one query at a time: Kysely's `stream()`, which would hold one open while asking others, is not
 * used with SQLite here.
 */
export class PreparedStatements {
  private readonly statements = new Map<string, SqliteStatement>();
  constructor(private readonly limit = 500) {}

  get(sql: string, prepare: () => SqliteStatement): SqliteStatement {
    const kept = this.statements.get(sql);
    if (kept) {
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      return kept;
    }
    const statement = prepare();
    if (changesSchema(sql)) {
      this.statements.clear();
      return statement;
    }
    this.statements.set(sql, statement);
    if (this.statements.size > this.limit) this.statements.delete(this.statements.keys().next().value as string);
    return statement;
  }

  get size(): number {
    return this.statements.size;
  }
}

function changesSchema(sql: string): boolean {
  return /^\s*(create|alter|drop)\b/i.test(sql);
}

function booleanStatement(statement: SQLite.Statement): SqliteStatement {
  const booleans = statement.reader
    ? statement
        .columns()
        .filter((column) => column.type?.toLowerCase() === "boolean")
        .map((column) => column.name)
    : [];
  const read =
    booleans.length === 0
      ? (row: unknown) => row
      : (row: unknown) => {
          const record = row as Record<string, unknown>;
          for (const name of booleans) {
            const value = record[name];
            if (value === 0 || value === 1) record[name] = value === 1;
          }
          return record;
        };
  return {
    reader: statement.reader,
    all: (parameters) => {
      const rows = statement.all(...bindable(parameters));
      return booleans.length === 0 ? rows : rows.map(read);
    },
    run: (parameters) => statement.run(...bindable(parameters)),
    *iterate(parameters) {
      for (const row of statement.iterate(...bindable(parameters))) yield read(row);
    },
  };
}

function bindable(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => (typeof value === "boolean" ? Number(value) : value));
}
