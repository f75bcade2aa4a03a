/**
 * The built server on a file system that fills up: its SQLite database lives on a 16 MiB tmpfs
 * mounted in a mount namespace of the server's own (`unshare`, so nothing outside the test sees
 * it), and the test fills that file system through /proc/<pid>/root. While it is full, a write
 * answers 503 with the page that says the disk is full, the log names SQLITE_FULL (never "cannot
 * rollback - no transaction is active"), /readyz and /healthz say the database cannot write, and
 * reads still work; once space is freed, readiness and writes come back without a restart.
 * SQLite only: the file system under a PostgreSQL server is that server's.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { sv } from "../../app/locales/sv";
import { freePort, waitUntilAnswering } from "../../search/meili-process.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let child: ChildProcess;
let baseUrl: string;
let mountPoint: string;
let output = "";

/** The tmpfs as the server's mount namespace has it. */
const onServersDisk = (name: string) => `/proc/${child.pid}/root${mountPoint}/${name}`;

beforeAll(async () => {
  mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), "stl-full-disk-"));
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: path.join(mountPoint, "app.sqlite"),
    PORT: String(port),
    NODE_ENV: "production",
    MEILI_DISABLED: "1",
    WEB_CONCURRENCY: "1",
    STL_MOUNT: mountPoint,
    STL_DEMO: inject("demoSqliteFile"),
  };
  for (const name of ["DATABASE_URL", "MEILI_HOST", "MEILI_MASTER_KEY", "TRUST_PROXY"]) delete env[name];
  // unshare and sh exec, so the pid is the server's once it runs.
  child = spawn(
    "unshare",
    [
      "--map-root-user",
      "--mount",
      "sh",
      "-c",
      'mount -t tmpfs -o size=16m tmpfs "$STL_MOUNT" && cp "$STL_DEMO" "$STL_MOUNT/app.sqlite" && exec "$0" build/server.js',
      process.execPath,
    ],
    { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitUntilAnswering(`${baseUrl}/healthz`, child, 120_000);
  } catch (error) {
    throw new Error(`The server did not start: ${(error as Error).message}\n${output}`);
  }
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

/** Writes zeros until the file system refuses more. */
function fillDisk(file: string): void {
  const fd = fs.openSync(file, "w");
  try {
    for (const size of [1024 * 1024, 4096, 512]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOSPC") break;
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

const signUp = (n: number) =>
  fetch(`${baseUrl}/signup`, {
    method: "POST",
    body: new URLSearchParams({ name: `Disk ${n}`, email: `disk-${n}@example.org`, password: "a-long-password" }),
    redirect: "manual",
  });

describe("a full disk under the database", () => {
  it("gives 503 with a clear page and log, fails readiness, keeps reads, and recovers when space is freed", async () => {
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    // The write-ahead log is folded into the database and emptied, so the next commit must grow it.
    const database = new SQLite(onServersDisk("app.sqlite"));
    database.pragma("wal_checkpoint(TRUNCATE)");
    database.close();
    fillDisk(onServersDisk("filler"));

    const refused = await signUp(1);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toContain(sv["error.databaseFull"]);
    const ready = await fetch(`${baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, reason: "database disk full" });
    // Past the interval of readiness's own write, that write fails too.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(await (await fetch(`${baseUrl}/readyz`)).json()).toMatchObject({ ready: false, reason: "database disk full" });
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ database: "full" });
    expect(output).toMatch(/The database cannot write: its disk is full \(SQLITE_FULL/);
    expect(output).not.toContain("cannot rollback");
    // Reading needs no space.
    expect((await fetch(`${baseUrl}/organisations/fontanhuset-lund`)).status).toBe(200);

    fs.rmSync(onServersDisk("filler"));
    await vi.waitFor(async () => expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200), { timeout: 15_000, interval: 500 });
    const accepted = await signUp(2);
    expect(accepted.status).toBe(302);
  });
});
