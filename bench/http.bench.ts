/**
 * `npm run bench:http`: the built server (`node build/server.js`, NODE_ENV=production, demo data)
 * against a bare node:http server that answers the very same bytes for the same paths, loaded by
 * `wrk` (2 threads, 10 connections, gzip accepted), the two interleaved run by run in one process
 * tree. Prints req/s, p50, p99 and the server's CPU time per request for both, the app's share of
 * the bare server's rate, and the generator's ceiling: wrk against the bare server answering two
 * bytes. A figure means something only when the generator could have driven far more (the bare
 * server at least 5× the app): otherwise it measures wrk, not the server.
 *
 * BENCH_SECONDS (default 6) per run; BENCH_RUNS (default 3) runs per figure, each figure the median;
 * BENCH_WARMUP (default 30) seconds of unmeasured load first for each rendered (signed-in) page: on
 * this 2-core machine a fresh server reaches its steady speed only after about half a minute, as V8
 * optimises the render on the same two busy cores (a cached page needs 5 s); BENCH_ONLY=text
 * measures only the pages whose label contains it; BENCH_CONNECTIONS (default 10).
 * BENCH_BEFORE=/path/to/another/checkout (built) runs that checkout's server too, in the same
 * interleaving, for a before/after comparison in one run. Run `npm run build` first. Figures are
 * printed, never asserted; wrk must be installed (the benchmark says how).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort, waitUntilAnswering } from "../search/meili-process.server";
import { median, medianBy } from "./median";
import { type LoadResult, loadWithWrk, requireWrk } from "./wrk";

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const warmUpSeconds = Number(process.env.BENCH_WARMUP ?? 30);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const gzip = { "Accept-Encoding": "gzip" };
const ceilingPath = "/__ceiling";

// Bare mode: serve the captured answers of the app, byte for byte, and two bytes for the ceiling.
if (process.argv[2] === "--bare") {
  const dir = process.argv[3];
  const pages = JSON.parse(fs.readFileSync(path.join(dir, "pages.json"), "utf8")) as Captured[];
  const answers = new Map(pages.map((p) => [p.path, { body: fs.readFileSync(path.join(dir, p.file)), headers: p.headers }]));
  answers.set(ceilingPath, { body: Buffer.from("ok"), headers: { "content-type": "text/plain" } });
  http
    .createServer((req, res) => {
      const answer = answers.get(req.url ?? "");
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { ...answer.headers, "content-length": answer.body.length }).end(answer.body);
    })
    .listen(Number(process.argv[4]), "127.0.0.1");
} else {
  await main();
}

interface Captured {
  path: string;
  file: string;
  headers: Record<string, string>;
}

interface Page {
  label: string;
  path: string;
  signedIn: boolean;
}

interface App {
  name: string;
  url: string;
  process: ChildProcess;
  cookie: string;
}

interface Figure extends LoadResult {
  /** Server CPU (user + system, the server and its workers) per answered request, ms. */
  cpu: number;
}

async function main(): Promise<void> {
  requireWrk();
  if (!fs.existsSync("build/server.js")) throw new Error("Run `npm run build` first.");
  const before = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : null;
  if (before && !fs.existsSync(path.join(before, "build/server.js"))) throw new Error(`BENCH_BEFORE: no build/server.js in ${before}.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-"));
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM"));
  process.once("exit", stopAll);
  const started = new Date();
  const loadAtStart = os.loadavg();
  try {
    const apps: App[] = [];
    for (const [name, cwd] of [["app", process.cwd()], ...(before ? [["before", before]] : [])] as const) {
      const app = await startApp(name, cwd, path.join(dir, name));
      children.push(app.process);
      apps.push(app);
    }
    const app = apps[0];
    const pages = await pagesOf(app);
    const captured = await capture(app, pages, dir);
    const barePort = await freePort();
    const bare = spawn(process.execPath, ["--import", "tsx", "bench/http.bench.ts", "--bare", dir, String(barePort)], { stdio: "inherit" });
    children.push(bare);
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitUntilAnswering(`${bareUrl}${ceilingPath}`, bare, 30_000);

    console.info(
      `\n${started.toISOString()}: load average ${loadAtStart.map((l) => l.toFixed(2)).join(", ")} (1, 5, 15 min) on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), node ${process.version}, WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? "default"}.`,
    );
    console.info(`wrk, 2 threads, ${connections} connections, gzip accepted; ${seconds} s per run, the median of ${runs} interleaved runs per figure.\n`);
    const ceiling = medianBy(await repeat(() => loadWithWrk({ url: `${bareUrl}${ceilingPath}`, seconds, connections })), (r) => r.rps);
    console.info(`Generator's ceiling (wrk against the bare server answering "ok"): ${ceiling.rps} req/s, p99 ${ceiling.p99} ms.\n`);

    const columns = ["page", "app req/s", "app p50", "app p99", "app CPU/request", "bare req/s", "app / bare", "bare / app"];
    if (before) columns.push("before req/s", "before p99", "before CPU/request", "app / before");
    console.info(`| ${columns.join(" | ")} |`);
    console.info(
      `|---|${columns
        .slice(1)
        .map(() => "---:")
        .join("|")}|`,
    );
    const appRates: number[] = [];
    for (const [i, page] of pages.entries()) {
      const warm = page.signedIn ? warmUpSeconds : Math.min(5, warmUpSeconds);
      for (const a of apps) await loadWithWrk({ url: `${a.url}${page.path}`, seconds: warm, connections, headers: headersFor(a, page) });
      const figures = new Map<string, Figure[]>(apps.map((a) => [a.name, []]));
      const bares: LoadResult[] = [];
      for (let run = 0; run < runs; run++) {
        // Interleaved, so that whatever else the machine does falls on all of them alike.
        for (const a of apps) figures.get(a.name)!.push(await measureApp(a, page));
        bares.push(await loadWithWrk({ url: `${bareUrl}${captured[i].path}`, seconds, connections, headers: gzip }));
      }
      const a = medianFigure(figures.get("app")!);
      const b = medianBy(bares, (r) => r.rps);
      appRates.push(a.rps);
      const cells = [
        page.label,
        a.rps,
        `${a.p50} ms`,
        `${a.p99} ms`,
        `${a.cpu.toFixed(2)} ms`,
        b.rps,
        percent(a.rps / b.rps),
        `${(b.rps / a.rps).toFixed(1)}×`,
      ];
      if (before) {
        const x = medianFigure(figures.get("before")!);
        cells.push(x.rps, `${x.p99} ms`, `${x.cpu.toFixed(2)} ms`, `${(a.rps / x.rps).toFixed(2)}×`);
      }
      const errors = [...figures.values()].flat().reduce((sum, f) => sum + f.errors, 0);
      console.info(`| ${cells.join(" | ")} |${errors ? ` (${errors} errors or non-2xx/3xx)` : ""}`);
    }
    const fastest = Math.max(...appRates);
    console.info(
      `\nThe generator's ceiling is ${(ceiling.rps / fastest).toFixed(1)}× the fastest app figure (${fastest} req/s)` +
        (ceiling.rps >= 5 * fastest ? ": wrk is not what limits the app's figures." : ": UNDER 5×, so the app's figures may be wrk's limit, not the app's."),
    );
    console.info(
      `Load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")} (${new Date().toISOString()}).`,
    );
    for (const a of apps) {
      const meiliPid = Number(fs.readFileSync(path.join(dir, a.name, "meili", "meilisearch.pid"), "utf8").trim());
      console.info(
        `Resident memory (${a.name}): server ${processTree(a.process.pid!).reduce((s, pid) => s + rssMb(pid), 0)} MB with its workers, bundled Meilisearch ${rssMb(meiliPid)} MB.`,
      );
    }
  } finally {
    stopAll();
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function startApp(name: string, cwd: string, dataDir: string): Promise<App> {
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: path.join(dataDir, "app.sqlite"),
      MEILI_HOST: "",
      MEILI_MASTER_KEY: "",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/readyz`, child, 120_000);
  // Let the search index settle so every run sees the same engine.
  for (let i = 0; i < 300; i++) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { outbox: { length: number } | null };
    if (health.outbox?.length === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name, url, process: child, cookie: await signIn(url) };
}

async function pagesOf(app: App): Promise<Page[]> {
  const directory = await (await fetch(`${app.url}/organisations`)).text();
  const slug = /href="\/organisations\/([a-z0-9-]+)"/.exec(directory)?.[1];
  const requestId = /href="\/requests\/(\d+)"/.exec(await (await fetch(`${app.url}/requests`)).text())?.[1];
  const pages: Page[] = [
    { label: "`/` anonymous", path: "/", signedIn: false },
    { label: "`/organisations` anonymous", path: "/organisations", signedIn: false },
    { label: "`/organisations?q=sallad` anonymous", path: "/organisations?q=sallad", signedIn: false },
    ...(slug ? [{ label: "a profile, anonymous", path: `/organisations/${slug}`, signedIn: false }] : []),
    { label: "`/requests` anonymous", path: "/requests", signedIn: false },
    ...(requestId ? [{ label: "a request, anonymous", path: `/requests/${requestId}`, signedIn: false }] : []),
    { label: "`/organisations` signed in", path: "/organisations", signedIn: true },
    { label: "`/requests` signed in", path: "/requests", signedIn: true },
  ];
  const only = process.env.BENCH_ONLY;
  return only ? pages.filter((p) => p.label.includes(only)) : pages;
}

/** What the app answers for each page, for the bare server to answer the same. */
async function capture(app: App, pages: Page[], dir: string): Promise<Captured[]> {
  const captured: Captured[] = [];
  for (const [i, page] of pages.entries()) {
    // The second answer: an anonymous page then comes from the HTML cache, as under load.
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await rawGet(`${app.url}${page.path}`, headersFor(app, page));
      if (attempt === 0) continue;
      if (answer.status !== 200) throw new Error(`${page.path} answered ${answer.status}.`);
      const file = `page-${i}`;
      fs.writeFileSync(path.join(dir, file), answer.body);
      const headers: Record<string, string> = {};
      for (const name of ["content-type", "content-encoding", "content-security-policy", "vary", "cache-control", "etag"]) {
        const value = answer.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      captured.push({ path: `/page-${i}`, file, headers });
    }
  }
  fs.writeFileSync(path.join(dir, "pages.json"), JSON.stringify(captured));
  return captured;
}

/** The answer as sent (still compressed): fetch would decompress it. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

function headersFor(app: App, page: Page): Record<string, string> {
  return page.signedIn ? { ...gzip, Cookie: app.cookie } : gzip;
}

async function measureApp(app: App, page: Page): Promise<Figure> {
  const processes = processTree(app.process.pid!);
  const cpuBefore = cpuMilliseconds(processes);
  const result = await loadWithWrk({ url: `${app.url}${page.path}`, seconds, connections, headers: headersFor(app, page) });
  return { ...result, cpu: (cpuMilliseconds(processes) - cpuBefore) / Math.max(1, result.requests) };
}

/** The run with the median throughput stands for all, its latency with it; CPU is the median of the runs. */
function medianFigure(figures: Figure[]): Figure {
  return { ...medianBy(figures, (f) => f.rps), cpu: median(figures.map((f) => f.cpu)) };
}

async function repeat<T>(measure: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure());
  return results;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

async function signIn(appUrl: string): Promise<string> {
  const response = await fetch(`${appUrl}/login`, {
    method: "POST",
    headers: { Origin: appUrl },
    body: new URLSearchParams({ email: "coordinator@example.org", password: "demo-password" }),
    redirect: "manual",
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 302 || !cookie) throw new Error(`Signing in for the benchmark failed (${response.status}).`);
  return cookie;
}

/** The server and its HTTP workers (its child processes), Meilisearch left out. */
function processTree(pid: number): number[] {
  const children = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      const stat = readStat(Number(entry));
      return stat !== null && Number(stat[1]) === pid && !stat[0].includes("meilisearch");
    })
    .map(Number);
  return [pid, ...children];
}

/**
 * The CPU time (user + system) the processes have used, in ms. Per request, this figure depends
 * far less on what else the machine runs than req/s does.
 */
function cpuMilliseconds(pids: number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  return pids.reduce((sum, pid) => {
    const stat = readStat(pid);
    return stat ? sum + (Number(stat[11]) + Number(stat[12])) * tick : sum;
  }, 0);
}

/** /proc/PID/stat from the command name on: [name, ppid, ...], or null once the process is gone. */
function readStat(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const name = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
    return [
      name,
      ...text
        .slice(text.lastIndexOf(")") + 2)
        .split(" ")
        .slice(1),
    ];
  } catch {
    return null;
  }
}

function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}
