import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import { FallbackSearchEngine, healthReport } from "../../search/engine.server";
import { embeddedSearchEngine } from "../../search/embedded-index.server";
import { MeiliSearchEngine } from "../../search/meilisearch.server";
import { reindexOrganisations } from "../../search/reindex.server";
import { query, quietLog, sharedMeili, testClient } from "./fixtures";
import { openDemoDatabase } from "./support/app-database";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

describe("when Meilisearch cannot answer", () => {
  it("the directory answers from the embedded index, and says so once in the log", async () => {
    const log = quietLog();
    // Nothing listens on port 9 (discard) here: every request is refused.
    const unreachable = new MeiliSearchEngine({ host: "http://127.0.0.1:9", apiKey: "key", indexUid: "organisations" });
    const engine = new FallbackSearchEngine(unreachable, embeddedSearchEngine(db), log);
    const first = await engine.searchOrganisations(query({ q: "fontanhuset" }));
    const second = await engine.searchOrganisations(query({ q: "städning" }));
    expect(first.hits.map((h) => h.document.name)).toEqual(["Fontänhuset Lund"]);
    expect(second.hits.map((h) => h.document.name)).toEqual(["Iris Kraft"]);
    expect(log.messages.filter((m) => m.includes("did not answer"))).toHaveLength(1);
    // The health check reports the engine the app means to use, and that it is unreachable.
    expect((await healthReport({ db, engine })).search).toMatchObject({ engine: "meilisearch", status: "unreachable" });
  });

  it("uses Meilisearch whenever it answers", async () => {
    const connection = sharedMeili("fallback");
    await reindexOrganisations({ db, client: testClient(connection), indexUid: connection.indexUid! });
    const log = quietLog();
    const engine = new FallbackSearchEngine(new MeiliSearchEngine(connection), embeddedSearchEngine(db), log);
    // A typo only Meilisearch forgives.
    const result = await engine.searchOrganisations(query({ q: "Fontänhuzet" }));
    expect(result.hits.map((h) => h.document.name)).toEqual(["Fontänhuset Lund"]);
    expect(log.messages).toEqual([]);
    await testClient(connection).deleteIndexIfExists(connection.indexUid!);
  });
});
