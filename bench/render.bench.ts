/**
 * `npm run bench:render [path] [requests] [build ...]`: the server time of one page without HTTP.
 * The built app's handler (`build/server/index.js`, run `npm run build` first) answers a signed-in
 * coordinator's GET of the path (default `/organisations`) in this process, on a fresh demo
 * database with the FTS5 engine. After 150 warm-up requests it times batches of 40 and prints the
 * median and the fastest batch's wall and CPU milliseconds per request.
 *
 * Comparing builds: name several (`npm run bench:render -- /organisations 1200 ../before/build
 * build`), each the `build/` folder of a checkout with its own `node_modules`, such as a second
 * worktree of an earlier commit. A build from before the move to React Router 7 (a Remix 2
 * `build/index.js`) is answered by that checkout's own `@remix-run/node`. Their batches alternate,
 * so what else the machine does falls on both alike; the 2-core machine's figures move by ±15 %
 * from run to run, a comparison far less.
 *
 * BENCH_PROFILE=file.cpuprofile writes a CPU profile of the measured batches alone (no start-up,
 * no warm-up), to open in Chrome's DevTools or to summarise.
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "react-router";
import { migrateToLatest, openDatabase, useDatabase } from "../db/client.server";
import { seedDemo } from "../seed/demo.server";
import { median } from "./median";

const url = process.argv[2] ?? "/organisations";
const requests = Number(process.argv[3] ?? 1000);
const builds = process.argv.length > 4 ? process.argv.slice(4) : ["build"];
const batch = 40;
for (const build of builds) {
  if (!fs.existsSync(path.join(build, "server/index.js")) && !fs.existsSync(path.join(build, "index.js"))) {
    throw new Error(`No ${build}/server/index.js: run \`npm run build\` first.`);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-render-"));
process.env.DATABASE_PATH = path.join(dir, "app.sqlite");
process.env.MEILI_DISABLED = "1";
const db = openDatabase(process.env.DATABASE_PATH);
useDatabase(db);
try {
  await migrateToLatest(db);
  await seedDemo(db);
  const pages = [];
  for (const build of builds) pages.push({ build, get: await signedInPage(build), wall: [] as number[], cpu: [] as number[] });
  for (const page of pages) for (let i = 0; i < 150; i++) await page.get();
  const profiler = process.env.BENCH_PROFILE ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  for (let round = 0; round < Math.max(1, Math.round(requests / batch)); round++) {
    for (const page of pages) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < batch; i++) await page.get();
      page.wall.push((performance.now() - started) / batch);
      const used = process.cpuUsage(cpu);
      page.cpu.push((used.user + used.system) / 1000 / batch);
    }
  }
  if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    fs.writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    profiler.disconnect();
  }
  for (const page of pages) {
    const last = await page.get();
    console.log(
      `${page.build} ${url} signed in: ${last.status}, ${last.bytes} bytes; ${page.wall.length} batches of ${batch}; ` +
        `per request wall median ${median(page.wall).toFixed(2)} ms (fastest batch ${Math.min(...page.wall).toFixed(2)}), ` +
        `CPU median ${median(page.cpu).toFixed(2)} ms (fastest batch ${Math.min(...page.cpu).toFixed(2)})`,
    );
  }
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A function that GETs the page as a signed-in coordinator through the given build's handler. */
async function signedInPage(build: string): Promise<() => Promise<{ status: number; bytes: number }>> {
  const handle = await requestHandlerOf(build);
  const login = await handle(
    new Request("http://bench/login", {
      method: "POST",
      body: new URLSearchParams({ email: "coordinator@example.org", password: "demo-password" }),
      headers: { "content-type": "application/x-www-form-urlencoded", "x-request-id": "bench", "x-client-address": "127.0.0.1" },
    }),
  );
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (login.status !== 302 || !cookie) throw new Error(`Signing in failed (${login.status}).`);
  return async () => {
    const response = await handle(new Request(`http://bench${url}`, { headers: { cookie, "x-request-id": "bench" } }));
    return { status: response.status, bytes: (await response.text()).length };
  };
}

/** The request handler of a build: React Router 7's, or for a Remix 2 build its checkout's Remix. */
async function requestHandlerOf(build: string): Promise<(request: Request) => Promise<Response>> {
  const routerBuild = path.resolve(build, "server/index.js");
  if (fs.existsSync(routerBuild)) return createRequestHandler((await import(routerBuild)) as ServerBuild, "production");
  const remixBuild = path.resolve(build, "index.js");
  const remixNode = createRequire(remixBuild).resolve("@remix-run/node");
  const remix = (await import(remixNode)) as { createRequestHandler: (build: unknown, mode: string) => (request: Request) => Promise<Response> };
  return remix.createRequestHandler(await import(remixBuild), "production");
}
