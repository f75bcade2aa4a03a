import fs from "node:fs";
import path from "node:path";
import type { Meilisearch } from "meilisearch";
import type { EmbeddedEngineName, Logger } from "./documents";
import { embeddedEngineDescription, embeddedEngineName } from "./embedded-index.server";
import type { DB } from "../db/client.server";
import { bundledMeiliBinary, freePort, loadOrCreateMasterKey, type MeiliProcess, startMeiliProcess } from "./meili-process.server";
import {
  createMeiliClient,
  describeMeiliError,
  isMeiliNotFound,
  type MeiliConnection,
  meiliConnectionFromEnv,
  readIndexState,
  settingsHash,
} from "./meilisearch.server";
import { compactOutboxWithoutMeilisearch, OutboxWorker, type OutboxWorkerOptions, ORGANISATION_CHANGE } from "./outbox-worker.server";
import { ReindexInProgressError, reindexOrganisations, type ReindexResult } from "./reindex.server";
import { ORGANISATIONS_INDEX } from "./settings";

export interface SearchRuntime {
  /** "meilisearch", or the database's embedded engine ("fts5", "postgres"): what the app searches with. */
  engine: "meilisearch" | EmbeddedEngineName;
  stop(): Promise<void>;
}

export interface SearchRuntimeOptions {
  db: DB;
  /** The managed Meilisearch keeps its data in `<dataDir>/meili` and its key in `<dataDir>/meili-master-key`. */
  dataDir: string;
  log?: Logger;
  /** Tuning for tests. */
  worker?: Partial<Pick<OutboxWorkerOptions, "pollIntervalMs" | "backoff" | "batchSize" | "leaseMs">>;
  /** The Meilisearch binary to manage; by default the one shipped through npm. null: none. */
  binary?: string | null;
  /**
   * The supervisor asks the managed server's /health every `intervalMs`, giving it `timeoutMs`;
   * after `misses` failed checks in a row it kills the server (a hung one does not exit by itself)
   * and starts a new one.
   */
  supervisor?: { intervalMs?: number; timeoutMs?: number; misses?: number };
  /** Schedules restarts and health checks; tests pass their own to see what is scheduled. */
  setTimer?: (callback: () => void, ms: number) => { cancel(): void };
}

const defaultTimer: NonNullable<SearchRuntimeOptions["setTimer"]> = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

/** How often the FTS5-only runtime trims the outbox nobody drains. */
const FTS_COMPACT_INTERVAL_MS = 60_000;

/**
 * Starts what search needs beside the web server, before the app is loaded:
 * 1. MEILI_HOST set: use that Meilisearch (key in MEILI_MASTER_KEY).
 * 2. Otherwise, on Linux x64, start the Meilisearch binary shipped through npm, bound to 127.0.0.1
 *    (MEILI_PORT or a free port), and set MEILI_HOST / MEILI_MASTER_KEY for the app.
 * 3. Otherwise, with MEILI_DISABLED=1, or when it cannot run: FTS5 alone, which each write keeps current in its own
 *    transaction.
 * With Meilisearch, the index is rebuilt (into a fresh index, then swapped) when it is missing,
 * was built with other settings, or missed changes; then the outbox worker starts.
 */
export async function startSearchRuntime(options: SearchRuntimeOptions): Promise<SearchRuntime> {
  const { db } = options;
  const log = options.log ?? console;
  const configured = meiliConnectionFromEnv();
  if (configured) return startWithMeilisearch(db, configured, null, options, log);

  if (process.env.MEILI_DISABLED === "1") {
    log.info(`Search: MEILI_DISABLED=1; using the ${embeddedEngineDescription(db)} fallback.`);
    return startFtsOnly(db, log);
  }
  const binary = options.binary === undefined ? bundledMeiliBinary() : options.binary;
  const managed = await startManagedMeilisearch(binary, options, log);
  if (!managed) return startFtsOnly(db, log);
  process.env.MEILI_HOST = managed.host;
  process.env.MEILI_MASTER_KEY = managed.masterKey;
  const connection = meiliConnectionFromEnv()!;
  try {
    const runtime = await startWithMeilisearch(db, connection, managed, options, log);
    return {
      ...runtime,
      stop: async () => {
        await runtime.stop();
        delete process.env.MEILI_HOST;
        delete process.env.MEILI_MASTER_KEY;
      },
    };
  } catch (error) {
    log.warn(`Search: the bundled Meilisearch could not be prepared (${describe(error)}); using the ${embeddedEngineDescription(db)} fallback.`);
    await managed.stop();
    delete process.env.MEILI_HOST;
    delete process.env.MEILI_MASTER_KEY;
    return startFtsOnly(db, log);
  }
}

async function startWithMeilisearch(
  db: DB,
  connection: MeiliConnection,
  managed: ManagedMeilisearch | null,
  options: SearchRuntimeOptions,
  log: Logger,
): Promise<SearchRuntime> {
  const indexUid = connection.indexUid ?? ORGANISATIONS_INDEX;
  const client = createMeiliClient(connection, 30_000);
  const worker = new OutboxWorker({ db, client, indexUid, log, ...options.worker });
  managed?.onRecovered(() => void worker.retryNow().catch(() => {}));
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const prepare = async () => {
    await client.health();
    try {
      await ensureSearchIndex({ db, client, indexUid, log });
    } catch (error) {
      // `npm run search:reindex` is rebuilding right now; the worker waits for it by itself.
      if (!(error instanceof ReindexInProgressError)) throw error;
      log.info("Search: a reindex is running; the outbox worker picks up after it.");
    }
    if (!stopped) worker.start();
  };

  if (managed) {
    // Our own server: if it cannot be prepared now, the caller falls back to FTS5.
    await prepare();
  } else {
    // An operator's server may come up after the app: keep trying; writes queue in the outbox.
    const attempt = async (delay: number) => {
      try {
        await prepare();
      } catch (error) {
        if (stopped) return;
        if (delay === 1_000) {
          log.warn(`Search: Meilisearch at ${connection.host} is not ready (${describe(error)}); retrying. Writes wait in the outbox.`);
        }
        retry = setTimeout(() => void attempt(Math.min(delay * 2, 30_000)), delay);
      }
    };
    await attempt(1_000);
  }

  return {
    engine: "meilisearch",
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await worker.stop();
      await managed?.stop();
    },
  };
}

/**
 * Rebuilds the live index when it cannot be trusted: missing, built with other settings (or an
 * older document shape), marked as having missed changes, or holding a different number of
 * documents than the directory lists while no change is pending.
 */
export async function ensureSearchIndex(options: { db: DB; client: Meilisearch; indexUid?: string; log?: Logger }): Promise<ReindexResult | null> {
  const { db, client } = options;
  const indexUid = options.indexUid ?? ORGANISATIONS_INDEX;
  const [state, stats, listed, pending, resync] = await Promise.all([
    readIndexState(client, indexUid),
    client
      .index(indexUid)
      .getStats()
      .catch((error) => {
        if (isMeiliNotFound(error)) return null;
        throw error;
      }),
    db
      .selectFrom("organisation")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "active")
      .executeTakeFirst(),
    db.selectFrom("search_outbox").select("id").where("entity", "=", ORGANISATION_CHANGE).limit(1).executeTakeFirst(),
    db.selectFrom("search_marker").select("id").where("kind", "=", "resync").limit(1).executeTakeFirst(),
  ]);
  const listedCount = Number(listed?.n ?? 0);
  let reason: string | null = null;
  if (!stats) reason = "there is no index yet";
  else if (state?.settingsHash !== settingsHash()) reason = "the index settings changed";
  else if (resync) reason = "changes were made while Meilisearch was not in use";
  else if (!stats.isIndexing && !pending && stats.numberOfDocuments !== listedCount) {
    reason = `the index holds ${stats.numberOfDocuments} organisations, the directory lists ${listedCount}`;
  }
  if (!reason) return null;
  (options.log ?? console).info(`Search: rebuilding the Meilisearch index because ${reason}.`);
  return reindexOrganisations({ db, client, indexUid });
}

/** Trims the outbox once before returning, so the app starts with nothing queued behind it. */
async function startFtsOnly(db: DB, log: Logger): Promise<SearchRuntime> {
  const compact = () => compactOutboxWithoutMeilisearch(db).catch((error) => log.warn(`Search: trimming the outbox failed: ${describe(error)}`));
  await compact();
  const timer = setInterval(compact, FTS_COMPACT_INTERVAL_MS);
  timer.unref();
  return {
    engine: embeddedEngineName(db),
    stop: async () => {
      clearInterval(timer);
      await compact();
    },
  };
}

interface ManagedMeilisearch {
  host: string;
  masterKey: string;
  /** Called each time a restarted server answers. */
  onRecovered(listener: () => void): void;
  stop(): Promise<void>;
}

/**
 * Starts the bundled server and restarts it (same port, same key, backing off) if it dies; the
 * app meanwhile keeps writing, and the outbox worker catches up once it answers again.
 */
async function startManagedMeilisearch(binary: string | null, options: SearchRuntimeOptions, log: Logger): Promise<ManagedMeilisearch | null> {
  const { dataDir } = options;
  if (!binary) {
    log.info(
      `Search: no Meilisearch binary for ${process.platform}/${process.arch} and MEILI_HOST unset; using the ${embeddedEngineDescription(options.db)} fallback.`,
    );
    return null;
  }
  const setTimer = options.setTimer ?? defaultTimer;
  const supervisor = { intervalMs: 5_000, timeoutMs: 2_000, misses: 2, ...options.supervisor };
  let current: MeiliProcess | undefined;
  let stopped = false;
  let restarting = false;
  let restartTimer: { cancel(): void } | undefined;
  let healthTimer: { cancel(): void } | undefined;
  let restartDelay = 1_000;
  let misses = 0;
  const recovered: (() => void)[] = [];
  // One restart at a time, backing off; a server started after stop() is stopped at once.
  const scheduleRestart = (launch: () => Promise<MeiliProcess>) => {
    if (stopped || restartTimer) return;
    restarting = true;
    restartTimer = setTimer(() => {
      restartTimer = undefined;
      if (stopped) return;
      launch().then(
        async (next) => {
          if (stopped) return next.stop();
          current = next;
          restarting = false;
          restartDelay = 1_000;
          log.info("Search: Meilisearch is running again.");
          for (const listener of recovered) listener();
        },
        () => {
          restartDelay = Math.min(restartDelay * 2, 60_000);
          scheduleRestart(launch);
        },
      );
    }, restartDelay);
  };
  // A server that stops answering (hung, SIGSTOP) never exits by itself: kill it, and the exit
  // handler restarts it.
  const checkHealth = async () => {
    healthTimer = undefined;
    if (stopped) return;
    const server = current;
    if (server && !restarting) {
      const ok = await fetch(`${server.host}/health`, { signal: AbortSignal.timeout(supervisor.timeoutMs) }).then(
        (response) => response.ok,
        () => false,
      );
      misses = ok ? 0 : misses + 1;
      if (misses >= supervisor.misses && server === current && !restarting && !stopped) {
        misses = 0;
        log.warn(`Search: Meilisearch (pid ${server.pid}) stopped answering its health check; restarting it.`);
        try {
          process.kill(server.pid, "SIGKILL");
        } catch {
          // Exited meanwhile; its exit handler restarts it.
        }
      }
    }
    if (!stopped) healthTimer = setTimer(() => void checkHealth(), supervisor.intervalMs);
  };
  try {
    const masterKey = loadOrCreateMasterKey(managedMasterKeyFile(dataDir));
    const port = Number(process.env.MEILI_PORT) || (await freePort());
    const launch = (): Promise<MeiliProcess> =>
      startMeiliProcess({
        binary,
        dbPath: managedDbPath(dataDir),
        masterKey,
        port,
        onUnexpectedExit: (code, signal, output) => {
          if (stopped) return;
          log.warn(`Search: Meilisearch exited (${code ?? signal}); restarting it.\n${output.split("\n").slice(-5).join("\n")}`);
          scheduleRestart(launch);
        },
      });
    current = await launch();
    log.info(`Search: started the bundled Meilisearch on ${current.host} (data in ${managedDbPath(dataDir)}).`);
    // Tells `npm run search:reindex` where the running server's Meilisearch is.
    const hostFile = managedHostFile(dataDir);
    fs.writeFileSync(hostFile, `${current.host}\n`);
    const host = current.host;
    healthTimer = setTimer(() => void checkHealth(), supervisor.intervalMs);
    return {
      host,
      masterKey,
      onRecovered: (listener) => recovered.push(listener),
      stop: async () => {
        stopped = true;
        restartTimer?.cancel();
        healthTimer?.cancel();
        fs.rmSync(hostFile, { force: true });
        await current?.stop();
      },
    };
  } catch (error) {
    stopped = true;
    restartTimer?.cancel();
    await current?.stop();
    log.warn(`Search: could not start the bundled Meilisearch (${describe(error)}); using the ${embeddedEngineDescription(options.db)} fallback.`);
    return null;
  }
}

/** Holds the address of the Meilisearch a running server manages, while it runs. */
export function managedHostFile(dataDir: string): string {
  return path.join(dataDir, "meili-host");
}

export function managedMasterKeyFile(dataDir: string): string {
  return path.join(dataDir, "meili-master-key");
}

export function managedDbPath(dataDir: string): string {
  return path.join(dataDir, "meili");
}

function describe(error: unknown): string {
  return describeMeiliError(error).split("\n")[0];
}
