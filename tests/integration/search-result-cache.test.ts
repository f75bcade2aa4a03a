/**
 * The directory's result cache: a repeated query is answered from memory, and any write (on the
 * app's own connection or by another process) makes the next search ask the engine again.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type DB } from "../../db/client.server";
import type { OrganisationSearchQuery, OrganisationSearchResult, SearchEngine } from "../../search/documents";
import { FtsSearchEngine } from "../../search/fts.server";
import { cachedOrganisationSearch } from "../../search/result-cache.server";
import { createFixtureOrganisation, query } from "./fixtures";

let dir: string;
let file: string;
let db: DB;
let engine: SearchEngine & { calls: number };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-result-cache-"));
  file = path.join(dir, "test.db");
  db = openDatabase(file);
  await migrateToLatest(db);
  await createFixtureOrganisation(db, { name: "Cachecaféet", kind: "work_integrating", status: "active" });
  // The real FTS5 engine, counted.
  const fts = new FtsSearchEngine(db);
  engine = {
    name: "fts5",
    calls: 0,
    async searchOrganisations(q: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
      engine.calls++;
      return fts.searchOrganisations(q);
    },
  } as SearchEngine & { calls: number };
});
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the directory's result cache", () => {
  it("answers a repeated query from memory and asks again after a write on the app's connection", async () => {
    const q = query({ q: "cachecaféet" });
    const first = await cachedOrganisationSearch({ db, engine, query: q });
    expect(first.total).toBe(1);
    const calls = engine.calls;
    const again = await cachedOrganisationSearch({ db, engine, query: q });
    expect(engine.calls).toBe(calls);
    expect(again).toEqual(first);

    await createFixtureOrganisation(db, { name: "Cachecaféet Två", kind: "work_integrating", status: "active" });
    const after = await cachedOrganisationSearch({ db, engine, query: q });
    expect(engine.calls).toBe(calls + 1);
    expect(after.total).toBe(2);
  });

  it("asks again after a commit by another connection (another process)", async () => {
    const q = query({});
    await cachedOrganisationSearch({ db, engine, query: q });
    await cachedOrganisationSearch({ db, engine, query: q });
    const calls = engine.calls;
    const other = new SQLite(file);
    other.pragma("busy_timeout = 5000");
    other.prepare("update organisation set description = 'ändrad' where name = 'Cachecaféet'").run();
    other.close();
    await cachedOrganisationSearch({ db, engine, query: q });
    expect(engine.calls).toBe(calls + 1);
  });
});
