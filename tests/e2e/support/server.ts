/**
 * The real, built app for the end-to-end tests: `build/server.js` (what `npm start` runs) in a
 * child process on a free port, with a fresh copy of the demo database (loaded once per run,
 * tests/setup/demo-database.ts). The database is an SQLite file in the server's temp directory, or
 * with TEST_DATABASE=postgres a new database on the PostgreSQL of the test run (tests/setup/postgres.ts).
 *
 * A test server runs one HTTP process (WEB_CONCURRENCY=1) against the run's one Meilisearch
 * (tests/setup/meilisearch.ts) with indexes of its own, which it builds at start like any server
 * pointed at an operator's Meilisearch: two files at a time on two cores left no room for a
 * Meilisearch and two HTTP workers per server. `standalone: true` gives the server as `npm start`
 * runs it, with its own bundled Meilisearch and one HTTP worker per core, for the tests of stopping
 * and crashing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { freePort, waitUntilAnswering } from "../../../search/meili-process.server";
import { createMeiliClient, type MeiliConnection, readIndexState, settingsHash } from "../../../search/meilisearch.server";
import { requestIndexUid } from "../../../search/requests/meilisearch.server";
import { createTestDatabase } from "../../setup/postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface TestServer {
  baseUrl: string;
  /** The server process, e.g. to signal it. */
  process: ChildProcess;
  /** The folder holding its database and Meilisearch data. */
  dir: string;
  /** Sends the server process a signal; its exit is then expected, not reported. */
  signal(name: NodeJS.Signals): void;
  /** Sends the signal to the server's whole process group (its HTTP workers too), as systemd and Ctrl-C do. */
  signalGroup(name: NodeJS.Signals): void;
  /** Resolves when the server process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The server's data folder (SQLite file, Meilisearch, and `mail/` with the .eml files it "sends"). */
  dataDir: string;
  /** The server's database, an SQLite file or a PostgreSQL URL (`openDatabase` takes either), for tests that add data the demo lacks. */
  database: string;
  /** Everything the server printed so far. */
  output(): string;
  /**
   * Resolves once every change is in the search index (the outbox that /healthz reports is
   * empty), so that what the directory shows can be checked without guessing at timing.
   */
  searchSettled(timeoutMs?: number): Promise<void>;
  /** Stops the server and its Meilisearch, and deletes the temp directory. */
  stop(): Promise<void>;
}

export interface StartOptions {
  startTimeoutMs?: number;
  /** An existing data folder to start on (kept after stop); by default a fresh one, deleted after. */
  dir?: string;
  /** Settings added to (or replacing) the server's environment. */
  env?: Record<string, string | undefined>;
  /** The kind of database; by default the test run's (TEST_DATABASE), else SQLite. */
  database?: TestDatabaseKind;
  /** Its own bundled Meilisearch and the default number of HTTP workers, as `npm start` runs it. */
  standalone?: boolean;
}

export type TestDatabaseKind = "sqlite" | "postgres";

/** The database the end-to-end tests of this run use: TEST_DATABASE=postgres, or SQLite. */
export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

/**
 * The PostgreSQL database of a server's data folder: a copy of the run's demo database
 * (tests/setup/demo-database.ts) made at the first start and recorded in the folder, so a server
 * started again on the folder finds its data.
 */
async function postgresDatabaseFor(dir: string): Promise<string> {
  const record = path.join(dir, "test-database-url");
  if (fs.existsSync(record)) return fs.readFileSync(record, "utf8").trim();
  const url = await createTestDatabase(inject("postgresUrl"), undefined, inject("demoPostgresTemplate") || undefined);
  fs.writeFileSync(record, `${url}\n`);
  return url;
}

/** A fresh folder's SQLite file starts as a copy of the run's demo database. */
function copyDemoSqlite(databasePath: string): void {
  if (!fs.existsSync(databasePath)) fs.copyFileSync(inject("demoSqliteFile"), databasePath);
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (!fs.existsSync(path.join(root, "build/server.js"))) {
    throw new Error("There is no build/server.js: run `npm run build` (or `npm test`, which builds first).");
  }
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "stl-e2e-"));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  // The SQLite file's folder is also the data folder on PostgreSQL (Meilisearch, mail).
  const databasePath = path.join(dir, "app.sqlite");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: databasePath, PORT: String(port), NODE_ENV: "production", STRICT_MESSAGES: "1" };
  // Settings meant for another instance must not leak in. MEILI_DISABLED=1 passes through: FTS5 fallback.
  for (const name of ["DATABASE_URL", "MEILI_HOST", "MEILI_MASTER_KEY", "MEILI_PORT", "MEILI_INDEX", "SEED_DEMO", "TRUST_PROXY", "WEB_CONCURRENCY"])
    delete env[name];
  if (!options.env?.DATABASE_URL) {
    if ((options.database ?? testDatabaseKind()) === "postgres") env.DATABASE_URL = await postgresDatabaseFor(dir);
    else copyDemoSqlite(databasePath);
  }
  const sharedSearch = !options.standalone && !options.env?.MEILI_HOST && process.env.MEILI_DISABLED !== "1" ? sharedMeilisearchFor(dir) : null;
  if (!options.standalone) env.WEB_CONCURRENCY = "1";
  if (sharedSearch) Object.assign(env, { MEILI_HOST: sharedSearch.host, MEILI_MASTER_KEY: sharedSearch.apiKey, MEILI_INDEX: sharedSearch.indexUid });
  Object.assign(env, options.env);
  const database = env.DATABASE_URL ?? databasePath;

  // node itself, not npm: one process to signal, whose SIGTERM handler stops Meilisearch.
  // Its own process group, so that anything left behind can be killed together.
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const killGroupOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killGroupOnExit);

  let stopped = false;
  let started = false;
  let signalled = false;
  child.once("exit", (code, signal) => {
    // A server that dies mid-test shows up as refused connections; say why, once.
    if (started && !stopped && !signalled) process.stderr.write(`\nThe app server exited unexpectedly (${code ?? signal}). Its output:\n${output}\n`);
  });
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const force = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(force);
    }
    // Meilisearch is stopped by the server; this only catches what a crash may have left.
    killGroup(child, "SIGKILL");
    process.removeListener("exit", killGroupOnExit);
    if (sharedSearch && !options.dir) await dropIndexes(sharedSearch);
    if (!options.dir) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilAnswering(`${baseUrl}/healthz`, child, options.startTimeoutMs ?? 120_000);
    // A server on an operator's Meilisearch answers before its indexes are built; searches would
    // meanwhile come from the fallback. The tests start on built indexes, as after a reindex.
    if (sharedSearch) await indexesBuilt(sharedSearch, options.startTimeoutMs ?? 120_000);
    started = true;
  } catch (error) {
    await stop();
    throw new Error(`The app server did not start: ${(error as Error).message}\n--- server output ---\n${output}`);
  }
  const signal = (name: NodeJS.Signals) => {
    signalled = true;
    child.kill(name);
  };
  const signalGroup = (name: NodeJS.Signals) => {
    signalled = true;
    killGroup(child, name);
  };
  return {
    baseUrl,
    process: child,
    dir,
    dataDir: dir,
    database,
    exited,
    signal,
    signalGroup,
    output: () => output,
    searchSettled: (timeoutMs) => searchSettled(baseUrl, timeoutMs),
    stop,
  };
}

/**
 * The run's Meilisearch with an index name of this server's folder's own, recorded in the folder
 * so that a server started again on it finds its index.
 */
function sharedMeilisearchFor(dir: string): MeiliConnection & { indexUid: string } {
  const record = path.join(dir, "test-meili-index");
  if (!fs.existsSync(record)) fs.writeFileSync(record, `e2e_${randomBytes(6).toString("hex")}\n`);
  return { host: inject("meiliHost"), apiKey: inject("meiliMasterKey"), indexUid: fs.readFileSync(record, "utf8").trim() };
}

/** Waits until the server has built its organisations index (with today's settings) and its requests index. */
async function indexesBuilt(connection: MeiliConnection & { indexUid: string }, timeoutMs: number): Promise<void> {
  const client = createMeiliClient(connection, 10_000);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [state, requests] = await Promise.all([
      readIndexState(client, connection.indexUid).catch(() => null),
      client
        .index(requestIndexUid(connection.indexUid))
        .getDocument("settings")
        .catch(() => null),
    ]);
    if (state?.settingsHash === settingsHash() && requests) return;
    if (Date.now() > deadline) throw new Error(`The server did not build its Meilisearch indexes (${connection.indexUid}) within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The server's indexes are of no use after it stopped; the run's Meilisearch keeps the others. */
async function dropIndexes(connection: MeiliConnection & { indexUid: string }): Promise<void> {
  const client = createMeiliClient(connection, 10_000);
  await Promise.all([client.deleteIndex(connection.indexUid), client.deleteIndex(requestIndexUid(connection.indexUid))]).catch(() => undefined);
}

interface Health {
  search: { engine: "fts5" | "meilisearch"; status: string };
  outbox: { length: number } | null;
}

async function searchSettled(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: Health | null = null;
  for (;;) {
    last = (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
    // The FTS5 fallback is written in the same transaction as the change; nothing drains its outbox.
    if (last.search.engine === "fts5" || last.outbox?.length === 0) return;
    if (Date.now() > deadline) throw new Error(`The search index did not catch up within ${timeoutMs} ms: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
