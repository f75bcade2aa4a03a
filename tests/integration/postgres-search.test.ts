/**
 * The PostgreSQL search engine on the demo network, copied from SQLite with
 * `npm run db:copy-to-postgres`'s code into a PostgreSQL database of this file's own: it finds what
 * FTS5 finds on the same data, forgives typos FTS5 cannot, keeps its rows current through the
 * change-recording path, answers request text search, and takes any input as plain words.
 * The behaviour suite (search-behaviour.test.ts) runs it on the shared fixtures besides.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOffering } from "../../app/models/offering.server";
import { transitionRequest } from "../../app/models/request.server";
import { listRequests } from "../../app/models/request-list.server";
import { deactivateOrganisation, reactivateOrganisation } from "../../app/models/organisation.server";
import { type DB, migrateToLatest, openDatabase } from "../../db/client.server";
import { copyToPostgres } from "../../db/copy-to-postgres.server";
import type { SearchEngine } from "../../search/documents";
import { embeddedRequestSearch, embeddedSearchEngine, ensureEmbeddedSearchRows } from "../../search/embedded-index.server";
import { recordOrganisationChange } from "../../search/changes.server";
import { FtsSearchEngine } from "../../search/fts.server";
import { PostgresSearchEngine } from "../../search/postgres-search.server";
import { FtsRequestSearch } from "../../search/requests/fts.server";
import { useRequestSearch } from "../../search/requests/index.server";
import { PostgresRequestSearch } from "../../search/requests/postgres-search.server";
import { createTestDatabase } from "../setup/postgres";
import { query } from "./fixtures";
import { seedDemo } from "../../seed/demo.server";
import { newDemoDraft, organisationIdBySlug } from "./support/app-database";

let sqliteDir: string;
let sqlite: DB;
let postgres: DB;

beforeAll(async () => {
  // An SQLite file of its own, also under `npm run test:postgres`: it is the copy's source and FTS5's database.
  sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-pg-search-"));
  sqlite = openDatabase(path.join(sqliteDir, "demo.db"));
  await migrateToLatest(sqlite);
  await seedDemo(sqlite);
  postgres = openDatabase(await createTestDatabase(inject("postgresUrl")));
  await migrateToLatest(postgres);
  await copyToPostgres({ source: sqlite, target: postgres });
});
afterAll(async () => {
  useRequestSearch(undefined);
  await postgres?.destroy();
  await sqlite?.destroy();
  if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
});

const names = async (engine: SearchEngine, q: string) => (await engine.searchOrganisations(query({ q }))).hits.map((hit) => hit.document.name).sort();

const titles = async (db: DB, ids: number[]) =>
  ids.length ? (await db.selectFrom("request").select("title").where("id", "in", ids).execute()).map((r) => r.title).sort() : [];

describe("the PostgreSQL search engine on the demo network", () => {
  it("is the embedded engine of a PostgreSQL database, FTS5 that of an SQLite one", () => {
    expect(embeddedSearchEngine(postgres).name).toBe("postgres");
    expect(embeddedRequestSearch(postgres).name).toBe("postgres");
    expect(embeddedSearchEngine(sqlite).name).toBe("fts5");
    expect(embeddedRequestSearch(sqlite).name).toBe("fts5");
  });

  it("finds the same organisations as FTS5, delivery sites and synonyms included", async () => {
    const fts = new FtsSearchEngine(sqlite);
    const pg = new PostgresSearchEngine(postgres);
    for (const q of ["Linero", "Stadshuset", "städning", "stadning", "catering", "sallad", "lund", "brunnshog", "fönster", "Fontä", "lokalvård cleaning"]) {
      const expected = await names(fts, q);
      expect(await names(pg, q), q).toEqual(expected);
    }
    expect((await names(pg, "Linero")).length).toBeGreaterThan(0);
  });

  it("forgives a typo that FTS5 finds nothing for", async () => {
    const fts = new FtsSearchEngine(sqlite);
    const pg = new PostgresSearchEngine(postgres);
    const [intended, typo] = ["webbauktioner", "webbauktionr"];
    expect(await names(fts, typo)).toEqual([]);
    const expected = await names(fts, intended);
    expect(expected.length).toBeGreaterThan(0);
    expect(await names(pg, typo)).toEqual(expected);
    const [hit] = (await pg.searchOrganisations(query({ q: typo }))).hits;
    expect(JSON.stringify(hit.highlighted)).toMatch(/<mark>Webbauktioner<\/mark>/);
    // Short words are never corrected, and a word like nothing indexed still finds nothing.
    expect(await names(pg, "xqzvwk")).toEqual([]);
  });

  it("takes operators, quotes and SQL in the query as plain words", async () => {
    const pg = new PostgresSearchEngine(postgres);
    const requests = new PostgresRequestSearch(postgres);
    const hostile = [
      "a & | ! ( ) : * ' \"",
      "",
      "   ",
      "'",
      "\\",
      "\u0000",
      "ŉ",
      "<-> <2> !!sallad",
      "sallad:* & !lund",
      "'; drop table organisation_search; --",
      "x".repeat(5_000),
      "Ŀ ŉ ʼn ß æ",
    ];
    for (const q of hostile) {
      const result = await pg.searchOrganisations(query({ q }));
      expect(result.total, q).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(await requests.matchingIds(q, 20)), q).toBe(true);
    }
    // Operators do nothing: each query finds what its words alone find.
    expect(await names(pg, "sallad:* & !lund")).toEqual(await names(pg, "sallad lund"));
    expect(await names(pg, "<-> <2> !!sallad")).toEqual(await names(pg, "2 sallad"));
    expect((await sql<{ n: number }>`select count(*) as n from organisation_search`.execute(postgres)).rows[0].n).toBeGreaterThan(0);
  });

  it("follows an organisation's changes through the change-recording path", async () => {
    const pg = new PostgresSearchEngine(postgres);
    const organisationId = await organisationIdBySlug(postgres, "fontanhuset-lund");
    const { name } = await postgres.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
    const coordinator = await postgres.selectFrom("user").select("id").where("email", "=", "coordinator@example.org").executeTakeFirstOrThrow();

    expect(await names(pg, "glasblåsning")).toEqual([]);
    await createOffering({ db: postgres, organisationId, input: { title: "Glasblåsning för skolor", description: "", cpvCode: "15894200-3", unit: "pieces" } });
    expect(await names(pg, "glasblasning")).toEqual([name]);

    expect(await deactivateOrganisation({ db: postgres, organisationId, coordinatorId: coordinator.id })).toBe(name);
    expect(await names(pg, "glasblasning")).toEqual([]);
    expect(await reactivateOrganisation({ db: postgres, organisationId, coordinatorId: coordinator.id })).toBe(name);
    expect(await names(pg, "glasblasning")).toEqual([name]);
  });

  it("keeps the row when two transactions change the same organisation at once", async () => {
    const organisationId = await organisationIdBySlug(postgres, "emmaus-lund");
    let firstWrote!: () => void;
    let releaseFirst!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const released = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = postgres.transaction().execute(async (trx) => {
      await recordOrganisationChange(trx, organisationId);
      firstWrote();
      await released;
    });
    await wrote;
    const second = postgres.transaction().execute((trx) => recordOrganisationChange(trx, organisationId));
    // The second waits on the first's row lock; only then may the first commit.
    while (Number((await sql<{ n: number }>`select count(*) as n from pg_locks where not granted`.execute(postgres)).rows[0].n) === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    releaseFirst();
    await Promise.all([first, second]);
    const rows = await sql`select 1 from organisation_search where organisation_id = ${organisationId}`.execute(postgres);
    expect(rows.rows).toHaveLength(1);
  });

  it("refills emptied search rows once, as the server does when it starts", async () => {
    const before = await names(new PostgresSearchEngine(postgres), "catering");
    await sql`delete from organisation_search`.execute(postgres);
    await sql`delete from request_search`.execute(postgres);
    expect(await names(new PostgresSearchEngine(postgres), "catering")).toEqual([]);
    expect(await ensureEmbeddedSearchRows(postgres)).toBe(true);
    expect(await names(new PostgresSearchEngine(postgres), "catering")).toEqual(before);
    expect((await new PostgresRequestSearch(postgres).matchingIds("sallader", 50)).length).toBeGreaterThan(0);
    expect(await ensureEmbeddedSearchRows(postgres)).toBe(false);
  });
});

describe("request text search on PostgreSQL", () => {
  it("finds the requests FTS5 finds: without å/ä/ö, by prefix, through synonyms and buyer names", async () => {
    const fts = new FtsRequestSearch(sqlite);
    const pg = new PostgresRequestSearch(postgres);
    for (const q of ["stensattning", "sotning", "sallader", "Brunnshög", "salad", "sotn", "lunds kommun"]) {
      const expected = await titles(sqlite, await fts.matchingIds(q, 50));
      expect(await titles(postgres, await pg.matchingIds(q, 50)), q).toEqual(expected);
    }
    expect(await titles(postgres, await pg.matchingIds("stensattning", 50))).toEqual(["Stensättning och markarbeten i parker"]);
  });

  it("forgives typos, and gives at most the limit, best match first", async () => {
    const pg = new PostgresRequestSearch(postgres);
    expect(await titles(postgres, await pg.matchingIds("sottning", 50))).toEqual(["Sotning och brandskyddskontroll"]);
    expect(await titles(postgres, await pg.matchingIds("sotnig", 50))).toEqual(["Sotning och brandskyddskontroll"]);
    const all = await pg.matchingIds("sallader", 50);
    expect(all.length).toBeGreaterThan(1);
    expect(await pg.matchingIds("sallader", 1)).toEqual(all.slice(0, 1));
  });
});

describe("the request list on PostgreSQL", () => {
  it("filters the text matches, and finds a request once it is published, not while it is a draft", async () => {
    useRequestSearch(new PostgresRequestSearch(postgres));
    const list = (q: string, state: "open" | "closed" = "open") =>
      listRequests({
        db: postgres,
        query: { q, kind: [], cpvCategory: [], site: [], within: null, state, matchingOrganisationId: null, page: 1, pageSize: 20 },
      });
    expect((await list("sallader")).items.map((i) => i.title)).toEqual(["Sallader till kommunens verksamheter, andra perioden"]);
    expect((await list("sallader", "closed")).items.map((i) => i.title)).toEqual([
      "Sallader till kommunens verksamheter",
      "Informationsförfrågan: sallader till kommunens verksamheter",
    ]);

    const buyerOrganisationId = await organisationIdBySlug(postgres, "lunds-kommun-upphandlingsenheten");
    const buyer = await postgres.selectFrom("user").select("id").where("email", "=", "buyer@example.org").executeTakeFirstOrThrow();
    const id = await newDemoDraft(postgres, "Fönsterputs på PostgreSQL");
    expect(await new PostgresRequestSearch(postgres).matchingIds("fonsterputs", 50)).not.toContain(id);
    expect(await transitionRequest({ db: postgres, requestId: id, buyerOrganisationId, userId: buyer.id, action: "publish" })).toEqual({
      ok: true,
      status: "published",
    });
    expect(await new PostgresRequestSearch(postgres).matchingIds("fonsterputs", 50)).toContain(id);
    expect((await list("fönsterputs")).items.map((i) => i.title)).toEqual(["Fönsterputs på PostgreSQL"]);
  });
});
