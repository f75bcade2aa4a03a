/**
 * When the database cannot write because its disk is full: the error that reaches the app is the
 * one that says so (a 503 "disk full"), never SQLite's "cannot rollback - no transaction is
 * active", and readiness says "full" until a write commits again. SQLite's `max_page_count` stands
 * in for a full disk here (the same SQLITE_FULL); tests/e2e/full-disk.test.ts fills a real file
 * system under the built server. On SQLite only: PostgreSQL has no per-connection size cap.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DB, migrateToLatest, openDatabase } from "../../db/client.server";
import { databaseWritability, DatabaseFullError, isDatabaseFullError, probeIntervalMs } from "../../db/write-failures";

let db: DB;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-full-"));
  db = openDatabase(path.join(dir, "full.db"));
  await migrateToLatest(db);
  await sql`create table filler (id integer primary key, text text not null)`.execute(db);
});
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const pageCount = async () => (await sql<{ n: number }>`select page_count as n from pragma_page_count`.execute(db)).rows[0].n;
const capAt = (pages: number) => sql.raw(`pragma max_page_count = ${pages}`).execute(db);

describe("a full database", () => {
  it("fails a transaction with the disk-full error, as a 503 the error page explains, and readiness says full", async () => {
    const start = Date.now();
    expect(await databaseWritability(db, start)).toEqual({ ok: true });
    await capAt(await pageCount());

    const failure = await db
      .transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 50; i++)
          await trx
            .insertInto("filler" as never)
            .values({ text: "x".repeat(4000) } as never)
            .execute();
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(DatabaseFullError);
    expect(isDatabaseFullError(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 503, data: { reason: "databaseFull" } });
    expect((failure as DatabaseFullError).message).toMatch(/disk is full \(SQLITE_FULL: database or disk is full\)/);
    // What a browser could be sent of it names no internals.
    expect(JSON.parse(JSON.stringify(failure))).toEqual({ status: 503, statusText: "Service Unavailable", internal: false, data: { reason: "databaseFull" } });
    // Nothing of the failed transaction was kept, and the connection is usable.
    expect((await sql<{ n: number }>`select count(*) as n from filler`.execute(db)).rows[0].n).toBe(0);

    // Readiness says so at once, without waiting for its next write (whose own commit failing on a
    // full file system is shown in tests/e2e/full-disk.test.ts).
    expect(await databaseWritability(db, start + 1)).toMatchObject({ ok: false, reason: "full" });

    // Space again: the next probe commits and readiness is back.
    await capAt(1_000_000);
    expect(await databaseWritability(db, start + probeIntervalMs + 1)).toEqual({ ok: true });
    await db
      .insertInto("filler" as never)
      .values({ text: "after" } as never)
      .execute();
  });
});
