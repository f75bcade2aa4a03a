/**
 * Vitest globalSetup of the integration project: one real Meilisearch for the whole run, on a free
 * port with a temporary data directory, stopped in teardown. Tests read its address with
 * `inject("meiliHost")` / `inject("meiliMasterKey")` and give each file its own index uid.
 * A test that needs to stop and restart Meilisearch starts its own with `startTestMeilisearch()`.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, type MeiliProcess, startMeiliProcess } from "../../search/meili-process.server";

declare module "vitest" {
  export interface ProvidedContext {
    meiliHost: string;
    meiliMasterKey: string;
  }
}

export interface TestMeilisearch {
  host: string;
  masterKey: string;
  dir: string;
  /** Stops it (as an outage would); `start()` brings it back on the same port with the same data. */
  stop(): Promise<void>;
  /** Kills it without a clean shutdown. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

export async function startTestMeilisearch(): Promise<TestMeilisearch> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-meili-"));
  const masterKey = randomBytes(24).toString("base64url");
  const port = await freePort();
  let current: MeiliProcess | null = null;
  const start = async () => {
    current = await startMeiliProcess({ dbPath: dir, masterKey, port, startTimeoutMs: 60_000 });
  };
  await start();
  return {
    host: `http://127.0.0.1:${port}`,
    masterKey,
    dir,
    start,
    stop: async () => {
      await current?.stop();
      current = null;
    },
    kill: async () => {
      await current?.kill();
      current = null;
    },
    dispose: async () => {
      await current?.stop();
      current = null;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const meili = await startTestMeilisearch();
  project.provide("meiliHost", meili.host);
  project.provide("meiliMasterKey", meili.masterKey);
  return () => meili.dispose();
}
