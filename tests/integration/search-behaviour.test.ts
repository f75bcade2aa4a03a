/**
 * One behaviour suite, run against every engine with the same fixtures: what a person searching
 * the directory notices. Meilisearch and the FTS5 fallback search one SQLite database; the
 * PostgreSQL engine a PostgreSQL database of its own, filled through the same fixture code.
 * Typo tolerance is Meilisearch's and PostgreSQL's (pg_trgm); the FTS5 fallback skips those.
 */
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import type { OrganisationSearchResult, SearchEngine } from "../../search/documents";
import { FtsSearchEngine } from "../../search/fts.server";
import { PostgresSearchEngine } from "../../search/postgres-search.server";
import { MeiliSearchEngine } from "../../search/meilisearch.server";
import { reindexOrganisations } from "../../search/reindex.server";
import { behaviourFixtures, createFixtureOrganisation, openPostgresTestDatabase, openTestDatabase, query, sharedMeili, testClient } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
let postgres: { db: DB; close(): Promise<void> } | undefined;
let client: Meilisearch;
let indexUid: string;
const engines = new Map<string, SearchEngine>();
// `npm run test:postgres` makes the shared database PostgreSQL, which has no FTS5.
const fts5 = process.env.TEST_DATABASE !== "postgres";

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  for (const org of behaviourFixtures) await createFixtureOrganisation(db, org);
  const connection = sharedMeili("behaviour");
  indexUid = connection.indexUid!;
  client = testClient(connection);
  await reindexOrganisations({ db, client, indexUid });
  engines.set("meilisearch", new MeiliSearchEngine(connection));
  if (fts5) engines.set("fts5", new FtsSearchEngine(db));
  postgres = await openPostgresTestDatabase();
  for (const org of behaviourFixtures) await createFixtureOrganisation(postgres.db, org);
  engines.set("postgres", new PostgresSearchEngine(postgres.db));
});

afterAll(async () => {
  await client?.deleteIndexIfExists(indexUid);
  await close?.();
  await postgres?.close();
});

const names = (result: OrganisationSearchResult) => result.hits.map((h) => h.document.name);
const listed = behaviourFixtures.filter((o) => o.status !== "applicant");

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

describe.each(fts5 ? ["meilisearch", "fts5", "postgres"] : ["meilisearch", "postgres"])("searching the directory with %s", (engineName) => {
  const search = (overrides: Parameters<typeof query>[0]) => engines.get(engineName)!.searchOrganisations(query(overrides));
  const meilisearch = engineName === "meilisearch";
  const forgivesTypos = engineName !== "fts5";

  it("lists every listed organisation, and never an applicant, for an empty query", async () => {
    const result = await search({});
    expect(result.total).toBe(listed.length);
    expect(names(result).sort()).toEqual(listed.map((o) => o.name).sort());
  });

  it("finds names written with å/ä/ö when they are typed without", async () => {
    expect(names(await search({ q: "Fontanhuset" }))[0]).toBe("Fontänhuset Lund");
    expect(names(await search({ q: "stadkompaniet" }))[0]).toBe("Städkompaniet");
    expect(names(await search({ q: "grona hander" }))[0]).toBe("Gröna Händer");
  });

  it("finds names typed with their å/ä/ö, and as the start of a word is typed", async () => {
    expect(names(await search({ q: "Fontänhuset" }))[0]).toBe("Fontänhuset Lund");
    expect(names(await search({ q: "fontä" }))).toContain("Fontänhuset Lund");
    expect(names(await search({ q: "Städkomp" }))[0]).toBe("Städkompaniet");
    // Decomposed, as some keyboards and pasted text write it: "a" followed by a combining diaeresis.
    expect(names(await search({ q: "Fonta\u0308nhuset" }))[0]).toBe("Fontänhuset Lund");
  });

  it.runIf(forgivesTypos)("forgives typos", async () => {
    expect(names(await search({ q: "Emaus" }))[0]).toBe("Emmaus Lund");
    expect(names(await search({ q: "webbauktionr" }))[0]).toBe("Klintens Webbauktioner");
    expect(names(await search({ q: "Fontänhuest" }))[0]).toBe("Fontänhuset Lund");
  });

  // The embedded engines fold å/ä/ö away entirely, so there "städ" also finds "stad".
  it.runIf(meilisearch)("keeps å, ä and ö apart when they are typed", async () => {
    expect(names(await search({ q: "städ" }))).not.toContain("Lunds kommun Upphandlingsenheten");
    expect(names(await search({ q: "städ" }))).toContain("Städkompaniet");
    expect(names(await search({ q: "stad" }))).toEqual(expect.arrayContaining(["Lunds kommun Upphandlingsenheten", "Städkompaniet"]));
  });

  it("finds offerings through synonyms from search/synonyms.ts", async () => {
    expect(names(await search({ q: "salad" }))).toContain("Fontänhuset Lund");
    expect(names(await search({ q: "lokalvård" }))[0]).toBe("Städkompaniet");
    expect(names(await search({ q: "paving" }))).toEqual(["Gröna Händer"]);
  });

  it("ranks a match in the name above one in offerings above one in a description", async () => {
    const found = names(await search({ q: "cykel" }));
    const inName = found.indexOf("Cykelköket Norra Fäladen");
    const inOffering = found.indexOf("Catering Kooperativet Linero");
    const inDescription = found.indexOf("Bageriet Kvarnen");
    expect(inName).toBe(0);
    expect(inOffering).toBeGreaterThan(inName);
    expect(inDescription).toBeGreaterThan(inOffering);
  });

  it("counts facets over the matches, each facet ignoring its own selection", async () => {
    const all = await search({});
    expect(all.facets.kind).toEqual(countBy(listed.map((o) => o.kind)));
    expect(all.facets.serviceArea).toEqual(countBy(listed.flatMap((o) => o.serviceAreas ?? [])));
    expect(all.facets.reservedEligible).toEqual({ true: listed.filter((o) => (o.workforceShare ?? 0) >= 30).length });
    expect(all.facets.cpvCategory["15"]).toBe(3);

    const wise = listed.filter((o) => o.kind === "work_integrating");
    const filtered = await search({ kind: ["work_integrating"] });
    expect(filtered.total).toBe(wise.length);
    // Other kinds stay selectable with their counts; the other facets narrow to the selection.
    expect(filtered.facets.kind).toEqual(all.facets.kind);
    expect(filtered.facets.serviceArea).toEqual(countBy(wise.flatMap((o) => o.serviceAreas ?? [])));

    const twoKinds = await search({ kind: ["work_integrating", "hybrid"], serviceArea: ["Lund"] });
    expect(names(twoKinds).sort()).toEqual(["Cykelköket Norra Fäladen", "Emmaus Lund", "Klintens Webbauktioner", "Städkompaniet"]);
    expect(twoKinds.facets.kind).toEqual({ work_integrating: 2, hybrid: 2, social_organisation: 2, buyer: 1 });
  });

  it("combines filters with text", async () => {
    expect(names(await search({ q: "städning", serviceArea: ["Malmö"] }))).toEqual(["Städkompaniet"]);
    expect(names(await search({ q: "städning", serviceArea: ["Eslöv"] }))).toEqual([]);
    expect(names(await search({ q: "sallader", reservedEligible: true }))).toEqual(["Fontänhuset Lund"]);
    expect(names(await search({ q: "arbetsträning", cpvCategory: ["45"] }))).toEqual(["Gröna Händer"]);
    const kindAndText = await search({ q: "catering", kind: ["social_organisation"] });
    expect(names(kindAndText)).toContain("Catering Kooperativet Linero");
    expect(names(kindAndText)).not.toContain("Cykelköket Norra Fäladen");
  });

  it("highlights matches as HTML with user content escaped", async () => {
    const [hit] = (await search({ q: "bullar" })).hits.filter((h) => h.document.name.startsWith("Bröd &"));
    expect(hit.highlighted?.name).toBe("Bröd &amp; <mark>Bullar</mark> &lt;i&gt;AB&lt;/i&gt;");

    const [script] = (await search({ q: "script" })).hits;
    const description = script.highlighted?.description ?? "";
    expect(description).toContain("<mark>script</mark>");
    const text = description.replace(/<\/?mark>/g, "");
    expect(text).toBe("Vi skriver &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; i vår beskrivning.");

    const [fontan] = (await search({ q: "fontanhuset" })).hits;
    expect(fontan.highlighted?.name).toMatch(/^<mark>Fontänhuset<\/mark> Lund$/);

    // Matches in offering titles are marked too, each title escaped.
    const [stone] = (await search({ q: "stensättning" })).hits;
    expect(stone.highlighted?.offeringTitles).toEqual(["<mark>Stensättning</mark> av gångar"]);
    expect(fontan.highlighted?.offeringTitles).toBeUndefined();
  });

  it("pages through results", async () => {
    const first = await search({ pageSize: 4, page: 1 });
    const third = await search({ pageSize: 4, page: 3 });
    expect(first.total).toBe(listed.length);
    expect(first.hits).toHaveLength(4);
    expect(third.hits).toHaveLength(listed.length - 8);
    expect(names(third).some((n) => names(first).includes(n))).toBe(false);
  });

  it("takes search syntax in the query as plain text", async () => {
    // Each finds what its words alone find: operators, wildcards and filter syntax do nothing.
    for (const [q, words] of [
      ["sallad*", "sallad"],
      ["(städ", "städ"],
      ["kind = buyer", "kind buyer"],
      ["NOT städ", "not städ"],
      ["Emmaus OR Fontänhuset", "Emmaus or Fontänhuset"],
    ]) {
      const [asTyped, plain] = await Promise.all([search({ q }), search({ q: words })]);
      expect(names(asTyped).sort(), q).toEqual(names(plain).sort());
    }
    expect(names(await search({ q: "sallad*" }))).toContain("Fontänhuset Lund");
    // Nothing is read as a filter: no buyer matches the words "kind" and "buyer".
    expect(names(await search({ q: "kind = buyer" }))).not.toContain("Lunds kommun Upphandlingsenheten");
    // A lone quote or bracket is no error.
    for (const q of ['"', "("]) expect((await search({ q })).total).toBeGreaterThanOrEqual(0);
  });
});
