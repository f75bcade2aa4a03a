/** Files holding secrets (the database, the session key) that other local users could read. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { startMeiliProcess } from "../../search/meili-process.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-files-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("9. files and processes", () => {
  it("a new data folder is 0700 and the database files 0600", async () => {
    const file = path.join(dir, "data", "app.db");
    const db = openDatabase(file);
    await db.schema.createTable("t").addColumn("x", "text").execute();
    try {
      expect(mode(path.dirname(file)).toString(8)).toBe("700");
      for (const name of [file, `${file}-wal`, `${file}-shm`]) {
        if (fs.existsSync(name)) expect(mode(name).toString(8), name).toBe("600");
      }
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it("the Meilisearch master key is not on the command line that ps shows", async () => {
    const masterKey = "a-master-key-that-must-stay-secret";
    const meili = await startMeiliProcess({ dbPath: path.join(dir, "meili"), masterKey, startTimeoutMs: 60_000 });
    try {
      const commandLine = fs.readFileSync(`/proc/${meili.pid}/cmdline`, "utf8");
      expect(commandLine).toContain("--http-addr");
      expect(commandLine).not.toContain(masterKey);
      // The key is in force: without it, the API refuses.
      expect((await fetch(`${meili.host}/indexes`)).status).toBe(401);
      expect((await fetch(`${meili.host}/indexes`, { headers: { Authorization: `Bearer ${masterKey}` } })).status).toBe(200);
    } finally {
      await meili.stop();
    }
  });
});
