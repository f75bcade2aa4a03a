/**
 * PostgreSQL, first slice (docs/decisions/014-postgresql.md): a postgres:// DATABASE_URL opens a
 * pooled PostgreSQL connection through `openDatabase()`, and the one set of migrations builds the
 * same tables and columns there as on SQLite. Runs against the real PostgreSQL the test setup
 * starts (tests/setup/postgres.ts), in a database of this file's own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { databaseKind, type DB, migrateToLatest, openDatabase } from "../../db/client.server";
import { migrations } from "../../db/migrations";
import { changeVersion } from "../../db/change-version.server";
import { parseInt8 } from "../../db/postgres.server";
import { createTestDatabase } from "../setup/postgres";

/**
 * SQLite's embedded full-text tables (FTS5) and the shadow tables FTS5 keeps for each: SQLite only.
 */
const sqliteOnlyTables = ["organisation_fts", "request_fts"].flatMap((fts) =>
  ["", "_config", "_content", "_data", "_docsize", "_idx"].map((suffix) => `${fts}${suffix}`),
);

/** PostgreSQL's own search tables (search/postgres-search.server.ts), where SQLite has FTS5. */
const postgresOnlyTables = ["organisation_search", "request_search"];

/** "table.column" → nullable, for every table of a database. */
type ColumnShape = Record<string, { nullable: boolean }>;

async function sqliteColumns(db: DB): Promise<ColumnShape> {
  const { rows } = await sql<{ table_name: string; column_name: string; notnull: number; pk: number }>`
    select m.name as table_name, c.name as column_name, c."notnull" as "notnull", c.pk as pk
    from sqlite_master m join pragma_table_info(m.name) c
    where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'`.execute(db);
  // SQLite lets most primary-key columns hold NULL (an old quirk kept for compatibility); the app
  // never stores one there, and PostgreSQL makes every key column not null, so both count as not null.
  return Object.fromEntries(rows.map((r) => [`${r.table_name}.${r.column_name}`, { nullable: r.notnull === 0 && r.pk === 0 }]));
}

async function postgresColumns(db: DB): Promise<ColumnShape> {
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: "YES" | "NO" }>`
    select table_name, column_name, is_nullable from information_schema.columns
    where table_schema = current_schema()`.execute(db);
  return Object.fromEntries(rows.map((r) => [`${r.table_name}.${r.column_name}`, { nullable: r.is_nullable === "YES" }]));
}

function withoutTables(columns: ColumnShape, tables: string[]): ColumnShape {
  return Object.fromEntries(Object.entries(columns).filter(([key]) => !tables.includes(key.split(".")[0])));
}

async function appliedMigrations(on: DB): Promise<{ name: string; timestamp: string }[]> {
  return (await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name`.execute(on)).rows;
}

let serverUrl: string;
let databaseUrl: string;
let db: DB;
let sqliteDir: string;
let sqlite: DB;

beforeAll(async () => {
  serverUrl = inject("postgresUrl");
  databaseUrl = await createTestDatabase(serverUrl);
  db = openDatabase(databaseUrl);
  await migrateToLatest(db);
  sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-pg-compare-"));
  sqlite = openDatabase(path.join(sqliteDir, "compare.db"));
  await migrateToLatest(sqlite);
});
afterAll(async () => {
  await db?.destroy();
  await sqlite?.destroy();
  if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
});

describe("migrations on PostgreSQL", () => {
  it("build the same tables and columns, with the same nullability, as on a fresh SQLite database", async () => {
    const onSqlite = await sqliteColumns(sqlite);
    const tablesOnSqlite = new Set(Object.keys(onSqlite).map((key) => key.split(".")[0]));
    // The exclusions name tables that exist, so the list cannot hide a table by a typo.
    for (const table of sqliteOnlyTables) expect(tablesOnSqlite).toContain(table);

    const onPostgres = await postgresColumns(db);
    expect(Object.keys(onPostgres).length).toBeGreaterThan(200);
    const tablesOnPostgres = new Set(Object.keys(onPostgres).map((key) => key.split(".")[0]));
    for (const table of postgresOnlyTables) expect(tablesOnPostgres).toContain(table);
    expect(withoutTables(onPostgres, postgresOnlyTables)).toEqual(withoutTables(onSqlite, sqliteOnlyTables));
  });

  it("record every migration once, and a second run changes nothing", async () => {
    const before = await appliedMigrations(db);
    expect(before.map((m) => m.name)).toEqual(Object.keys(migrations).sort());
    const columns = await postgresColumns(db);

    await migrateToLatest(db);

    expect(await appliedMigrations(db)).toEqual(before);
    expect(await postgresColumns(db)).toEqual(columns);
  });

  it("number rows where SQLite autoincrements, and keep real numbers as 8-byte doubles", async () => {
    const autoincremented = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and sql like '%autoincrement%' order by name`.execute(sqlite);
    const identities = await sql<{ name: string; data_type: string }>`
      select table_name as name, data_type from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES' order by table_name`.execute(db);
    expect(autoincremented.rows.length).toBeGreaterThan(30);
    expect(identities.rows.map((r) => r.name)).toEqual(autoincremented.rows.map((r) => r.name));

    const doubles = await sql<{ name: string }>`
      select table_name || '.' || column_name as name from information_schema.columns
      where table_schema = current_schema() and data_type = 'double precision' order by 1`.execute(db);
    expect(doubles.rows.map((r) => r.name)).toEqual(["annual_activity.hours", "annual_activity.percent_of_time", "pilot_parameter_value.value"]);
    await db
      .insertInto("pilot_parameter_value")
      .values({ key: "pi", value: 3.14159265358979, valid_from: "2026-11-27", source: "", updated_at: "2026-11-27T00:00:00Z", updated_by: null })
      .execute();
    const stored = await db.selectFrom("pilot_parameter_value").select("value").where("key", "=", "pi").executeTakeFirstOrThrow();
    expect(stored.value).toBe(3.14159265358979);
  });
});

describe("numbers as the app reads them on PostgreSQL", () => {
  it("keeps every time as ISO text with milliseconds (no epoch numbers left), and reads count(*) as a number", async () => {
    const numeric = await sql<{ name: string }>`
      select table_name || '.' || column_name as name from information_schema.columns
      where table_schema = current_schema() and data_type = 'bigint' order by 1`.execute(db);
    // No epoch numbers: the one bigint is a contract's value in öre, which can pass 2^31 and is
    // read through parseInt8 (decision 023).
    expect(numeric.rows.map((r) => r.name)).toEqual(["request_award.value_ore"]);

    await db.insertInto("user").values(newUser("millis")).execute();
    const expiresAt = new Date(Date.UTC(2026, 10, 27, 12, 0, 0, 123)).toISOString();
    const createdAt = new Date(Date.UTC(2026, 10, 27, 12, 0, 0, 122)).toISOString();
    await db.insertInto("session").values({ id: "millis-session", user_id: "millis", expires_at: expiresAt, created_at: createdAt }).execute();
    const session = await db.selectFrom("session").select(["expires_at", "created_at"]).where("id", "=", "millis-session").executeTakeFirstOrThrow();
    expect(session).toEqual({ expires_at: "2026-11-27T12:00:00.123Z", created_at: "2026-11-27T12:00:00.122Z" });
    const { n } = await db
      .selectFrom("session")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(n).toBe(1);
  });

  it("refuses a bigint that a JavaScript number cannot hold exactly", () => {
    expect(parseInt8("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseInt8("9007199254740993")).toThrow(/does not fit/);
  });
});

describe("the change version caches compare (db/change-version.server.ts) on PostgreSQL", () => {
  it("moves when another server commits a write, also one that began before it was read", async () => {
    const otherServer = openDatabase(databaseUrl);
    try {
      const before = await changeVersion(db);
      await otherServer.insertInto("user").values(newUser("other-server")).execute();
      const afterWrite = await changeVersion(db);
      expect(afterWrite).not.toBe(before);

      let commit!: () => void;
      const mayCommit = new Promise<void>((resolve) => (commit = resolve));
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => (wrote = resolve));
      const slow = otherServer.transaction().execute(async (trx) => {
        await trx.updateTable("user").set({ name: "renamed" }).where("id", "=", "other-server").execute();
        wrote();
        await mayCommit;
      });
      await written;
      const duringTransaction = await changeVersion(db);
      commit();
      await slow;
      expect(await changeVersion(db)).not.toBe(duringTransaction);
    } finally {
      await otherServer.destroy();
    }
  });
});

function newUser(id: string) {
  return { id, email: `${id}@example.org`, name: id, password_hash: "x", created_at: "2026-11-27T10:00:00Z" };
}

describe("openDatabase with a PostgreSQL URL", () => {
  it("talks to PostgreSQL, and says so to the migrations inside a transaction too", async () => {
    expect(databaseKind(db)).toBe("postgres");
    await db.transaction().execute(async (trx) => expect(databaseKind(trx)).toBe("postgres"));
    const sqlite = openDatabase(":memory:");
    expect(databaseKind(sqlite)).toBe("sqlite");
    await sqlite.destroy();
  });

  it("commits a transaction's rows, with ids the database numbers", async () => {
    const organisationId = await db.transaction().execute(async (trx) => {
      await trx.insertInto("user").values(newUser("committed")).execute();
      const { id } = await trx
        .insertInto("organisation")
        .values({
          slug: "committed",
          name: "Committed AB",
          org_number: "5590000001",
          kind: "hybrid",
          status: "active",
          created_at: "2026-11-27T10:00:00Z",
          updated_at: "2026-11-27T10:00:00Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return id;
    });
    expect(organisationId).toEqual(expect.any(Number));
    const organisation = await db
      .selectFrom("organisation")
      .select(["name", "description", "is_example"])
      .where("id", "=", organisationId)
      .executeTakeFirstOrThrow();
    expect(organisation).toEqual({ name: "Committed AB", description: "", is_example: false });
    expect(await db.selectFrom("user").select("email").where("id", "=", "committed").executeTakeFirst()).toEqual({ email: "committed@example.org" });
  });

  it("leaves nothing behind when a transaction rolls back", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("user").values(newUser("rolled-back")).execute();
        throw new Error("the form was invalid after all");
      }),
    ).rejects.toThrow("the form was invalid after all");
    expect(await db.selectFrom("user").select("id").where("id", "=", "rolled-back").executeTakeFirst()).toBeUndefined();
  });

  it("runs transactions one after another, as SQLite does: a second waits for the first's commit and then sees its rows", async () => {
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
    let firstHasWritten!: () => void;
    const written = new Promise<void>((resolve) => (firstHasWritten = resolve));
    const order: string[] = [];
    const first = db.transaction().execute(async (trx) => {
      await trx.insertInto("user").values(newUser("first-writer")).execute();
      firstHasWritten();
      await firstMayCommit;
      order.push("first commits");
    });
    await written;
    const second = db.transaction().execute(async (trx) => {
      order.push("second begins");
      return trx.selectFrom("user").select("id").where("id", "=", "first-writer").executeTakeFirst();
    });
    // The second transaction's connection waits on the write lock (seen from a third connection).
    await vi.waitFor(
      async () => {
        const { rows } = await sql<{ n: number }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(db);
        expect(rows[0].n).toBe(1);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(order).toEqual([]);
    commitFirst();
    await first;
    expect(await second).toEqual({ id: "first-writer" });
    expect(order).toEqual(["first commits", "second begins"]);
  });

  it("enforces check constraints", async () => {
    await expect(
      db
        .insertInto("organisation")
        .values({ slug: "odd", name: "Odd", org_number: "5590000002", kind: "pirate" as never, status: "active", created_at: "x", updated_at: "x" })
        .execute(),
    ).rejects.toThrow(/violates check constraint/);
    await expect(
      db
        .insertInto("organisation")
        .values({
          slug: "odd",
          name: "Odd",
          org_number: "5590000002",
          kind: "hybrid",
          status: "active",
          workforce_share: 101,
          created_at: "x",
          updated_at: "x",
        })
        .execute(),
    ).rejects.toThrow(/violates check constraint/);
  });

  it("keeps the audit log append-only: an update, a delete and a truncate are refused", async () => {
    await db
      .insertInto("audit_log")
      .values({ at: "2026-11-27T10:00:00Z", actor_user_id: null, organisation_id: null, entity: "role", entity_id: "x", action: "granted" })
      .execute();
    await expect(sql`update audit_log set action = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom("audit_log").select("action").execute()).toEqual([{ action: "granted" }]);
  });

  it("opens the DATABASE_URL when given no location, with at most DATABASE_POOL_SIZE connections", async () => {
    const saved = { url: process.env.DATABASE_URL, size: process.env.DATABASE_POOL_SIZE };
    process.env.DATABASE_URL = databaseUrl.replace(/^postgres:/, "postgresql:");
    process.env.DATABASE_POOL_SIZE = "2";
    const pooled = openDatabase();
    try {
      const backends = await Promise.all([1, 2, 3, 4, 5].map(() => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(pooled)));
      expect(new Set(backends.map((r) => r.rows[0].pid)).size).toBe(2);
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(pooled);
      expect(rows[0].name).toBe(new URL(databaseUrl).pathname.slice(1));
    } finally {
      await pooled.destroy();
      process.env.DATABASE_URL = saved.url;
      process.env.DATABASE_POOL_SIZE = saved.size;
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      if (saved.size === undefined) delete process.env.DATABASE_POOL_SIZE;
    }
  });

  it("closes every connection of its pool when destroyed", async () => {
    const stillConnected = async (pids: number[]): Promise<number[]> => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where pid = any($1) order by pid", [pids]);
        return rows.map((r) => r.pid);
      } finally {
        await admin.end();
      }
    };
    const other = openDatabase(databaseUrl);
    const backends = await Promise.all([1, 2, 3].map(() => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(other)));
    const pids = [...new Set(backends.map((r) => r.rows[0].pid))].sort((a, b) => a - b);
    expect(await stillConnected(pids)).toEqual(pids);
    await other.destroy();
    // The server ends a backend a moment after its client has closed the connection. The wait stays
    // well below the pool's own idle timeout (10 s), which would close the connections anyway.
    await expect.poll(() => stillConnected(pids), { timeout: 4_000 }).toEqual([]);
  });
});
