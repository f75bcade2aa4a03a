/**
 * `npm run bench:databases`: the built server (NODE_ENV=production, demo data, one process each)
 * as one server on SQLite, one server on PostgreSQL, and two servers on one PostgreSQL with the
 * requests spread over both, all three against one Meilisearch, measured in the same run with wrk
 * (bench/wrk.ts) at 10 connections, gzip accepted (two servers: 5 each from two wrk processes at
 * once, figures summed). Prints req/s and p99 per page and each setup's ratio to SQLite. Run
 * `npm run build` first. PostgreSQL and Meilisearch are the embedded ones the tests use. Figures are
 * printed, never asserted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, waitUntilAnswering } from "../search/meili-process.server";
import { startTestMeilisearch } from "../tests/setup/meilisearch";
import { startTestPostgres } from "../tests/setup/postgres";
import { loadWithWrk, requireWrk } from "./wrk";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 10;

interface Result {
  rps: number;
  p99: number;
  errors: number;
}

async function measure(url: string, conns: number, cookie: string | undefined, duration = seconds): Promise<Result> {
  const headers: Record<string, string> = { "Accept-Encoding": "gzip", ...(cookie ? { Cookie: cookie } : {}) };
  const result = await loadWithWrk({ url, seconds: duration, connections: conns, threads: 1, headers });
  return { rps: result.rps, p99: result.p99, errors: result.errors };
}

/** The same load spread over several servers at once: throughputs add up, the slowest p99 counts. */
async function measureSpread(urls: string[], cookies: (string | undefined)[], duration = seconds): Promise<Result> {
  const parts = await Promise.all(urls.map((url, i) => measure(url, Math.max(1, Math.round(connections / urls.length)), cookies[i], duration)));
  return { rps: parts.reduce((s, p) => s + p.rps, 0), p99: Math.max(...parts.map((p) => p.p99)), errors: parts.reduce((s, p) => s + p.errors, 0) };
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
  if (response.status !== 302 || !cookie) throw new Error(`Signing in failed (${response.status}).`);
  return cookie;
}

async function main(): Promise<void> {
  requireWrk();
  if (!fs.existsSync("build/server.js")) throw new Error("Run `npm run build` first.");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-db-"));
  const [postgres, meili] = await Promise.all([startTestPostgres(), startTestMeilisearch()]);
  const children: ChildProcess[] = [];
  const start = async (name: string, env: Record<string, string>): Promise<string> => {
    const port = await freePort();
    const child = spawn(process.execPath, ["build/server.js"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        WEB_CONCURRENCY: "1",
        PORT: String(port),
        DATABASE_PATH: path.join(dir, `${name}.sqlite`),
        MEILI_HOST: meili.host,
        MEILI_MASTER_KEY: meili.masterKey,
        MEILI_INDEX: `bench_${name}`,
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(`${url}/readyz`, child, 120_000);
    return url;
  };
  try {
    const postgresUrl = await postgres.createDatabase("bench");
    const sqliteServer = await start("sqlite", {});
    const postgresServer = await start("postgres", { DATABASE_URL: postgresUrl });
    const secondPostgresServer = await start("postgres2", { DATABASE_URL: postgresUrl, SEED_DEMO: "false", MEILI_INDEX: "bench_postgres" });
    const setups = [
      { label: "SQLite, one server", urls: [sqliteServer] },
      { label: "PostgreSQL, one server", urls: [postgresServer] },
      { label: "PostgreSQL, two servers", urls: [postgresServer, secondPostgresServer] },
    ];
    const cookies = new Map<string, string>();
    for (const url of [sqliteServer, postgresServer, secondPostgresServer]) cookies.set(url, await signIn(url));
    const pages = [
      { label: "/", path: "/", signedIn: false },
      { label: "/organisations", path: "/organisations", signedIn: false },
      { label: "/organisations?q=sallad", path: "/organisations?q=sallad", signedIn: false },
      { label: "/organisations, signed in", path: "/organisations", signedIn: true },
      { label: "/requests, signed in", path: "/requests", signedIn: true },
    ];

    console.info(
      `\n${seconds} s per run after 2 s of warm-up, ${connections} connections, one process per server, ${os.cpus().length} cores, node ${process.version}.\n`,
    );
    console.info(
      `| page | ${setups.map((s) => `${s.label}: req/s, p99`).join(" | ")} | ${setups
        .slice(1)
        .map((s) => `${s.label} / SQLite`)
        .join(" | ")} |`,
    );
    console.info(
      `|---|${setups.map(() => "---:").join("|")}|${setups
        .slice(1)
        .map(() => "---:")
        .join("|")}|`,
    );
    for (const page of pages) {
      const results: Result[] = [];
      for (const setup of setups) {
        const urls = setup.urls.map((url) => `${url}${page.path}`);
        const pageCookies = setup.urls.map((url) => (page.signedIn ? cookies.get(url) : undefined));
        await measureSpread(urls, pageCookies, 2);
        results.push(await measureSpread(urls, pageCookies));
      }
      const sqlite = results[0].rps;
      console.info(
        `| ${page.label} | ${results.map((r) => `${r.rps}, ${r.p99} ms${r.errors ? ` (${r.errors} errors)` : ""}`).join(" | ")} | ${results
          .slice(1)
          .map((r) => `${(r.rps / sqlite).toFixed(2)}×`)
          .join(" | ")} |`,
      );
    }
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : undefined)));
    await Promise.all([meili.dispose(), postgres.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
