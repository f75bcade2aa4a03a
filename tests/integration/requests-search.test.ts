import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionRequest } from "../../app/models/request.server";
import { listRequests, type RequestListQuery } from "../../app/models/request-list.server";
import type { DB } from "../../db/client.server";
import { REQUEST_OUTBOX_ENTITY, type RequestTextSearch } from "../../search/requests/documents";
import { embeddedRequestSearch } from "../../search/embedded-index.server";
import { useRequestSearch } from "../../search/requests/index.server";
import { drainRequestOutbox, ensureRequestIndex, MeiliRequestSearch, requestIndexUid } from "../../search/requests/meilisearch.server";
import { sharedMeili, testClient } from "./fixtures";
import { newDemoDraft, openDemoDatabase, organisationIdBySlug } from "./support/app-database";

let db: DB;
let close: () => Promise<void>;
const connection = sharedMeili("requests");
const client = testClient(connection);
const indexUid = requestIndexUid(connection.indexUid);

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  await ensureRequestIndex({ db, client, indexUid });
});
afterAll(async () => {
  useRequestSearch(undefined);
  await client.deleteIndex(indexUid).catch(() => undefined);
  await close();
});

const titles = async (ids: number[]) =>
  ids.length ? (await db.selectFrom("request").select(["id", "title"]).where("id", "in", ids).execute()).map((r) => r.title).sort() : [];

const list = (overrides: Partial<RequestListQuery>) =>
  listRequests({
    db,
    query: { q: "", kind: [], cpvCategory: [], site: [], within: null, state: "open", matchingOrganisationId: null, page: 1, pageSize: 20, ...overrides },
  });

const newDraft = (title: string) => newDemoDraft(db, title);

const engines: [string, () => RequestTextSearch][] = [
  // The embedded index of the test database: FTS5, or PostgreSQL's under `npm run test:postgres`.
  [process.env.TEST_DATABASE === "postgres" ? "postgres" : "fts5", () => embeddedRequestSearch(db)],
  ["meilisearch", () => new MeiliRequestSearch(connection)],
];

describe.each(engines)("request search on %s", (name, engine) => {
  it("finds requests by words in title, items and buyer, without å/ä/ö and by prefix", async () => {
    const search = engine();
    expect(await titles(await search.matchingIds("stensattning", 50))).toEqual(["Stensättning och markarbeten i parker"]);
    expect(await titles(await search.matchingIds("sotning", 50))).toEqual(["Sotning och brandskyddskontroll"]);
    expect(await titles(await search.matchingIds("sallader", 50))).toEqual([
      "Informationsförfrågan: sallader till kommunens verksamheter",
      "Sallader till kommunens verksamheter",
      "Sallader till kommunens verksamheter, andra perioden",
    ]);
    expect(await titles(await search.matchingIds("Brunnshög", 50))).toContain("Byggentreprenad med sysselsättningskrav");
  });

  it("filters and counts the text matches in the list, open ones by default and closed under the filter", async () => {
    useRequestSearch(engine());
    const open = await list({ q: "sallader" });
    expect(open.items.map((i) => i.title)).toEqual(["Sallader till kommunens verksamheter, andra perioden"]);
    expect(open.facets.kind).toEqual({ reserved: 1 });
    // The awarded salad procurement is closed, beside the RFI that came before it.
    const closed = await list({ q: "sallader", state: "closed" });
    expect(closed.items.map((i) => i.title)).toEqual(["Sallader till kommunens verksamheter", "Informationsförfrågan: sallader till kommunens verksamheter"]);
    expect((await list({ q: "sallader", kind: ["rfi"] })).total).toBe(0);
  });

  if (name === "meilisearch") {
    it("tolerates a typo", async () => {
      expect(await titles(await engine().matchingIds("sotnig", 50))).toContain("Sotning och brandskyddskontroll");
    });
  }

  it("leaves drafts out, and finds a request once it is published (through the outbox for Meilisearch)", async () => {
    const title = `Fönsterputs ${name}`;
    const id = await newDraft(title);
    await drainRequestOutbox({ db, client, indexUid });
    expect(await engine().matchingIds("fönsterputs", 50)).not.toContain(id);
    const buyerOrg = await organisationIdBySlug(db, "lunds-kommun-upphandlingsenheten");
    const buyer = await db.selectFrom("user").select("id").where("email", "=", "buyer@example.org").executeTakeFirstOrThrow();
    expect(await transitionRequest({ db, requestId: id, buyerOrganisationId: buyerOrg, userId: buyer.id, action: "publish" })).toEqual({
      ok: true,
      status: "published",
    });
    expect(
      await db.selectFrom("search_outbox").select("id").where("entity", "=", REQUEST_OUTBOX_ENTITY).where("entity_id", "=", String(id)).execute(),
    ).not.toHaveLength(0);
    await drainRequestOutbox({ db, client, indexUid });
    expect(await db.selectFrom("search_outbox").select("id").where("entity", "=", REQUEST_OUTBOX_ENTITY).execute()).toHaveLength(0);
    expect(await engine().matchingIds("fonsterputs", 50)).toContain(id);
  });
});
