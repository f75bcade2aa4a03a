/**
 * Swedish writes most names of goods and services as compounds: a search for the word must find it
 * inside them, in the directory and in requests, on Meilisearch and on both embedded engines
 * (FTS5 on SQLite, PostgreSQL's), with the whole word ranked first (decision 017).
 */
import { sql } from "kysely";
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionRequest } from "../../app/models/request.server";
import type { DB } from "../../db/client.server";
import type { OrganisationSearchResult, SearchEngine } from "../../search/documents";
import { embeddedRequestSearch, ensureEmbeddedSearchRows } from "../../search/embedded-index.server";
import { FtsSearchEngine } from "../../search/fts.server";
import { MeiliSearchEngine } from "../../search/meilisearch.server";
import { PostgresSearchEngine } from "../../search/postgres-search.server";
import { reindexOrganisations } from "../../search/reindex.server";
import type { RequestTextSearch } from "../../search/requests/documents";
import { ensureRequestIndex, MeiliRequestSearch, requestIndexUid } from "../../search/requests/meilisearch.server";
import { createFixtureOrganisation, type FixtureOrganisation, openPostgresTestDatabase, query, sharedMeili, testClient } from "./fixtures";
import { newDemoDraft, openDemoDatabase, organisationIdBySlug } from "./support/app-database";

const onPostgres = process.env.TEST_DATABASE === "postgres";

// CPV codes whose labels hold none of the searched words, so only the compound can match.
const organisations: FixtureOrganisation[] = [
  { name: "Gröna Skålen", kind: "work_integrating", offerings: [{ title: "Sallader och soppor", description: "", cpvCode: "55520000-1", unit: "portions" }] },
  { name: "Kvarterskocken", kind: "work_integrating", offerings: [{ title: "Lunchsallader", description: "", cpvCode: "55520000-1", unit: "portions" }] },
  { name: "Hemfixarna", kind: "work_integrating", offerings: [{ title: "Storstädning av lägenheter", description: "", cpvCode: "98390000-3", unit: "hours" }] },
  {
    name: "Trampkraft",
    kind: "work_integrating",
    offerings: [{ title: "Leveranser med lastcykel", description: "", cpvCode: "60100000-9", unit: "deliveries" }],
  },
];

const requests = [
  { title: "Lunchsallader till fritidsgårdar", item: "Lunchsallader", cpvCode: "55520000-1" },
  { title: "Storstädning av förskolor", item: "Storstädning", cpvCode: "98390000-3" },
  { title: "Transporter med lastcykel", item: "Lastcykeltransport", cpvCode: "60100000-9" },
];

let db: DB;
let close: () => Promise<void>;
let postgres: { db: DB; close(): Promise<void> } | undefined;
let client: Meilisearch;
let indexUid: string;
const organisationEngines = new Map<string, SearchEngine>();
const requestIds = new Map<string, number>();

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const org of organisations) await createFixtureOrganisation(db, org);
  const buyerOrganisationId = await organisationIdBySlug(db, "lunds-kommun-upphandlingsenheten");
  const buyer = await db.selectFrom("user").select("id").where("email", "=", "buyer@example.org").executeTakeFirstOrThrow();
  for (const r of requests) {
    const id = await newDemoDraft(db, r.title, r);
    expect(await transitionRequest({ db, requestId: id, buyerOrganisationId, userId: buyer.id, action: "publish" })).toMatchObject({ ok: true });
    requestIds.set(r.title, id);
  }
  const connection = sharedMeili("compounds");
  indexUid = connection.indexUid!;
  client = testClient(connection);
  await reindexOrganisations({ db, client, indexUid });
  await ensureRequestIndex({ db, client, indexUid: requestIndexUid(indexUid) });
  organisationEngines.set("meilisearch", new MeiliSearchEngine(connection));
  if (onPostgres) {
    organisationEngines.set("postgres", new PostgresSearchEngine(db));
  } else {
    organisationEngines.set("fts5", new FtsSearchEngine(db));
    postgres = await openPostgresTestDatabase();
    for (const org of organisations) await createFixtureOrganisation(postgres.db, org);
    organisationEngines.set("postgres", new PostgresSearchEngine(postgres.db));
  }
  requestEngines.push(["meilisearch", () => new MeiliRequestSearch(connection)], [onPostgres ? "postgres" : "fts5", () => embeddedRequestSearch(db)]);
}, 180_000);

afterAll(async () => {
  await client?.deleteIndexIfExists(indexUid);
  await client?.deleteIndexIfExists(requestIndexUid(indexUid));
  await close?.();
  await postgres?.close();
});

const names = (result: OrganisationSearchResult) => result.hits.map((h) => h.document.name);
const requestEngines: [string, () => RequestTextSearch][] = [];

describe.each(onPostgres ? ["meilisearch", "postgres"] : ["meilisearch", "fts5", "postgres"])("the directory on %s", (engineName) => {
  const search = (q: string) => organisationEngines.get(engineName)!.searchOrganisations(query({ q, pageSize: 100 }));

  it("finds 'sallad' in Lunchsallader, 'städning' in storstädning and 'cykel' in lastcykel", async () => {
    expect(names(await search("sallad"))).toContain("Kvarterskocken");
    expect(names(await search("städning"))).toContain("Hemfixarna");
    expect(names(await search("cykel"))).toContain("Trampkraft");
  });

  it("ranks the whole word before the word inside a compound", async () => {
    const found = names(await search("sallad"));
    expect(found.indexOf("Gröna Skålen")).toBeGreaterThanOrEqual(0);
    expect(found.indexOf("Gröna Skålen")).toBeLessThan(found.indexOf("Kvarterskocken"));
  });

  it("keeps diacritics and synonyms working inside compounds", async () => {
    expect(names(await search("stadning"))).toContain("Hemfixarna");
    // "salad" is a synonym of "sallader", the compound's part.
    expect(names(await search("salad"))).toContain("Kvarterskocken");
  });

  it("marks the part that matched", async () => {
    const hit = (await search("sallad")).hits.find((h) => h.document.name === "Kvarterskocken");
    expect(hit?.highlighted?.offeringTitles).toEqual(["Lunch<mark>sallader</mark>"]);
  });
});

describe("requests", () => {
  it("are found by a word inside their compounds on every engine", async () => {
    expect(requestEngines.map(([name]) => name)).toHaveLength(2);
    for (const [name, engine] of requestEngines) {
      for (const [q, title] of [
        ["sallad", "Lunchsallader till fritidsgårdar"],
        ["städning", "Storstädning av förskolor"],
        ["cykel", "Transporter med lastcykel"],
      ]) {
        expect(await engine().matchingIds(q, 100), `${name}: ${q}`).toContain(requestIds.get(title));
      }
    }
  });
});

describe("the embedded index after the migration that made its tables anew", () => {
  it("is refilled when the server starts, requests included", async () => {
    await sql`delete from ${sql.table(onPostgres ? "request_search" : "request_fts")}`.execute(db);
    const embedded = embeddedRequestSearch(db);
    expect(await embedded.matchingIds("sallad", 100)).toEqual([]);
    expect(await ensureEmbeddedSearchRows(db)).toBe(true);
    expect(await embedded.matchingIds("sallad", 100)).toContain(requestIds.get("Lunchsallader till fritidsgårdar"));
    expect(await ensureEmbeddedSearchRows(db)).toBe(false);
  });
});
