import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import express from "express";
import { databasePath, migrateToLatest, openDatabase, useDatabase } from "./db/client.server";
import { clientAddressHeader } from "./app/utils/client-address.server";
import { isCrossSiteRequest } from "./app/utils/origin-check.server";
import { seedDemoIfEmpty } from "./seed/demo.server";
import { startSearchRuntime } from "./search/runtime.server";
import { meiliConnectionFromEnv } from "./search/meilisearch.server";
import { startRequestSearchSync } from "./search/requests/meilisearch.server";
import { startMailWorker } from "./mail/outbox-worker.server";
import { createMailTransport } from "./mail/transport.server";

const port = Number(process.env.PORT ?? 3000);
const dataDir = path.dirname(path.resolve(databasePath()));

const db = openDatabase();
useDatabase(db);
await migrateToLatest(db);
if (process.env.SEED_DEMO !== "false") {
  const seeded = await seedDemoIfEmpty(db);
  if (seeded) console.info("Loaded the demo network into the empty database.");
}
// Starts Meilisearch where it can and sets MEILI_HOST for the app before the app is loaded.
const search = await startSearchRuntime({ db, dataDir });
// Requests have an index of their own beside the organisations' (search/requests/).
const requestSearchSync = startRequestSearchSync({ db, connection: search.engine === "meilisearch" ? meiliConnectionFromEnv() : null });

// E-mail goes out over SMTP_URL, or as .eml files under data/mail without it.
const mail = startMailWorker({ db, send: createMailTransport({ smtpUrl: process.env.SMTP_URL, mailDir: path.join(dataDir, "mail") }) });

const build = (await import(path.resolve("build/index.js"))) as ServerBuild;

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", true);
app.use((req, _res, next) => {
  // Headers the app trusts are set here, never taken from the client.
  req.headers["x-request-id"] = randomBytes(4).toString("hex");
  req.headers[clientAddressHeader] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
});
app.use((req, res, next) => {
  if (isCrossSiteRequest({ method: req.method, headers: req.headers, host: req.get("host") })) {
    res.status(403).type("text/plain").send("Forbidden: cross-site request.");
    return;
  }
  next();
});
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const server = app.listen(port, () => {
  console.info(`Social Trade Lund on http://localhost:${port} (database ${databasePath()}, search ${search.engine})`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await mail.stop();
  await requestSearchSync.stop();
  await search.stop();
  await db.destroy();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
