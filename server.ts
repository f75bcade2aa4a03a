/**
 * The production server. `npm run build` compiles this file to build/server.js (esbuild) beside the
 * app's build (build/server/ and build/client/, from React Router's Vite plugin), and `npm start`
 * runs it with plain `node`, so that the signals an operator or a process manager sends reach this
 * process and nothing kills it before it has stopped cleanly.
 */
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import path from "node:path";
import { createServer } from "node:http";
import { createRequestHandler } from "@react-router/express";
import type { ServerBuild } from "react-router";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import SQLite from "better-sqlite3";
import fs from "node:fs";
import { htmlCache } from "./app/utils/html-cache.server";
import { changeVersion } from "./db/change-version.server";
import { databaseKind, databasePath, describeDatabase, migrateToLatest, openDatabase, useDatabase } from "./db/client.server";
import { serverPidFile } from "./db/backup.server";
import { clientAddressHeader } from "./app/utils/client-address.server";
import { isCrossSiteRequest } from "./app/utils/origin-check.server";
import { seedDemoIfEmpty } from "./seed/demo.server";
import { startSearchRuntime } from "./search/runtime.server";
import { embeddedEngineName, ensureEmbeddedSearchRows } from "./search/embedded-index.server";
import { meiliConnectionFromEnv } from "./search/meilisearch.server";
import { startRequestSearchSync } from "./search/requests/meilisearch.server";
import { startMailWorker } from "./mail/outbox-worker.server";
import { createMailTransport } from "./mail/transport.server";
import { securityHeaders } from "./http/security-headers";
import { bodyLimit } from "./http/body-limit";
import { privateResponses } from "./http/private-responses";
import { readiness } from "./http/readiness";
import { gracefulStop } from "./http/graceful-stop";
import { trustProxySetting } from "./http/trust-proxy";
import { startMeetingJobs } from "./app/models/meeting-jobs.server";
import { createLogger, withRequestLog } from "./http/request-log";
import { serveHashingBudgetToWorkers } from "./app/utils/hashing-budget.server";

const logger = createLogger();
const log = { info: (message: string) => logger.info(message), warn: (message: string) => logger.warn(message) };
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.dirname(path.resolve(databasePath()));
/** How long a stop waits for requests in progress before it cuts them. */
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
/**
 * How long a server holds the outbox rows it took (e-mail, search) before another server may take
 * them over: the time a server that died mid-batch delays those rows. A batch must finish within it.
 */
const outboxLeaseMs = outboxLease(process.env.OUTBOX_LEASE_MS);

/**
 * Processes (WEB_CONCURRENCY, default: one per core; 1 = a single process). With more than one,
 * this process is the primary: it alone migrates, seeds, starts and supervises Meilisearch and
 * runs the background workers (search outbox, mail, meeting jobs), then forks that many HTTP
 * workers (node:cluster, one shared port) that inherit MEILI_HOST and MEILI_MASTER_KEY from it.
 * Every process opens the same SQLite file (WAL, busy timeout).
 */
const concurrency = webConcurrency(process.env.WEB_CONCURRENCY);
const role: "single" | "primary" | "worker" = cluster.isWorker ? "worker" : concurrency > 1 ? "primary" : "single";

// Signals are heard from the first moment: one that comes while this process is still starting
// (migrating, starting Meilisearch, loading the app) stops it cleanly once it has started, instead
// of killing it with whatever it had begun. A worker treats its own signal as the primary does.
let stopping = false;
let signals = 0;
let started!: () => void;
const startup = new Promise<void>((resolve) => (started = resolve));
process.on("SIGINT", (signal) => void stop(signal));
process.on("SIGTERM", (signal) => void stop(signal));
if (cluster.isWorker) {
  process.on("message", (message: { type?: string } | null) => {
    if (message?.type === "stop") void stop("stop message");
  });
}

// DATABASE_URL=postgres://… or the SQLite file at DATABASE_PATH (db/client.server.ts chooses).
const db = openDatabase();
useDatabase(db);
const onSqlite = databaseKind(db) === "sqlite";
if (!onSqlite) log.info(`Database: PostgreSQL at ${describeDatabase()}.`);
// `npm run restore` refuses to replace the SQLite file while this file names a live process.
const pidFile = onSqlite ? serverPidFile(databasePath()) : null;
let search: Awaited<ReturnType<typeof startSearchRuntime>> | undefined;
let mail: ReturnType<typeof startMailWorker> | undefined;
let meetingJobs: ReturnType<typeof startMeetingJobs> | undefined;
let requestSearchSync: ReturnType<typeof startRequestSearchSync> | undefined;
if (role !== "worker") {
  if (pidFile) fs.writeFileSync(pidFile, `${process.pid}\n`);
  await migrateToLatest(db);
  if (await ensureEmbeddedSearchRows(db)) log.info("Rebuilt the embedded search index after a migration.");
  if (process.env.SEED_DEMO !== "false") {
    const seeded = await seedDemoIfEmpty(db);
    if (seeded) log.info("Loaded the demo network into the empty database.");
  }
  // Starts Meilisearch where it can and sets MEILI_HOST for the app before the app is loaded.
  search = await startSearchRuntime({ db, dataDir, log, worker: { leaseMs: outboxLeaseMs } });
  // Requests have an index of their own beside the organisations' (search/requests/).
  requestSearchSync = startRequestSearchSync({ db, connection: search.engine === "meilisearch" ? meiliConnectionFromEnv() : null, leaseMs: outboxLeaseMs });

  // E-mail goes out over SMTP_URL, or as .eml files under data/mail without it.
  mail = startMailWorker({
    db,
    send: createMailTransport({ smtpUrl: process.env.SMTP_URL, mailDir: path.join(dataDir, "mail") }),
    leaseMs: outboxLeaseMs,
  });

  // Reminders of actions and of meetings the day before (queued into the same outbox), and erasure of expired needs.
  meetingJobs = startMeetingJobs({ db, intervalMs: Number(process.env.MEETING_JOBS_INTERVAL_MS) || undefined });
}
const searchEngineName = search?.engine ?? (process.env.MEILI_HOST ? "meilisearch" : embeddedEngineName(db));

let watcher: SQLite.Database | undefined;
const server = role === "primary" ? undefined : await serveHttp();
const workers = role === "primary" ? startWorkers() : undefined;
started();

async function serveHttp(): Promise<ReturnType<typeof gracefulStop>> {
  const build = (await import(path.resolve("build/server/index.js"))) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  app.use(securityHeaders());
  app.use(privateResponses());
  app.use(bodyLimit());
  app.use((req, _res, next) => {
    // Headers the app trusts are set here, never taken from the client (the request id: withRequestLog).
    req.headers[clientAddressHeader] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });
  // Liveness is /healthz (the app's route); readiness is here.
  app.get("/readyz", readiness({ db, stopping: () => stopping, searchEngine: searchEngineName }));
  app.use((req, res, next) => {
    if (isCrossSiteRequest({ method: req.method, headers: req.headers, siteOrigin: `${req.protocol}://${req.get("host")}` })) {
      res.status(403).type("text/plain").send("Forbidden: cross-site request.");
      return;
    }
    next();
  });
  // gzip for HTML, JSON, CSS and JS (compression's default filter: compressible types, > 1 KB).
  app.use(compression());
  // The browser's files carry a hash of their content in their names: cached for a year.
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // Before the static files of public/, whose lookup costs a stat() per request.
  const pages = anonymousPageCache();
  if (pages) app.use(pages.store);
  // The other files of public/ (favicon.svg, copied into build/client by the build) all have an
  // extension; a page's path seldom does, so pages skip the file lookup (a stat() per request).
  const publicFiles = express.static("build/client", { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  // Whatever escapes the app: the stack goes to the log, the visitor gets a plain 500.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    logger.error({ reqId: req.headers["x-request-id"], err: error }, "unhandled error");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(500).type("text/plain").send("Internal server error");
  });

  // The cache answers its hits before Express sees the request; everything else goes to Express.
  const handler = withRequestLog(logger, { stopping: () => stopping }, pages ? pages.inFrontOf(app) : app);
  return gracefulStop(
    createServer(handler).listen(port, () => {
      log.info(`Social Trade Lund on http://localhost:${port} (database ${databasePath()}, search ${searchEngineName}${role === "worker" ? ", worker" : ""})`);
    }),
  );
}

/** The anonymous pages' HTML cache (HTML_CACHE=0: none), invalidated by every committed write. */
function anonymousPageCache(): ReturnType<typeof htmlCache> | null {
  if (process.env.HTML_CACHE === "0") return null;
  if (databaseKind(db) === "postgres") return htmlCache({ version: () => changeVersion(db) });
  // SQLite's data_version, read on a connection of its own, changes with every write committed
  // by any other connection or process, and costs no query through the app's connection.
  watcher = new SQLite(databasePath(), { readonly: true });
  const dataVersion = watcher.prepare("PRAGMA data_version").pluck();
  return htmlCache({ version: () => dataVersion.get() as number });
}

function webConcurrency(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`WEB_CONCURRENCY must be a whole number of processes, 1 or more (got "${value}").`);
  return n;
}

function outboxLease(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 60_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1_000) throw new Error(`OUTBOX_LEASE_MS must be a whole number of milliseconds, 1000 or more (got "${value}").`);
  return n;
}

/** The primary's HTTP workers: a worker that dies while the site runs is replaced. */
function startWorkers(): { stop(): Promise<void> } {
  // One password-hashing budget for the machine, whichever worker a login reaches.
  serveHashingBudgetToWorkers();
  const live = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    worker.once("exit", (code, signal) => {
      live.delete(worker);
      if (stopping) return;
      logger.error({ workerPid: worker.process.pid, code, signal }, "HTTP worker exited; starting another");
      setTimeout(fork, 500).unref();
    });
  };
  for (let i = 0; i < concurrency; i++) fork();
  log.info(`Primary ${process.pid}: ${concurrency} HTTP workers (WEB_CONCURRENCY).`);
  return {
    // Each worker finishes its requests in progress (its own deadline), then exits; one that
    // has not exited a few seconds after that deadline is killed.
    async stop() {
      const exits = [...live].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once("exit", () => resolve()))));
      for (const worker of live) if (worker.isConnected()) worker.send({ type: "stop" });
      const kill = setTimeout(() => {
        for (const worker of live) worker.process.kill("SIGKILL");
      }, shutdownTimeoutMs + 5_000);
      await Promise.all(exits);
      clearTimeout(kill);
    },
  };
}

/**
 * A clean stop, on SIGTERM or SIGINT (or, in a worker, its primary's stop message): stop accepting
 * connections; answer what is in progress and what arrives on open connections with
 * `Connection: close` (cut after SHUTDOWN_TIMEOUT_MS; http/graceful-stop.ts); then stop the mail
 * and search workers, Meilisearch, and the database. A second signal exits at once.
 */
async function stop(signal: NodeJS.Signals | "stop message") {
  // A worker hears both its primary's stop message and, when the whole group is signalled, the
  // signal itself: only a second SIGNAL means "now".
  if (signal !== "stop message" && ++signals > 1) {
    logger.warn(`${signal} again: exiting without waiting.`);
    process.exit(1);
  }
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping; finishing the requests in progress.`);
  await startup;
  if (server) {
    await server.stop({ timeoutMs: shutdownTimeoutMs, onTimeout: () => logger.warn(`Requests still running after ${shutdownTimeoutMs} ms: cutting them.`) });
  }
  if (workers) await workers.stop();
  try {
    await meetingJobs?.stop();
    await mail?.stop();
    await requestSearchSync?.stop();
    await search?.stop();
    await db.destroy();
    watcher?.close();
    if (role !== "worker" && pidFile) fs.rmSync(pidFile, { force: true });
    log.info(role === "worker" ? "Worker done." : "Stopped.");
    logger.flush();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "stopping failed");
    logger.flush();
    process.exit(1);
  }
}
