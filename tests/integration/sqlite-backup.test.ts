/**
 * `backupDatabase` finishes while another connection keeps writing to the database, however fast
 * the database grows. SQLite restarts a backup whose source another connection changed between
 * two steps; a copy that went step by step could restart for as long as the writes went on.
 * (The built server under sign-ups is in tests/e2e/backup-and-crash.test.ts.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { backupDatabase, integrityCheck } from "../../db/backup.server";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("an online backup of the SQLite file", () => {
  it("completes while another connection adds pages between its steps", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-backup-unit-"));
    dirs.push(dir);
    const source = path.join(dir, "live.sqlite");
    const writer = new SQLite(source);
    writer.pragma("journal_mode = WAL");
    writer.exec("create table note (id integer primary key, body blob not null)");
    const insert = writer.prepare("insert into note (body) values (?)");
    // About 600 pages to start with, so that a copy in steps of 100 pages would take several.
    const page = Buffer.alloc(4000, 7);
    writer.transaction(() => {
      for (let i = 0; i < 600; i++) insert.run(page);
    })();

    // The writer takes a turn of the event loop between every two steps of the backup, and adds a
    // page or two each time: a deterministic interleaving, not a race against the clock.
    const writesAllowed = 500;
    let writes = 0;
    let backupDone = false;
    const writing = new Promise<void>((resolve) => {
      const write = () => {
        if (backupDone || writes >= writesAllowed) return resolve();
        insert.run(page);
        writes++;
        setImmediate(write);
      };
      setImmediate(write);
    });

    const target = path.join(dir, "backup.sqlite");
    const { pages } = await backupDatabase({ source, target });
    const writesWhenDone = writes;
    backupDone = true;
    await writing;
    writer.close();

    // It finished while the writes were still going on, not because they stopped.
    expect(writesWhenDone).toBeLessThan(writesAllowed);
    expect(pages).toBeGreaterThan(600);
    expect(integrityCheck(target)).toBe("ok");
    const copy = new SQLite(target, { readonly: true });
    const { count } = copy.prepare("select count(*) as count from note").get() as { count: number };
    copy.close();
    expect(count).toBeGreaterThanOrEqual(600);
    expect(count).toBeLessThanOrEqual(600 + writesWhenDone);
  });
});
