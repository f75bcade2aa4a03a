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
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => booleanStatement(sqlite.prepare(sql)),
  };
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
