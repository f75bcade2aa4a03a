/**
 * Search under faults: a hung Meilisearch (SIGSTOP) costs the directory one slow answer, not one
 * per request, and the supervisor replaces it; after an outage the outbox drains as soon as
 * Meilisearch answers again, not when its retry backoff ends.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DB } from "../../db/client.server";
import { FallbackSearchEngine, healthReport, type ProbedSearchEngine } from "../../search/engine.server";
import { embeddedSearchEngine } from "../../search/embedded-index.server";
import { isAlive, meiliPidFile } from "../../search/meili-process.server";
import { createMeiliClient, MeiliSearchEngine, meiliConnectionFromEnv } from "../../search/meilisearch.server";
import { OutboxWorker, outboxBacklog } from "../../search/outbox-worker.server";
import { reindexOrganisations } from "../../search/reindex.server";
import { managedDbPath, startSearchRuntime } from "../../search/runtime.server";
import { startTestMeilisearch } from "../setup/meilisearch";
import { createFixtureOrganisation, openTestDatabase, query, quietLog, uniqueIndexUid } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
let dataDir: string;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-faults-"));
  await createFixtureOrganisation(db, { name: "Fontänhuset Lund", kind: "social_organisation" });
});

afterAll(async () => {
  delete process.env.MEILI_HOST;
  delete process.env.MEILI_MASTER_KEY;
  await close?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function names(result: { hits: { document: { name: string } }[] }): string[] {
  return result.hits.map((h) => h.document.name);
}

describe("a hung Meilisearch", () => {
  it("sends the directory to the embedded index at once, and the supervisor replaces it", async () => {
    const log = quietLog();
    const runtime = await startSearchRuntime({
      db,
      dataDir,
      log,
      worker: { pollIntervalMs: 25 },
      supervisor: { intervalMs: 100, timeoutMs: 250, misses: 2 },
    });
    const meili = new MeiliSearchEngine(meiliConnectionFromEnv()!);
    // The real engine, counting how often the breaker lets a search through to it.
    let primaryCalls = 0;
    const primary: ProbedSearchEngine = {
      name: "meilisearch",
      indexUid: meili.indexUid,
      searchOrganisations: (q) => {
        primaryCalls++;
        return meili.searchOrganisations(q);
      },
      ping: (timeoutMs) => meili.ping(timeoutMs),
    };
    // Slow means 1 s here: a busy machine's first answers must not already count as a fault.
    const engine = new FallbackSearchEngine(primary, embeddedSearchEngine(db), log, { slowMs: 1_000, probeIntervalMs: 50 });
    const hung = Number(fs.readFileSync(meiliPidFile(managedDbPath(dataDir)), "utf8"));
    try {
      // A typo only Meilisearch forgives shows which engine answered; wait until the demo is indexed.
      await vi.waitFor(async () => expect(names(await meili.searchOrganisations(query({ q: "Fontänhuzet" })))).toEqual(["Fontänhuset Lund"]), {
        timeout: 20_000,
        interval: 100,
      });
      expect(names(await engine.searchOrganisations(query({ q: "Fontänhuzet" })))).toEqual(["Fontänhuset Lund"]);
      expect(engine.state).toBe("closed");

      process.kill(hung, "SIGSTOP");
      expect(names(await engine.searchOrganisations(query({ q: "fontanhuset" })))).toEqual(["Fontänhuset Lund"]);
      expect(engine.state).toBe("open");
      const callsWhenOpened = primaryCalls;
      for (let i = 0; i < 5; i++) {
        expect(names(await engine.searchOrganisations(query({ q: "fontanhuset" })))).toEqual(["Fontänhuset Lund"]);
      }
      // While open, no search waits on the hung server.
      expect(primaryCalls).toBe(callsWhenOpened);
      expect((await healthReport({ db, engine })).search).toMatchObject({ engine: "meilisearch", status: "unreachable" });

      // The supervisor kills the server that no longer answers /health and starts another one.
      await vi.waitFor(() => expect(isAlive(hung)).toBe(false), { timeout: 20_000, interval: 50 });
      await vi.waitFor(() => expect(engine.state).toBe("closed"), { timeout: 30_000, interval: 50 });
      expect(names(await engine.searchOrganisations(query({ q: "Fontänhuzet" })))).toEqual(["Fontänhuset Lund"]);
      const messages = log.messages.join("\n");
      expect(messages).toContain("stopped answering its health check");
      expect(messages).toContain("answers again");
      // The breaker may close on the new server's first answer, just before the supervisor says so.
      await vi.waitFor(() => expect(log.messages.join("\n")).toContain("running again"), { timeout: 20_000, interval: 50 });
    } finally {
      try {
        process.kill(hung, "SIGCONT");
      } catch {
        // Replaced already.
      }
      engine.dispose();
      await runtime.stop();
    }
  });
});

describe("after an outage", () => {
  it("the outbox drains as soon as Meilisearch answers again, not after its backoff", async () => {
    const meili = await startTestMeilisearch();
    const connection = { host: meili.host, apiKey: meili.masterKey, indexUid: uniqueIndexUid("faults") };
    const client = createMeiliClient(connection, 1_000);
    await reindexOrganisations({ db, client, indexUid: connection.indexUid });
    const log = quietLog();
    // A retry a minute away: only the recovery check can drain the outbox within this test's waits.
    const worker = new OutboxWorker({
      db,
      client,
      indexUid: connection.indexUid,
      log,
      pollIntervalMs: 25,
      taskTimeoutMs: 2_000,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    worker.start();
    try {
      await meili.stop();
      await createFixtureOrganisation(db, { name: "Emmaus Lund", kind: "hybrid" });
      await vi.waitFor(
        async () => {
          const row = await db.selectFrom("search_outbox").select(["attempts", "next_attempt_at"]).where("entity", "=", "organisation").executeTakeFirst();
          expect(row?.attempts).toBeGreaterThan(0);
          expect(Date.parse(row!.next_attempt_at)).toBeGreaterThan(Date.now() + 30_000);
        },
        { timeout: 20_000, interval: 25 },
      );

      await meili.start();
      await vi.waitFor(async () => expect((await outboxBacklog(db)).length).toBe(0), { timeout: 20_000, interval: 25 });
      const engine = new MeiliSearchEngine(connection);
      expect(names(await engine.searchOrganisations(query({ q: "Emaus" })))).toEqual(["Emmaus Lund"]);
      expect(log.messages.join("\n")).toContain("answers again");
    } finally {
      await worker.stop();
      await meili.dispose();
    }
  });
});
