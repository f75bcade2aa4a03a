/**
 * Several app servers each run the search sync against one database: every outbox row is taken by
 * one worker only, and the rows of a worker that died mid-batch are taken again when its lease has
 * run out. The two workers run in processes of their own, as on two servers, and push to the
 * run's real Meilisearch; what Meilisearch received is read back from its task list.
 * With TEST_DATABASE=postgres the same runs on PostgreSQL.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DB, openDatabase } from "../../db/client.server";
import type { MeiliConnection } from "../../search/meilisearch.server";
import { claimOutboxRows } from "../../search/outbox-claims.server";
import { ORGANISATION_CHANGE, OutboxWorker } from "../../search/outbox-worker.server";
import { createFixtureOrganisation, openTestDatabase, quietLog, sharedMeili, testClient, testDatabaseLocation } from "./fixtures";

let db: DB;
let secondServer: DB;
let close: () => Promise<void>;
let client: Meilisearch;
let indexUid: string;
let connection: MeiliConnection;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  secondServer = openDatabase(testDatabaseLocation(db));
  connection = sharedMeili("claims");
  indexUid = connection.indexUid!;
  client = testClient(connection);
});

afterAll(async () => {
  await client?.deleteIndexIfExists(indexUid);
  await secondServer?.destroy();
  await close?.();
});

const waiting = async () => (await db.selectFrom("search_outbox").select("id").where("entity", "=", ORGANISATION_CHANGE).execute()).length;

/** How many organisation documents Meilisearch received for the index, over all its tasks. */
async function documentsReceived(): Promise<number> {
  const tasks = await client.tasks.getTasks({ indexUids: [indexUid], types: ["documentAdditionOrUpdate"], limit: 1000 });
  return tasks.results.reduce((sum, task) => sum + Number((task.details as { receivedDocuments?: number } | undefined)?.receivedDocuments ?? 0), 0);
}

const drainScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "support/drain-in-process.ts");

describe("the search outbox with two app servers", () => {
  it("hands each change to one worker only when two servers drain at the same moment", async () => {
    for (let i = 0; i < 20; i++) await createFixtureOrganisation(db, { name: `Delad kö ${i}`, kind: "hybrid", status: "active" });
    expect(await waiting()).toBe(20);
    const servers = [0, 1].map(() => {
      const child = spawn(process.execPath, ["--import", "tsx", drainScript, testDatabaseLocation(db), connection.host, connection.apiKey!, indexUid], {
        stdio: ["pipe", "pipe", "inherit"],
      });
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const done = new Promise<{ processed: number }>((resolve, reject) =>
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`drain exited with ${code}`)))),
      );
      return { child, done };
    });
    for (const { child } of servers) child.stdin!.write("go\n");
    const [first, second] = await Promise.all(servers.map((s) => s.done));
    expect(await waiting()).toBe(0);
    expect(first.processed + second.processed).toBe(20);
    expect(await documentsReceived()).toBe(20);
  });

  it("takes the rows of a worker that died mid-batch once its lease has run out, and only then", async () => {
    const received = await documentsReceived();
    for (let i = 0; i < 3; i++) await createFixtureOrganisation(db, { name: `Övergiven ${i}`, kind: "hybrid", status: "active" });
    // A server takes the rows and dies before it pushes them.
    const taken = await claimOutboxRows({ db: secondServer, entity: ORGANISATION_CHANGE, now: Date.now(), limit: 10, leaseMs: 1_500 });
    expect(taken).toHaveLength(3);

    const survivor = new OutboxWorker({ db, client, indexUid, batchSize: 4, log: quietLog() });
    expect((await survivor.drainOnce()).processed).toBe(0);
    expect(await waiting()).toBe(3);
    await vi.waitFor(async () => expect((await survivor.drainOnce()).processed).toBe(3), { timeout: 15_000, interval: 200 });
    expect(await waiting()).toBe(0);
    expect((await documentsReceived()) - received).toBe(3);
  });
});
