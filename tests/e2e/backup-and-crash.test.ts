/**
 * The data survives: an online backup taken while the built server takes sign-ups restores into a
 * stopped installation with the same rows and a clean integrity check; and a server killed with
 * SIGKILL in the middle of concurrent sign-ups keeps every one it acknowledged. These are about
 * the SQLite file, so they run on SQLite in every run (PostgreSQL has pg_dump and its own WAL).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { integrityCheck, tableCounts } from "../../db/backup.server";
import { startServer, type TestServer } from "./support/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-backup-"));
  dirs.push(dir);
  return dir;
}

/**
 * Sign-ups are limited per address (10 an hour). The writers stand for many people, so the server
 * trusts one proxy and each sign-up comes from an address of its own.
 */
const behindOneProxy = { TRUST_PROXY: "1" } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv;
const addressOf = (c: number, n: number) => `10.${c}.${(n >> 8) & 255}.${n & 255}`;

/** Sign-ups over HTTP from `concurrency` clients; `acknowledged` holds the e-mails answered with 302. */
function signUps(baseUrl: string, concurrency: number) {
  const acknowledged: string[] = [];
  const errors: unknown[] = [];
  let running = true;
  let n = 0;
  const client = async (c: number) => {
    while (running) {
      const address = addressOf(c, n);
      const email = `writer-${c}-${n++}@example.org`;
      const body = new URLSearchParams({ name: `Writer ${c}`, email, password: "long enough password" });
      try {
        const response = await fetch(`${baseUrl}/signup`, { method: "POST", body, redirect: "manual", headers: { "X-Forwarded-For": address } });
        if (response.status === 302) acknowledged.push(email);
        else throw new Error(`Sign-up answered ${response.status}`);
      } catch (error) {
        errors.push(error);
        return;
      }
    }
  };
  const clients = Array.from({ length: concurrency }, (_, c) => client(c));
  return {
    acknowledged,
    /** Stops the clients; with `serverGone`, the failures of requests the server never answered are expected. */
    async stop(serverGone = false) {
      running = false;
      await Promise.all(clients);
      if (!serverGone && errors.length) throw errors[0];
    },
  };
}

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

function emailsIn(file: string): Set<string> {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return new Set((sqlite.prepare("select email from user").all() as { email: string }[]).map((r) => r.email));
  } finally {
    sqlite.close();
  }
}

describe("backup and restore", () => {
  it("backs up while the site takes writes, and restores into the stopped installation", async () => {
    const dir = tempDir();
    const database = path.join(dir, "app.sqlite");
    const backupFile = path.join(tempDir(), "backup.sqlite");
    const env = { DATABASE_PATH: database };
    const server = await startServer({ dir, env: behindOneProxy, database: "sqlite", standalone: true });
    servers.push(server);
    const writers = signUps(server.baseUrl, 3);
    await vi.waitFor(() => expect(writers.acknowledged.length).toBeGreaterThanOrEqual(10), { timeout: 60_000, interval: 20 });
    const before = [...writers.acknowledged];

    const backup = await run("db/backup.ts", [backupFile], env);
    expect(backup.code, backup.output).toBe(0);
    const atBackup = writers.acknowledged.length;
    await vi.waitFor(() => expect(writers.acknowledged.length).toBeGreaterThanOrEqual(atBackup + 5), { timeout: 60_000, interval: 20 });
    await writers.stop().catch((error) => {
      throw new Error(`${error}\n--- server output ---\n${server.output().slice(-3000)}`);
    });

    expect(integrityCheck(backupFile)).toBe("ok");
    const backedUp = tableCounts(backupFile);
    // Everything acknowledged before the backup began is in it; later sign-ups are not all there.
    const inBackup = emailsIn(backupFile);
    for (const email of before) expect(inBackup.has(email), email).toBe(true);
    expect(inBackup.size).toBeLessThan(emailsIn(database).size);

    // Not while the server runs on it.
    const refused = await run("db/restore.ts", [backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("stop it before restoring");

    server.signal("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const restored = await run("db/restore.ts", [backupFile], env);
    expect(restored.code, restored.output).toBe(0);
    expect(integrityCheck(database)).toBe("ok");
    // The same rows, and one marker asking for a Meilisearch rebuild at the next start.
    expect(tableCounts(database)).toEqual({ ...backedUp, search_marker: (backedUp.search_marker ?? 0) + 1 });
    expect(emailsIn(database)).toEqual(inBackup);
    expect(fs.readdirSync(dir).some((f) => f.startsWith("app.sqlite.before-restore-"))).toBe(true);

    const again = await startServer({ dir, env: behindOneProxy, database: "sqlite", standalone: true });
    servers.push(again);
    const ready = await fetch(`${again.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
  });
});

describe("a crash", () => {
  it("loses no acknowledged write when the built server is killed with SIGKILL during concurrent writes", async () => {
    const dir = tempDir();
    const database = path.join(dir, "app.sqlite");
    const server = await startServer({ dir, env: behindOneProxy, database: "sqlite", standalone: true });
    servers.push(server);
    const writers = signUps(server.baseUrl, 6);
    await vi.waitFor(() => expect(writers.acknowledged.length).toBeGreaterThanOrEqual(40), { timeout: 120_000, interval: 10 });
    server.signal("SIGKILL");
    expect(await server.exited).toEqual({ code: null, signal: "SIGKILL" });
    await writers.stop(true);
    const acknowledged = [...writers.acknowledged];

    expect(integrityCheck(database)).toBe("ok");
    const stored = emailsIn(database);
    const lost = acknowledged.filter((email) => !stored.has(email));
    expect(lost).toEqual([]);

    // And it starts again on the same files.
    const again = await startServer({ dir, env: behindOneProxy, database: "sqlite", standalone: true });
    servers.push(again);
    expect((await fetch(`${again.baseUrl}/readyz`)).status).toBe(200);
    expect(emailsIn(database).size).toBeGreaterThanOrEqual(acknowledged.length);
  });
});
