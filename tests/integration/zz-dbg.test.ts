import { it } from "vitest";
import { FtsSearchEngine } from "../../search/fts.server";
import { MeiliSearchEngine } from "../../search/meilisearch.server";
import { reindexOrganisations } from "../../search/reindex.server";
import { behaviourFixtures, createFixtureOrganisation, openTestDatabase, query, sharedMeili, testClient } from "./fixtures";
it("dbg", async () => {
  const { db } = await openTestDatabase();
  for (const org of behaviourFixtures) await createFixtureOrganisation(db, org);
  const connection = sharedMeili("dbg");
  const client = testClient(connection);
  await reindexOrganisations({ db, client, indexUid: connection.indexUid! });
  const m = new MeiliSearchEngine(connection), f = new FtsSearchEngine(db);
  for (const q of ["catering", "bullar", "lokalvård", "lokalvard", "cleaning", "städning", "paving", "Bröd", "AB"]) {
    for (const e of [m, f]) {
      const r = await e.searchOrganisations(query({ q }));
      console.log(e.name, q, "->", r.hits.map((h) => h.document.name + (h.highlighted?.name ? ` [${h.highlighted.name}]` : "")).join(" | "));
    }
  }
  const s = await client.index(connection.indexUid!).getSettings();
  console.log(JSON.stringify(s.synonyms).slice(0, 300));
});
