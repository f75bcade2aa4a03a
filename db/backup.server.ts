import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { databaseLocation, databasePath, describeDatabase } from "./client.server";

/** `PRAGMA integrity_check` of a database file: "ok", or what is wrong. */
export function integrityCheck(file: string): string {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
  } finally {
    sqlite.close();
  }
}

/**
 * `npm run backup` and `npm run restore` copy the SQLite file: with a PostgreSQL DATABASE_URL they
 * stop at once and name PostgreSQL's own tool instead (README, "PostgreSQL").
 */
export function exitUnlessSqlite(instead: string): void {
  if (databaseLocation() === databasePath()) return;
  console.error(`DATABASE_URL names PostgreSQL (${describeDatabase()}): ${instead} instead.`);
  process.exit(2);
}

/** Rows per table, to compare a backup with what it was taken from. */
export function tableCounts(file: string): Record<string, number> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'organisation_fts_%' order by name")
      .all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
  } finally {
    sqlite.close();
  }
}

/** The largest step better-sqlite3 passes to sqlite3_backup_step: every page left, at once. */
const allRemainingPages = 0x7fffffff;

/**
 * An online backup of the live database into `target`, with SQLite's backup API (better-sqlite3),
 * while the server keeps reading and writing: the copy is one consistent snapshot. It is written
 * beside the target, checked with integrity_check, fsynced, and only then renamed into place.
 */
export async function backupDatabase({ source, target }: { source: string; target: string }): Promise<{ pages: number; integrity: string }> {
  const dest = path.resolve(target);
  const partial = `${dest}.partial`;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.rmSync(partial, { force: true });
  const sqlite = new SQLite(source, { fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  let pages = 0;
  try {
    // All remaining pages in one step: a step copies under one read transaction, so the copy is a
    // snapshot, and WAL lets the server keep writing meanwhile. The step is not sized by the page
    // count seen so far: a write between two steps restarts the copy, and a database that grew in
    // the meantime would leave pages over, again and again, while the site keeps taking writes.
    const result = await sqlite.backup(partial, {
      progress: ({ totalPages }) => {
        pages = totalPages;
        return allRemainingPages;
      },
    });
    pages = result.totalPages;
  } finally {
    sqlite.close();
  }
  const integrity = integrityCheck(partial);
  if (integrity !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new Error(`The backup failed its integrity check: ${integrity}`);
  }
  const fd = fs.openSync(partial, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, dest);
  return { pages, integrity };
}

/** Where a running server records its pid (it removes the file when it stops). */
export function serverPidFile(databaseFile: string): string {
  return `${path.resolve(databaseFile)}.server-pid`;
}

export function runningServerPid(databaseFile: string): number | null {
  try {
    const pid = Number(fs.readFileSync(serverPidFile(databaseFile), "utf8").trim());
    if (!(pid > 0)) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * Restores a backup into a stopped installation: refuses while a server runs on the database;
 * checks the backup; keeps the current database as `<file>.before-restore-<time>`; copies the
 * backup into place (no stale -wal/-shm files left beside it); and marks Meilisearch for a full
 * rebuild at the next start, since its index reflects the database that was replaced.
 */
export function restoreDatabase({ backup, target }: { backup: string; target: string }): { keptAs: string | null } {
  const dest = path.resolve(target);
  const pid = runningServerPid(dest);
  if (pid) throw new Error(`A server (pid ${pid}) is running on ${dest}; stop it before restoring.`);
  const integrity = integrityCheck(backup);
  if (integrity !== "ok") throw new Error(`${backup} fails its integrity check: ${integrity}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const incoming = `${dest}.restoring`;
  fs.copyFileSync(backup, incoming);
  const fd = fs.openSync(incoming, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  let keptAs: string | null = null;
  if (fs.existsSync(dest)) {
    // Folds the current WAL into the file first, so the kept copy is whole.
    const current = new SQLite(dest);
    current.pragma("wal_checkpoint(TRUNCATE)");
    current.close();
    keptAs = `${dest}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(dest, keptAs);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${dest}${suffix}`, { force: true });
  fs.renameSync(incoming, dest);
  const restored = new SQLite(dest);
  try {
    const hasMarkers = restored.prepare("select 1 from sqlite_master where type = 'table' and name = 'search_marker'").get();
    if (hasMarkers) {
      restored.prepare("insert into search_marker (kind, index_uid, created_at, error) values ('resync', null, ?, null)").run(Date.now());
    }
    // An older backup without the table: the migration that creates it runs at the next start, and
    // the index count check there rebuilds the index when it does not match.
  } finally {
    restored.close();
  }
  return { keptAs };
}
