/**
 * Drains the search outbox from a process of its own, as the sync of a second app server would:
 * node --import tsx drain-in-process.ts <database> <meiliHost> <meiliKey> <indexUid>
 * Starts when it reads a line on stdin (so two start together), drains in rounds of four rows
 * until nothing is waiting, and prints how many rows it processed.
 */
import { createInterface } from "node:readline";
import { openDatabase } from "../../../db/client.server";
import { createMeiliClient } from "../../../search/meilisearch.server";
import { ORGANISATION_CHANGE, OutboxWorker } from "../../../search/outbox-worker.server";

const [location, host, apiKey, indexUid] = process.argv.slice(2);
const db = openDatabase(location);
const worker = new OutboxWorker({ db, client: createMeiliClient({ host, apiKey, indexUid }, 30_000), indexUid, batchSize: 4, log: { info() {}, warn() {} } });
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
let processed = 0;
for (;;) {
  processed += (await worker.drainOnce()).processed;
  const waiting = await db
    .selectFrom("search_outbox")
    .select("id")
    .where("entity", "=", ORGANISATION_CHANGE)
    .where("lease_until", "is", null)
    .executeTakeFirst();
  if (!waiting) break;
}
process.stdout.write(JSON.stringify({ processed }));
await db.destroy();
process.exit(0);
