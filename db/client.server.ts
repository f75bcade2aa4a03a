import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, Migrator, SqliteDialect, SqliteDriver, type DatabaseConnection } from "kysely";
import { migrations } from "./migrations/index";
import { isPostgresUrl, openPostgres, withoutPassword } from "./postgres.server";
import type { Database } from "./schema";
import { withBooleans } from "./sqlite-booleans";
import { withDriver } from "./write-first-dialect";
import { reportingDiskFull } from "./write-failures";

export { databaseKind, type DatabaseKind } from "./migrations/database-kind";

export type DB = Kysely<Database>;

export function databasePath(): string {
  return process.env.DATABASE_PATH ?? "data/social-trade.db";
}

/**
 * The database this process uses: DATABASE_URL when it is a postgres:// or postgresql:// URL,
 * otherwise the SQLite file at DATABASE_PATH. The only place that chooses between the two.
 */
export function databaseLocation(): string {
  const url = process.env.DATABASE_URL ?? "";
  return isPostgresUrl(url) ? url : databasePath();
}

/** The database location as logs and messages may show it (never a password). */
export function describeDatabase(location: string = databaseLocation()): string {
  return isPostgresUrl(location) ? withoutPassword(location) : location;
}

/**
 * Opens the database at `location` (a PostgreSQL URL, or a SQLite file path) with the settings
 * every connection of this app uses.
 */
export function openDatabase(location: string = databaseLocation()): DB {
  return isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
}

/** Opens a SQLite database with the settings every connection of this app uses. */
function openSqlite(file: string): DB {
  if (file !== ":memory:") prepareDatabaseFile(file);
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  if (file !== ":memory:") restrictToOwner(file);
  // An acknowledged write survives power loss.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const settings = { database: withBooleans(sqlite) };
  return new Kysely<Database>({ dialect: withDriver(new SqliteDialect(settings), () => new ImmediateTransactionDriver(settings, sqlite)) });
}

/**
 * Every transaction begins with SQLite's write lock (BEGIN IMMEDIATE). A deferred transaction that
 * reads and then writes fails at once with "database is locked" when another process (a second
 * HTTP worker, a backup) wrote in between, whatever the busy timeout; an immediate one waits its
 * turn instead. Transactions here are short, so taking the lock first costs little.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  constructor(
    settings: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly sqlite: SQLite.Database,
  ) {
    super(settings);
  }

  /** Statements that fail on a full disk say so (db/write-failures.ts). */
  override async acquireConnection(): Promise<DatabaseConnection> {
    return reportingDiskFull(await super.acquireConnection());
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  /**
   * SQLite rolls a transaction back by itself when a statement or the COMMIT fails for a full disk
   * or an I/O error; a ROLLBACK then fails with "cannot rollback - no transaction is active", and
   * that error would replace the one that says what happened.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.sqlite.inTransaction) return;
    await super.rollbackTransaction(connection);
  }
}

/**
 * The database holds password hashes and personal data: a folder we create is 0700, and the file
 * is created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same mode).
 */
function prepareDatabaseFile(file: string): void {
  const dir = path.dirname(path.resolve(file));
  // Only a folder made here is narrowed; an existing one (perhaps /tmp) is the operator's.
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, "a", 0o600));
}

function restrictToOwner(file: string): void {
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(name)) fs.chmodSync(name, 0o600);
  }
}

export async function migrateToLatest(db: DB): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}

// Kept on globalThis: server.ts and the app's build each bundle a copy of this module, and both
// must use the one connection the server opens (and closes when it stops).
const sharedKey = Symbol.for("social-trade-lund.db");
const holder = globalThis as { [sharedKey]?: DB };

/** The one Kysely instance of this process, opened lazily on DATABASE_URL or DATABASE_PATH. */
export function db(): DB {
  holder[sharedKey] ??= openDatabase();
  return holder[sharedKey];
}

/** Lets tests and scripts point the process at another database. */
export function useDatabase(instance: DB): void {
  holder[sharedKey] = instance;
}
