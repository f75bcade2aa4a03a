/**
 * `npm run bench:http`: the built server (`node build/server.js`, NODE_ENV=production, demo data)
 * against a node:http baseline that serves the very same bytes for the same paths, measured in the
 * same run with autocannon, at 10 and 50 connections. Prints req/s, p50 and p99 for both, and the
 * ratio of the app's throughput to the baseline's. Run `npm run build` first.
 *
 * BENCH_SECONDS (default 5) sets the length of each run; BENCH_WARMUP (default 30) the seconds of
 * load each page gets first, unmeasured: on this 2-core machine the HTTP workers reach their
 * steady speed only after about half a minute of load, as V8 optimises the render's code on the
 * same two busy cores (8-s runs of the signed-in directory in a row from a fresh start: 182, 263,
 * 337, 466, 441, 431 req/s); BENCH_RUNS (default 1) how many runs each figure is the median of
 * (the issue's own figures were medians of 3 runs of 10 s, on a server warmed by the pages before).
 * BENCH_ONLY=text measures only the pages whose label contains it. Figures depend on the machine
 * and on what else runs on it; they are printed, never asserted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { freePort, waitUntilAnswering } from "../search/meili-process.server";
import { medianBy } from "./median";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const warmUpSeconds = Number(process.env.BENCH_WARMUP ?? 30);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));

// Baseline mode: serve the captured responses of the app, byte for byte.
if (process.argv[2] === "--baseline") {
  const dir = process.argv[3];
  const pages = JSON.parse(fs.readFileSync(path.join(dir, "pages.json"), "utf8")) as { path: string; file: string; type: string }[];
  const bodies = new Map(pages.map((p) => [p.path, { body: fs.readFileSync(path.join(dir, p.file)), type: p.type }]));
  http
    .createServer((req, res) => {
      const page = bodies.get(req.url ?? "");
      if (!page) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": page.type, "content-length": page.body.length }).end(page.body);
    })
    .listen(Number(process.argv[4]), "127.0.0.1");
} else {
  await main();
}

interface Page {
  label: string;
  path: string;
  cookie?: string;
}

async function main(): Promise<void> {
  if (!fs.existsSync("build/server.js")) throw new Error("Run `npm run build` first.");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-"));
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM"));
  process.once("exit", stopAll);
  try {
    const appPort = await freePort();
    const app = spawn(process.execPath, ["build/server.js"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(appPort), DATABASE_PATH: path.join(dir, "app.sqlite"), MEILI_HOST: "", MEILI_MASTER_KEY: "" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(app);
    const appUrl = `http://127.0.0.1:${appPort}`;
    await waitUntilAnswering(`${appUrl}/readyz`, app, 120_000);
    // Let the search index settle so every run sees the same engine.
    for (let i = 0; i < 300; i++) {
      const health = (await (await fetch(`${appUrl}/healthz`)).json()) as { outbox: { length: number } | null };
      if (health.outbox?.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const directory = await (await fetch(`${appUrl}/organisations`)).text();
    const slug = /href="\/organisations\/([a-z0-9-]+)"/.exec(directory)?.[1];
    const cookie = await signIn(appUrl);
    const pages: Page[] = [
      { label: "/", path: "/" },
      { label: "/organisations", path: "/organisations" },
      { label: "/organisations?q=sallad", path: "/organisations?q=sallad" },
      ...(slug ? [{ label: "a profile", path: `/organisations/${slug}` }] : []),
      { label: "/organisations, signed in", path: "/organisations", cookie },
    ];
    const requests = await fetch(`${appUrl}/requests`, { redirect: "manual" });
    if (requests.status === 200) {
      pages.push({ label: "/requests", path: "/requests" });
      const id = /href="\/requests\/(\d+)"/.exec(await requests.text())?.[1];
      if (id) pages.push({ label: "a request", path: `/requests/${id}` });
    } else {
      console.info(`(/requests answers ${requests.status}: not measured)`);
    }

    // BENCH_ONLY=signed measures only the pages whose label contains it (a focused run).
    const only = process.env.BENCH_ONLY;
    if (only) pages.splice(0, pages.length, ...pages.filter((p) => p.label.includes(only)));
    // The baseline serves what the app served, for each path.
    const captured: { path: string; file: string; type: string }[] = [];
    for (const [i, page] of pages.entries()) {
      const response = await fetch(`${appUrl}${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {} });
      const file = `page-${i}`;
      fs.writeFileSync(path.join(dir, file), Buffer.from(await response.arrayBuffer()));
      captured.push({ path: baselinePath(page, i), file, type: response.headers.get("content-type") ?? "text/html" });
    }
    fs.writeFileSync(path.join(dir, "pages.json"), JSON.stringify(captured));
    const basePort = await freePort();
    const baseline = spawn(process.execPath, ["--import", "tsx", "bench/http.bench.ts", "--baseline", dir, String(basePort)], { stdio: "inherit" });
    children.push(baseline);
    const baseUrl = `http://127.0.0.1:${basePort}`;
    await waitUntilAnswering(`${baseUrl}${captured[0].path}`, baseline, 30_000);

    console.info(`\n${seconds} s per run, ${runs === 1 ? "one run" : `medians of ${runs} runs`} per figure, after ${warmUpSeconds} s of warm-up per page; WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? "default"}, ${os.cpus().length} cores, node ${process.version}. Uncompressed responses (autocannon sends no Accept-Encoding).\n`);
    console.info("| page | connections | app req/s | app p50 | app p99 | app CPU per request | baseline req/s | baseline p50 | baseline p99 | app / baseline |");
    console.info("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const [i, page] of pages.entries()) {
      // Warm-up (not measured): every HTTP worker compiles its hot code and fills its caches.
      await measure(`${appUrl}${page.path}`, 10, page.cookie, warmUpSeconds);
      for (const connections of [10, 50]) {
        const apps: (Awaited<ReturnType<typeof measure>> & { cpu: number })[] = [];
        const baselines: Awaited<ReturnType<typeof measure>>[] = [];
        for (let run = 0; run < runs; run++) {
          const processes = processTree(app.pid!);
          const cpuBefore = cpuMilliseconds(processes);
          const measured = await measure(`${appUrl}${page.path}`, connections, page.cookie);
          apps.push({ ...measured, cpu: (cpuMilliseconds(processes) - cpuBefore) / measured.total });
          baselines.push(await measure(`${baseUrl}${baselinePath(page, i)}`, connections));
        }
        // The run with the median throughput stands for all, its latency and CPU with it.
        const a = medianBy(apps, (run) => run.rps);
        const b = medianBy(baselines, (run) => run.rps);
        const cpu = a.cpu;
        const errors = apps.reduce((sum, run) => sum + run.errors, 0);
        console.info(
          `| ${page.label} | ${connections} | ${a.rps} | ${a.p50} ms | ${a.p99} ms | ${cpu.toFixed(1)} ms | ${b.rps} | ${b.p50} ms | ${b.p99} ms | ${((a.rps / b.rps) * 100).toFixed(2)} % |` +
            (errors ? ` (${errors} errors/non-2xx)` : ""),
        );
      }
    }
    const meiliPid = Number(fs.readFileSync(path.join(dir, "meili", "meilisearch.pid"), "utf8").trim());
    console.info(`\nResident memory: app ${rssMb(app.pid!)} MB, bundled Meilisearch ${rssMb(meiliPid)} MB.`);
  } finally {
    stopAll();
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function baselinePath(page: Page, i: number): string {
  return page.cookie ? `${page.path}${page.path.includes("?") ? "&" : "?"}signed-in=${i}` : page.path;
}

async function signIn(appUrl: string): Promise<string> {
  const response = await fetch(`${appUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: "coordinator@example.org", password: "demo-password" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (response.status !== 302 || !cookie) throw new Error(`Signing in for the benchmark failed (${response.status}).`);
  return cookie;
}

async function measure(url: string, connections: number, cookie?: string, duration = seconds): Promise<{ rps: number; p50: number; p99: number; errors: number; total: number }> {
  const result = await autocannon({ url, connections, duration, headers: cookie ? { cookie } : {} });
  return {
    total: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
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
    return [name, ...text.slice(text.lastIndexOf(")") + 2).split(" ").slice(1)];
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
