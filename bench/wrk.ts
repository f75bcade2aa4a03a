/**
 * Load from `wrk` (the Debian package `wrk`), a load generator written in C: on this 2-core machine
 * it drives a bare node:http server at tens of thousands of requests a second, where autocannon,
 * running in Node itself, topped out near what the app served, so its "baseline" measured the
 * generator rather than the server (decision 013, seventh round).
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const reportScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "wrk-report.lua");

export interface LoadResult {
  rps: number;
  /** Latency percentiles in ms. */
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors, timeouts and answers other than 2xx/3xx. */
  errors: number;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections?: number;
  threads?: number;
  headers?: Record<string, string>;
}

/** Throws with how to install wrk when it is not on PATH. */
export function requireWrk(): void {
  const probe = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (probe.error) {
    throw new Error(
      "The HTTP benchmarks need wrk, a load generator fast enough not to be the bottleneck. Install it: " +
        "`apt-get install -y wrk` (Debian/Ubuntu), `brew install wrk` (macOS), or build it from https://github.com/wg/wrk.",
    );
  }
}

export async function loadWithWrk({ url, seconds, connections = 10, threads = 2, headers = {} }: LoadOptions): Promise<LoadResult> {
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "-s", reportScript];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}: ${value}`);
  args.push(url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  const line = output.split("\n").find((l) => l.startsWith("WRK_REPORT "));
  if (!line) throw new Error(`wrk printed no report:\n${output}`);
  const report = JSON.parse(line.slice("WRK_REPORT ".length)) as {
    requests: number;
    duration_us: number;
    p50_us: number;
    p99_us: number;
    errors: number;
  };
  return {
    requests: report.requests,
    rps: Math.round(report.requests / (report.duration_us / 1e6)),
    p50: Math.round(report.p50_us / 100) / 10,
    p99: Math.round(report.p99_us / 100) / 10,
    errors: report.errors,
  };
}
