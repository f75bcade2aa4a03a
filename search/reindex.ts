/**
 * `npm run search:reindex`: rebuilds the Meilisearch organisations index from the database into a
 * fresh index and swaps it in atomically; searches keep answering throughout. Which Meilisearch:
 * MEILI_HOST (+ MEILI_MASTER_KEY) if set; else the one a running app server manages for the same
 * DATABASE_PATH; else the bundled binary, started just for this run on the app's Meilisearch data.
 */
import fs from "node:fs";
import path from "node:path";
import { databasePath, migrateToLatest, openDatabase } from "../db/client.server";
import { loadOrCreateMasterKey, type MeiliProcess, startMeiliProcess } from "./meili-process.server";
import { createMeiliClient, type MeiliConnection, meiliConnectionFromEnv } from "./meilisearch.server";
import { reindexOrganisations } from "./reindex.server";
import { managedDbPath, managedHostFile, managedMasterKeyFile } from "./runtime.server";
import { ORGANISATIONS_INDEX } from "./settings";

const dataDir = path.dirname(path.resolve(databasePath()));

async function connect(): Promise<{ connection: MeiliConnection; started: MeiliProcess | null }> {
  const configured = meiliConnectionFromEnv();
  if (configured) return { connection: configured, started: null };

  const keyFile = managedMasterKeyFile(dataDir);
  const hostFile = managedHostFile(dataDir);
  if (fs.existsSync(hostFile) && fs.existsSync(keyFile)) {
    const connection = {
      host: fs.readFileSync(hostFile, "utf8").trim(),
      apiKey: fs.readFileSync(keyFile, "utf8").trim(),
      indexUid: ORGANISATIONS_INDEX,
    };
    if (await createMeiliClient(connection).isHealthy()) return { connection, started: null };
  }
  const started = await startMeiliProcess({ dbPath: managedDbPath(dataDir), masterKey: loadOrCreateMasterKey(keyFile) });
  return { connection: { host: started.host, apiKey: started.masterKey, indexUid: ORGANISATIONS_INDEX }, started };
}

async function main(): Promise<void> {
  const db = openDatabase();
  let started: MeiliProcess | null = null;
  try {
    await migrateToLatest(db);
    const meili = await connect();
    started = meili.started;
    console.info(`Reindexing ${meili.connection.indexUid} on ${meili.connection.host} from ${databasePath()} …`);
    const result = await reindexOrganisations({ db, client: createMeiliClient(meili.connection, 60_000), indexUid: meili.connection.indexUid });
    console.info(
      `Built ${result.builtFrom} with ${result.documents} organisations and swapped it in as ${result.indexUid} in ${(result.durationMs / 1000).toFixed(1)} s.`,
    );
  } finally {
    await started?.stop();
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(`Reindex failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
