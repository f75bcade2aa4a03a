/**
 * `npm run db:copy-to-postgres`: the demo installation on SQLite, with a few rows that exercise the
 * awkward cases (a logo's bytes, a session's epoch-millisecond times, an audit entry), moved into
 * an empty PostgreSQL database. Counts match table by table, and sampled rows match column by
 * column. Real SQLite file, real PostgreSQL (tests/setup/postgres.ts).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DB, migrateToLatest, openDatabase } from "../../db/client.server";
import { copyToPostgres, toPostgres } from "../../db/copy-to-postgres.server";
import { seedDemo } from "../../seed/demo.server";
import { postgresSearchTables } from "../../search/postgres-search.server";
import { createTestDatabase } from "../setup/postgres";

const run = promisify(execFile);

/** Every base table of the PostgreSQL database except the migration bookkeeping. */
async function postgresTables(db: DB): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%'
    order by table_name`.execute(db);
  return rows.map((row) => row.table_name);
}

async function count(db: DB, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0].n);
}

/** A row as both databases should agree on it: bytes as hex, numbers as numbers, booleans as 0/1. */
function comparable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      if (Buffer.isBuffer(value)) return [key, value.toString("hex")];
      if (typeof value === "boolean") return [key, value ? 1 : 0];
      if (typeof value === "bigint" || (typeof value === "string" && /^-?\d+$/.test(value) && key.endsWith("_at"))) return [key, Number(value)];
      if (value instanceof Date) return [key, value.getTime()];
      return [key, value];
    }),
  );
}

describe("copying an SQLite installation into PostgreSQL", () => {
  let dir: string;
  let sqliteFile: string;
  let source: DB;
  let target: DB;
  let targetUrl: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-copy-"));
    sqliteFile = path.join(dir, "site.db");
    source = openDatabase(sqliteFile);
    await migrateToLatest(source);
    await seedDemo(source);
    const [member] = await source.selectFrom("user").select("id").limit(1).execute();
    const organisation = await source.selectFrom("organisation").select("id").orderBy("id").executeTakeFirstOrThrow();
    const now = Date.now();
    await source
      .insertInto("session")
      .values({ id: "copy-test-session", user_id: member.id, expires_at: new Date(now + 86_400_000).toISOString(), created_at: new Date(now).toISOString() })
      .execute();
    await source
      .insertInto("organisation_logo")
      .values({
        organisation_id: organisation.id,
        mime_type: "image/png",
        bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]),
        updated_at: new Date(now).toISOString(),
      })
      .onConflict((oc) => oc.column("organisation_id").doNothing())
      .execute();
    targetUrl = await createTestDatabase(inject("postgresUrl"));
    target = openDatabase(targetUrl);
    await migrateToLatest(target);
  });

  afterAll(async () => {
    await Promise.all([source?.destroy(), target?.destroy()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies every table with the same number of rows, and sampled rows match", async () => {
    const copied = await copyToPostgres({ source, target });
    // PostgreSQL's search tables are filled from the copied rows, not copied (FTS5 on SQLite instead).
    const tables = (await postgresTables(target)).filter((table) => !postgresSearchTables.includes(table));
    expect(copied.map((table) => table.table).sort()).toEqual(tables);
    for (const table of tables) {
      expect({ table, rows: await count(target, table) }).toEqual({ table, rows: await count(source, table) });
    }
    expect(copied.find((table) => table.table === "organisation")!.rows).toBeGreaterThan(5);
    const listed = await source
      .selectFrom("organisation")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "active")
      .executeTakeFirstOrThrow();
    const published = await source
      .selectFrom("request")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "!=", "draft")
      .executeTakeFirstOrThrow();
    expect(Number(published.n)).toBeGreaterThan(0);
    expect({ organisations: await count(target, "organisation_search"), requests: await count(target, "request_search") }).toEqual({
      organisations: Number(listed.n),
      requests: Number(published.n),
    });

    for (const table of ["organisation", "capacity_line", "session", "organisation_logo", "audit_log", "request"]) {
      const [first] = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1 limit 1`.execute(source).then((r) => r.rows);
      if (!first) continue;
      const key = Object.keys(first)[0];
      const copy = await target
        .selectFrom(table as "organisation")
        .selectAll()
        .where(key as "id", "=", first[key] as number)
        .executeTakeFirstOrThrow();
      expect(comparable(copy as Record<string, unknown>)).toEqual(comparable(first));
    }
  });

  it("continues the ids after the copied ones", async () => {
    const { id, ...copied } = await source.selectFrom("organisation").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    const created = await target
      .insertInto("organisation")
      .values({ ...copied, slug: "ny-efter-kopian", org_number: "5599999999", name: "Ny efter kopian" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(created.id).toBeGreaterThan(id);
  });

  it("refuses a PostgreSQL database that already holds data, and copies nothing into it", async () => {
    const organisations = await count(target, "organisation");
    await expect(copyToPostgres({ source, target })).rejects.toThrow(/already holds data/);
    expect(await count(target, "organisation")).toBe(organisations);
  });

  it("is a command: npm run db:copy-to-postgres refuses without a URL and copies with one", async () => {
    const env = { ...process.env, DATABASE_PATH: sqliteFile, DATABASE_URL: "" };
    await expect(run("npx", ["tsx", "db/copy-to-postgres.ts"], { env })).rejects.toMatchObject({ code: 2 });

    const emptyUrl = await createTestDatabase(inject("postgresUrl"));
    const { stdout } = await run("npx", ["tsx", "db/copy-to-postgres.ts", emptyUrl], { env });
    expect(stdout).toMatch(/Copied \d+ rows in \d+ tables/);
    const password = new URL(emptyUrl).password;
    expect(password).not.toBe("");
    expect(stdout).not.toContain(password);
    const copy = openDatabase(emptyUrl);
    try {
      expect(await count(copy, "organisation")).toBe(await count(source, "organisation"));
    } finally {
      await copy.destroy();
    }
  });
});

describe("values as PostgreSQL's column types read them", () => {
  it("turns SQLite's 0/1 into booleans and epoch milliseconds into instants, and keeps the rest", () => {
    expect(toPostgres(1, { name: "is_example", type: "boolean" })).toBe(true);
    expect(toPostgres(0, { name: "is_example", type: "boolean" })).toBe(false);
    expect(toPostgres(0, { name: "created_at", type: "timestamp with time zone" })).toEqual(new Date(0));
    expect(toPostgres("2026-11-27T10:00:00.000Z", { name: "created_at", type: "timestamp with time zone" })).toBe("2026-11-27T10:00:00.000Z");
    expect(toPostgres(5, { name: "title", type: "text" })).toBe("5");
    expect(toPostgres(null, { name: "title", type: "text" })).toBeNull();
    expect(toPostgres(7, { name: "quantity", type: "integer" })).toBe(7);
  });
});
