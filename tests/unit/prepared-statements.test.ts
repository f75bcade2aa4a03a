import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, SqliteDialect } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { PreparedStatements, withBooleans } from "../../db/sqlite-booleans";

// The SQLite connection keeps its prepared statements by their SQL (db/sqlite-booleans.ts).
describe("prepared statements kept by the SQLite connection", () => {
  const open: SQLite.Database[] = [];
  afterEach(() => open.splice(0).forEach((db) => db.close()));

  function connection() {
    const sqlite = new SQLite(":memory:");
    open.push(sqlite);
    // Count what reaches SQLite's prepare.
    let prepared = 0;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => {
      prepared++;
      return prepare(sql);
    }) as typeof sqlite.prepare;
    const db = new Kysely<Record<string, Record<string, unknown>>>({ dialect: new SqliteDialect({ database: withBooleans(sqlite) }) });
    return { db, run: (sql: string) => db.executeQuery(CompiledQuery.raw(sql)), prepared: () => prepared };
  }

  it("prepares a question once and answers it again from the kept statement", async () => {
    const { run, prepared } = connection();
    await run("create table t (a integer)");
    await run("insert into t (a) values (1)");
    const before = prepared();
    for (let i = 0; i < 5; i++) expect((await run("select a from t")).rows).toEqual([{ a: 1 }]);
    expect(prepared() - before).toBe(1);
  });

  it("forgets every statement when the schema changes, so a new boolean column reads as a boolean", async () => {
    const { run } = connection();
    await run("create table t (a integer)");
    await run("insert into t (a) values (1)");
    expect((await run("select * from t")).rows).toEqual([{ a: 1 }]);
    await run("alter table t add column done boolean not null default 1");
    expect((await run("select * from t")).rows).toEqual([{ a: 1, done: true }]);
  });

  it("keeps at most its limit, dropping the least recently used first", () => {
    const cache = new PreparedStatements(2);
    const made: string[] = [];
    const statement = (sql: string) => () => {
      made.push(sql);
      return { reader: true, all: () => [], run: () => ({ changes: 0, lastInsertRowid: 0 }), iterate: () => [][Symbol.iterator]() };
    };
    cache.get("a", statement("a"));
    cache.get("b", statement("b"));
    cache.get("a", statement("a")); // a is now the most recent
    cache.get("c", statement("c")); // b goes
    cache.get("a", statement("a"));
    cache.get("b", statement("b"));
    expect(made).toEqual(["a", "b", "c", "b"]);
    expect(cache.size).toBe(2);
  });
});
