/**
 * What server.ts starts: the bundled Meilisearch when no MEILI_HOST is configured, the FTS5
 * fallback when it cannot run, and GET /healthz reporting which one serves.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loader as healthz } from "../../app/routes/healthz";
import type { DB } from "../../db/client.server";
import { embeddedEngineDescription, embeddedEngineName, embeddedSearchEngine } from "../../search/embedded-index.server";
import { healthReport, useSearchEngine } from "../../search/engine.server";
import { createMeiliClient, MeiliSearchEngine, meiliConnectionFromEnv } from "../../search/meilisearch.server";
import { outboxBacklog } from "../../search/outbox-worker.server";
import { startSearchRuntime } from "../../search/runtime.server";
import { createFixtureOrganisation, openTestDatabase, query, quietLog } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
let dataDir: string;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-runtime-"));
  await createFixtureOrganisation(db, { name: "Fontänhuset Lund", kind: "social_organisation" });
});

afterEach(() => {
  delete process.env.MEILI_HOST;
  delete process.env.MEILI_MASTER_KEY;
  useSearchEngine(undefined);
});

afterAll(async () => {
  await close?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("search runtime", () => {
  it("starts the bundled Meilisearch, builds the index, keeps it current, and stops it", async () => {
    delete process.env.MEILI_HOST;
    const log = quietLog();
    const runtime = await startSearchRuntime({ db, dataDir, log, worker: { pollIntervalMs: 25 } });
    const host = process.env.MEILI_HOST!;
    try {
      expect(runtime.engine).toBe("meilisearch");
      const connection = meiliConnectionFromEnv();
      expect(connection?.host).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(connection?.apiKey).toBe(fs.readFileSync(path.join(dataDir, "meili-master-key"), "utf8").trim());
      expect(fs.statSync(path.join(dataDir, "meili-master-key")).mode & 0o077).toBe(0);
      expect(log.messages.join("\n")).toContain("rebuilding");

      const engine = new MeiliSearchEngine(connection!);
      useSearchEngine(engine);
      expect(names(await engine.searchOrganisations(query({ q: "fontanhuset" })))).toEqual(["Fontänhuset Lund"]);

      await createFixtureOrganisation(db, { name: "Emmaus Lund", kind: "hybrid" });
      await vi.waitFor(async () => expect(names(await engine.searchOrganisations(query({ q: "Emaus" })))).toEqual(["Emmaus Lund"]), {
        timeout: 20_000,
        interval: 50,
      });

      const response = await healthz();
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ database: "ok", search: { engine: "meilisearch", status: "ok" } });
      await vi.waitFor(async () => expect((await (await healthz()).json()).outbox).toEqual({ length: 0, oldestAgeSeconds: 0 }), {
        timeout: 20_000,
        interval: 50,
      });
    } finally {
      await runtime.stop();
    }
    expect(await createMeiliClient({ host }).isHealthy()).toBe(false);
    expect(process.env.MEILI_HOST).toBeUndefined();

    // Started again on the same data: same key, and the index is trusted as it is.
    const again = quietLog();
    const second = await startSearchRuntime({ db, dataDir, log: again });
    try {
      expect(second.engine).toBe("meilisearch");
      expect(again.messages.join("\n")).toContain("started the bundled Meilisearch");
      expect(again.messages.join("\n")).not.toContain("rebuilding");
      const engine = new MeiliSearchEngine(meiliConnectionFromEnv()!);
      expect(names(await engine.searchOrganisations(query({ q: "emmaus" })))).toEqual(["Emmaus Lund"]);
    } finally {
      await second.stop();
    }
  });

  it("serves with the embedded index when the binary cannot run, and the outbox does not grow", async () => {
    delete process.env.MEILI_HOST;
    const log = quietLog();
    const runtime = await startSearchRuntime({ db, dataDir: path.join(dataDir, "broken"), log, binary: "/bin/false" });
    try {
      expect(runtime.engine).toBe(embeddedEngineName(db));
      expect(process.env.MEILI_HOST).toBeUndefined();
      expect(log.messages.filter((m) => m.includes(embeddedEngineDescription(db)))).toHaveLength(1);

      await createFixtureOrganisation(db, { name: "Klintens Webbauktioner", kind: "work_integrating" });
      expect((await outboxBacklog(db)).length).toBeGreaterThan(0);

      useSearchEngine(embeddedSearchEngine(db));
      const body = await (await healthz()).json();
      expect(body).toMatchObject({ database: "ok", search: { engine: embeddedEngineName(db), status: "ok" } });
    } finally {
      await runtime.stop();
    }
    expect((await outboxBacklog(db)).length).toBe(0);
  });

  it("gives up a bundled server that cannot start, without trying again in the background", async () => {
    delete process.env.MEILI_HOST;
    const attempts = path.join(dataDir, "attempts");
    const binary = path.join(dataDir, "failing-meilisearch.sh");
    fs.writeFileSync(binary, `#!/bin/sh\necho started >> "${attempts}"\nexit 1\n`, { mode: 0o755 });
    // Every restart and health check goes through this scheduler: nothing may be left scheduled.
    const scheduled: number[] = [];
    const setTimer = (_callback: () => void, ms: number) => {
      scheduled.push(ms);
      return { cancel: () => {} };
    };
    const runtime = await startSearchRuntime({ db, dataDir: path.join(dataDir, "failing"), log: quietLog(), binary, setTimer });
    expect(runtime.engine).toBe(embeddedEngineName(db));
    await runtime.stop();
    expect(scheduled).toEqual([]);
    expect(fs.readFileSync(attempts, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("reports an unreachable Meilisearch without failing the health check", async () => {
    const report = await healthReport({ db, engine: new MeiliSearchEngine({ host: "http://127.0.0.1:9", apiKey: "x" }) });
    expect(report).toMatchObject({ database: "ok", search: { engine: "meilisearch", status: "unreachable" } });
  });
});

function names(result: { hits: { document: { name: string } }[] }): string[] {
  return result.hits.map((h) => h.document.name);
}
