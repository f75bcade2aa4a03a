/**
 * The durable outbox: with Meilisearch down, writes through the model functions still succeed and
 * queue up; when it comes back, the worker catches up by itself and the index equals the database,
 * document for document. This file runs its own Meilisearch so it can stop and restart it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createOffering, deleteOffering, updateOffering } from "../../app/models/offering.server";
import {
  approveOrganisation,
  deactivateOrganisation,
  type OrganisationProfileInput,
  reactivateOrganisation,
  removeOrganisationLogo,
  setOrganisationLogo,
  updateOrganisationProfile,
} from "../../app/models/organisation.server";
import { createUser } from "../../app/models/user.server";
import type { DB } from "../../db/client.server";
import { createRandom } from "../../seed/random";
import { MeiliSearchEngine, type MeiliConnection } from "../../search/meilisearch.server";
import { compactOutboxWithoutMeilisearch, OutboxWorker, outboxBacklog } from "../../search/outbox-worker.server";
import { ensureSearchIndex } from "../../search/runtime.server";
import { startTestMeilisearch, type TestMeilisearch } from "../setup/meilisearch";
import {
  allIndexedDocuments,
  createFixtureOrganisation,
  expectedIndexDocuments,
  openTestDatabase,
  query,
  quietLog,
  testClient,
  uniqueIndexUid,
} from "./fixtures";

let db: DB;
let close: () => Promise<void>;
let meili: TestMeilisearch;
let connection: MeiliConnection;

beforeAll(async () => {
  [{ db, close }, meili] = await Promise.all([openTestDatabase(), startTestMeilisearch()]);
  connection = { host: meili.host, apiKey: meili.masterKey, indexUid: uniqueIndexUid("outbox") };
});

afterAll(async () => {
  await meili?.dispose();
  await close?.();
});

const profile = (name: string, i: number): OrganisationProfileInput => ({
  name,
  orgNumber: "", // taken from the stored organisation
  kind: (["work_integrating", "social_organisation", "hybrid"] as const)[i % 3],
  description: `Beskrivning ${i}: arbetsträning med städning och catering.`,
  contactEmail: null,
  contactPhone: null,
  website: null,
  serviceAreas: [["Lund"], ["Malmö", "Lund"], ["Eslöv"]][i % 3],
  targetGroups: ["unga vuxna"],
  workforceShare: [20, 40, 60, null][i % 4],
  workforceShareDate: "2026-01-01",
});

describe("search outbox", () => {
  it("keeps writes while Meilisearch is down and catches up when it is back", async () => {
    const client = testClient(connection);
    const log = quietLog();
    const worker = new OutboxWorker({
      db,
      client,
      indexUid: connection.indexUid,
      pollIntervalMs: 25,
      backoff: { baseMs: 50, maxMs: 400 },
      taskTimeoutMs: 20_000,
      log,
    });
    const random = createRandom(3);
    const coordinator = await createUser({ db, email: "samordnare@example.org", name: "Samordnare", password: "ett långt lösenord 123" });
    if (!coordinator) throw new Error("no user");

    // The network before the outage: listed organisations with offerings, and some applicants.
    const orgs: { id: number; input: OrganisationProfileInput; offerings: number[]; status: "applicant" | "active" | "deactivated" }[] = [];
    for (let i = 0; i < 25; i++) {
      const input = profile(`Organisation ${i} Städ och Catering`, i);
      const status = i < 20 ? "active" : "applicant";
      const id = await createFixtureOrganisation(db, {
        name: input.name,
        kind: input.kind,
        description: input.description,
        serviceAreas: input.serviceAreas,
        workforceShare: input.workforceShare,
        status,
      });
      const stored = await db.selectFrom("organisation").select("org_number").where("id", "=", id).executeTakeFirstOrThrow();
      input.orgNumber = stored.org_number;
      const offerings = [];
      for (let j = 0; j < 2; j++) {
        offerings.push(
          await createOffering({
            db,
            organisationId: id,
            input: { title: `Sallader ${i}.${j}`, description: "Luncher till skolor.", cpvCode: "15894200-3", unit: "portions" },
          }).then(createdId),
        );
      }
      orgs.push({ id, input, offerings, status });
    }
    await ensureSearchIndex({ db, client, indexUid: connection.indexUid, log });
    worker.start();
    await vi.waitFor(async () => expect((await outboxBacklog(db)).length).toBe(0), { timeout: 30_000, interval: 50 });
    expect(await allIndexedDocuments(client, connection.indexUid!)).toEqual(await expectedIndexDocuments(db));

    // Outage: 100 changes through the model functions, all of which must succeed.
    await meili.kill();
    const operations = ["rename", "createOffering", "updateOffering", "deleteOffering", "approve", "deactivate", "reactivate", "logo"] as const;
    let changes = 0;
    while (changes < 100) {
      const org = random.pick(orgs);
      const operation = random.pick(operations);
      switch (operation) {
        case "rename": {
          org.input = { ...org.input, name: `${org.input.name.split(" (")[0]} (${changes})`, description: `Ny text ${changes}` };
          const result = await updateOrganisationProfile({ db, organisationId: org.id, actorUserId: null, input: org.input });
          expect(result.ok).toBe(true);
          break;
        }
        case "createOffering":
          org.offerings.push(
            await createOffering({
              db,
              organisationId: org.id,
              input: { title: `Trädgårdsskötsel ${changes}`, description: "", cpvCode: "77310000-6", unit: "hours" },
            }).then(createdId),
          );
          break;
        case "updateOffering": {
          if (org.offerings.length === 0) continue;
          const offeringId = random.pick(org.offerings);
          await updateOffering({
            db,
            organisationId: org.id,
            offeringId,
            input: { title: `Stensättning ${changes}`, description: "Gångar.", cpvCode: "45112710-5", unit: "square_metres" },
          });
          break;
        }
        case "deleteOffering": {
          if (org.offerings.length === 0) continue;
          const offeringId = org.offerings.splice(random.int(0, org.offerings.length - 1), 1)[0];
          await deleteOffering({ db, organisationId: org.id, offeringId });
          break;
        }
        case "approve":
          if (org.status !== "applicant") continue;
          await approveOrganisation({ db, organisationId: org.id, coordinatorId: coordinator.id });
          org.status = "active";
          break;
        case "deactivate":
          if (org.status === "deactivated") continue;
          await deactivateOrganisation({ db, organisationId: org.id, coordinatorId: coordinator.id });
          org.status = "deactivated";
          break;
        case "reactivate":
          if (org.status !== "deactivated") continue;
          await reactivateOrganisation({ db, organisationId: org.id, coordinatorId: coordinator.id });
          org.status = "active";
          break;
        case "logo":
          if (random.chance(0.5)) {
            await setOrganisationLogo({ db, organisationId: org.id, actorUserId: null, mimeType: "image/png", bytes: Buffer.from([137, 80, 78, 71]) });
          } else {
            await removeOrganisationLogo({ db, organisationId: org.id, actorUserId: null });
          }
          break;
      }
      changes += 1;
    }

    // Nothing was lost: every change waits in the outbox, and the worker has been retrying.
    expect((await outboxBacklog(db)).length).toBeGreaterThanOrEqual(100);
    await vi.waitFor(
      async () => {
        const retried = await db.selectFrom("search_outbox").select("id").where("attempts", ">", 0).executeTakeFirst();
        expect(retried).toBeDefined();
      },
      { timeout: 10_000, interval: 50 },
    );
    const failed = await db.selectFrom("search_outbox").select(["last_error", "next_attempt_at"]).where("attempts", ">", 0).executeTakeFirstOrThrow();
    expect(failed.last_error).toBeTruthy();
    expect(log.messages.some((m) => m.includes("failed"))).toBe(true);

    // Back again: the worker catches up by itself.
    await meili.start();
    await vi.waitFor(async () => expect((await outboxBacklog(db)).length).toBe(0), { timeout: 60_000, interval: 100 });
    await worker.stop();

    expect(await allIndexedDocuments(client, connection.indexUid!)).toEqual(await expectedIndexDocuments(db));
    expect(log.messages.some((m) => m.includes("answers again"))).toBe(true);

    // And search sees the new state.
    const renamed = orgs.find((o) => o.status === "active" && o.input.name.includes("("));
    if (renamed) {
      const result = await new MeiliSearchEngine(connection).searchOrganisations(query({ q: renamed.input.name }));
      expect(result.hits[0]?.document.name).toBe(renamed.input.name);
    }
  });

  it("runs on FTS5 alone without the outbox growing, and rebuilds Meilisearch when it is used again", async () => {
    const client = testClient(connection);
    const id = await createFixtureOrganisation(db, { name: "Tvätteriet på Fäladen", kind: "work_integrating" });
    await createFixtureOrganisation(db, { name: "Cykelverkstan Vallkärra", kind: "hybrid" });
    expect((await outboxBacklog(db)).length).toBe(2);

    await compactOutboxWithoutMeilisearch(db);
    await compactOutboxWithoutMeilisearch(db);
    expect((await outboxBacklog(db)).length).toBe(0);
    expect(await db.selectFrom("search_outbox").select("entity").execute()).toEqual([]);
    expect(await db.selectFrom("search_marker").select("kind").where("kind", "=", "resync").execute()).toEqual([{ kind: "resync" }]);

    // The index misses both organisations; the next start notices and rebuilds.
    expect((await allIndexedDocuments(client, connection.indexUid!)).some((d) => d.id === id)).toBe(false);
    const rebuilt = await ensureSearchIndex({ db, client, indexUid: connection.indexUid, log: quietLog() });
    expect(rebuilt).not.toBeNull();
    expect(await allIndexedDocuments(client, connection.indexUid!)).toEqual(await expectedIndexDocuments(db));
    expect(await db.selectFrom("search_marker").select("kind").where("kind", "=", "resync").execute()).toEqual([]);

    // With nothing to catch up on, a start leaves the index alone.
    expect(await ensureSearchIndex({ db, client, indexUid: connection.indexUid, log: quietLog() })).toBeNull();
  });
});

function createdId(result: { ok: true; id: number } | { ok: false; error: string }): number {
  if (!result.ok) throw new Error(`Offering not created: ${result.error}`);
  return result.id;
}
