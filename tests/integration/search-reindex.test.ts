/**
 * `npm run search:reindex`: a full rebuild into a fresh index swapped in atomically. Searches keep
 * answering throughout, the result equals what the outbox built, and changes made during the
 * rebuild are not lost.
 */
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { updateOrganisationProfile } from "../../app/models/organisation.server";
import { targetGroupsOf } from "../../app/models/target-groups.server";
import { createOffering } from "../../app/models/offering.server";
import type { DB } from "../../db/client.server";
import { loadSyntheticNetwork } from "../../seed/synthetic-network";
import { MeiliSearchEngine, type MeiliConnection, readIndexState, settingsHash, taskSucceeded, writeIndexState } from "../../search/meilisearch.server";
import { activeReindex, OutboxWorker, outboxBacklog } from "../../search/outbox-worker.server";
import { ReindexInProgressError, reindexOrganisations } from "../../search/reindex.server";
import { ensureSearchIndex } from "../../search/runtime.server";
import { organisationIndexSettings } from "../../search/settings";
import { allIndexedDocuments, expectedIndexDocuments, openTestDatabase, query, quietLog, sharedMeili, testClient } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
let connection: MeiliConnection;
let client: Meilisearch;
let indexUid: string;

const worker = () => new OutboxWorker({ db, client, indexUid, pollIntervalMs: 25, backoff: { baseMs: 50, maxMs: 200 }, log: quietLog() });

async function drained(): Promise<void> {
  await vi.waitFor(async () => expect((await outboxBacklog(db)).length).toBe(0), { timeout: 60_000, interval: 50 });
}

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  connection = sharedMeili("reindex");
  indexUid = connection.indexUid!;
  client = testClient(connection);
  await loadSyntheticNetwork(db, { seed: 7, organisations: 400, offerings: 2_000, recordChanges: true });

  // The index as the outbox worker builds it: settings first, then every change pushed.
  await taskSucceeded(client, client.createIndex(indexUid, { primaryKey: "id" }));
  await taskSucceeded(client, client.index(indexUid).updateSettings(organisationIndexSettings));
  await writeIndexState(client, indexUid);
  const sync = worker();
  sync.start();
  await drained();
  await sync.stop();
});

afterAll(async () => {
  const { results } = await client.getRawIndexes({ limit: 1000 });
  for (const index of results) if (index.uid.startsWith(indexUid)) await taskSucceeded(client, client.deleteIndex(index.uid));
  await close?.();
});

describe("reindexing", () => {
  it("swaps in a rebuilt index while 20 searches keep running, none failing", async () => {
    const outboxBuilt = await allIndexedDocuments(client, indexUid);
    expect(outboxBuilt).toHaveLength(400);
    expect(outboxBuilt).toEqual(await expectedIndexDocuments(db));

    const engine = new MeiliSearchEngine(connection);
    const queries = [
      query({ q: "sallader" }),
      query({ q: "städning", serviceArea: ["Lund"] }),
      query({ q: "tradgardsskotsel" }),
      query({ kind: ["work_integrating"], reservedEligible: true }),
      query({ q: "catering", cpvCategory: ["55"] }),
    ];
    let reindexing = true;
    let searches = 0;
    const failures: unknown[] = [];
    const searcher = async (n: number) => {
      // Each keeps searching until the rebuild is done, and once more after the swap.
      for (let last = false; !last;) {
        last = !reindexing;
        try {
          const result = await engine.searchOrganisations(queries[(n + searches) % queries.length]);
          searches += 1;
          if (result.total === 0) failures.push(new Error("no results"));
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const searchers = Array.from({ length: 20 }, (_, n) => searcher(n));
    const result = await reindexOrganisations({ db, client, indexUid, batchSize: 100 }).finally(() => {
      reindexing = false;
    });
    await Promise.all(searchers);

    expect(failures).toEqual([]);
    expect(searches).toBeGreaterThanOrEqual(40);
    expect(result).toMatchObject({ indexUid, documents: 400 });
    expect(await allIndexedDocuments(client, indexUid)).toEqual(outboxBuilt);

    // The fresh index took the live name; no other index of this name is left behind.
    const { results } = await client.getRawIndexes({ limit: 1000 });
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(indexUid))).toEqual([indexUid]);
    const settings = await client.index(indexUid).getSettings();
    expect(settings.searchableAttributes).toEqual(organisationIndexSettings.searchableAttributes);
    expect(settings.localizedAttributes).toEqual(organisationIndexSettings.localizedAttributes);
    expect((await readIndexState(client, indexUid))?.settingsHash).toBe(settingsHash());
  });

  it("loses no change written while it rebuilds", async () => {
    const sync = worker();
    sync.start();
    const ids = (await db.selectFrom("organisation").select("id").orderBy("id").limit(30).execute()).map((r) => r.id);
    const rebuilding = reindexOrganisations({ db, client, indexUid, batchSize: 50 });
    let changedDuringRebuild = 0;
    for (const [n, id] of ids.entries()) {
      if (await activeReindex(db)) changedDuringRebuild += 1;
      const org = await db.selectFrom("organisation").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const areas = await db.selectFrom("organisation_service_area").select("area").where("organisation_id", "=", id).execute();
      await updateOrganisationProfile({
        db,
        organisationId: id,
        actorUserId: null,
        input: {
          name: `${org.name} omdöpt ${n}`,
          orgNumber: org.org_number,
          kind: org.kind,
          description: org.description,
          contactEmail: null,
          contactPhone: null,
          website: null,
          serviceAreas: areas.map((a) => a.area),
          targetGroups: (await targetGroupsOf(db, [id])).get(id) ?? [],
          workforceShare: org.workforce_share,
          workforceShareDate: org.workforce_share_date,
        },
      });
      await createOffering({ db, organisationId: id, input: { title: `Snickeri ${n}`, description: "", cpvCode: "45000000-7", unit: "hours" } });
      await new Promise((r) => setTimeout(r, 5));
    }
    await rebuilding;
    expect(changedDuringRebuild).toBeGreaterThan(0);
    await drained();
    await sync.stop();
    expect(await allIndexedDocuments(client, indexUid)).toEqual(await expectedIndexDocuments(db));
  });

  it("refuses to run twice at once", async () => {
    const runs = await Promise.allSettled([reindexOrganisations({ db, client, indexUid }), reindexOrganisations({ db, client, indexUid })]);
    expect(runs.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = runs.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ReindexInProgressError);
  });

  it("rebuilds at start when the index settings changed, and only then", async () => {
    expect(await ensureSearchIndex({ db, client, indexUid, log: quietLog() })).toBeNull();
    await taskSucceeded(client, client.index("app_meta").addDocuments([{ id: indexUid, settingsHash: "older", builtAt: "2026-01-01" }]));
    const log = quietLog();
    const rebuilt = await ensureSearchIndex({ db, client, indexUid, log });
    expect(rebuilt?.documents).toBe(400);
    expect(log.messages.join("\n")).toContain("settings changed");
    expect((await readIndexState(client, indexUid))?.settingsHash).toBe(settingsHash());
  });
});
