/**
 * `npm run bench:render [path] [requests]`: the server time of one page without HTTP. The built
 * Remix handler (`build/index.js`, run `npm run build` first) answers a signed-in coordinator's
 * GET of the path (default `/organisations`) in this process, on a fresh demo database with the
 * FTS5 engine; after 100 warm-up requests it prints wall and CPU milliseconds per request.
 * Figures vary by ±15 % from run to run on the 2-core machine; compare builds in interleaved runs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { migrateToLatest, openDatabase, useDatabase } from "../db/client.server";
import { seedDemo } from "../seed/demo.server";

const url = process.argv[2] ?? "/organisations";
const requests = Number(process.argv[3] ?? 500);
if (!fs.existsSync("build/index.js")) throw new Error("Run `npm run build` first.");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-render-"));
process.env.DATABASE_PATH = path.join(dir, "app.sqlite");
process.env.MEILI_DISABLED = "1";
const db = openDatabase(process.env.DATABASE_PATH);
useDatabase(db);
try {
  await migrateToLatest(db);
  await seedDemo(db);
  const build = (await import(path.resolve("build/index.js"))) as ServerBuild;
  const handle = createRequestHandler(build, "production");
  const login = await handle(
    new Request("http://bench/login", {
      method: "POST",
      body: new URLSearchParams({ email: "coordinator@example.org", password: "demo-password" }),
      headers: { "content-type": "application/x-www-form-urlencoded", "x-request-id": "bench", "x-client-address": "127.0.0.1" },
    }),
  );
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (login.status !== 302 || !cookie) throw new Error(`Signing in failed (${login.status}).`);
  const get = async () => {
    const response = await handle(new Request(`http://bench${url}`, { headers: { cookie, "x-request-id": "bench" } }));
    return { status: response.status, bytes: (await response.text()).length };
  };
  for (let i = 0; i < 100; i++) await get();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let last = { status: 0, bytes: 0 };
  for (let i = 0; i < requests; i++) last = await get();
  const wall = (performance.now() - started) / requests;
  const used = process.cpuUsage(cpu);
  console.log(`${url} signed in: ${last.status}, ${last.bytes} bytes; ${requests} requests, wall ${wall.toFixed(2)} ms, CPU ${((used.user + used.system) / 1000 / requests).toFixed(2)} ms per request`);
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
