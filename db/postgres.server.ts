import pg from "pg";
import { CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect, PostgresDriver, type TransactionSettings } from "kysely";
import type { Database } from "./schema";
import { withDriver } from "./write-first-dialect";
import { reportingDiskFull } from "./write-failures";

/** A DATABASE_URL that names a PostgreSQL server; anything else leaves the app on SQLite. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL with its password left out, for logs and messages. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

export function poolSize(setting: string | undefined = process.env.DATABASE_POOL_SIZE): number {
  if (setting === undefined || setting === "") return 10;
  const size = Number(setting);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DATABASE_POOL_SIZE must be a whole number of connections, at least 1 (it is "${setting}").`);
  }
  return size;
}

const int8 = pg.types.builtins.INT8;

/**
 * `bigint` values (`count(*)`; epoch-millisecond times before the timestamp tidy) arrive as
 * numbers, as SQLite gives them, instead of pg's default strings. They stay far below 2^53; a
 * larger one is refused rather than rounded.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`A bigint from PostgreSQL does not fit a JavaScript number: ${text}`);
  return value;
}

const getTypeParser = ((oid: number, format?: "text" | "binary") =>
  oid === int8 && format !== "binary" ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/** Opens a pool of connections to PostgreSQL; Kysely's destroy() ends the pool. */
export function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize(), types: { getTypeParser } });
  // A connection that breaks while idle (a server restart) is dropped from the pool and the next
  // query opens a new one; without a listener the pool's error event would end the process.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost while idle: ${error.message}`));
  return new Kysely<Database>({ dialect: withDriver(new PostgresDialect({ pool }), () => new WriteLockDriver({ pool })) });
}

/**
 * The key of the advisory lock every transaction takes first; any fixed number would do, as long
 * as nothing else on the database uses it. ("STL" in ASCII.)
 */
export const writeLockKey = 0x53544c;

/**
 * Every transaction begins by taking one database-wide advisory lock, held until it commits or
 * rolls back: transactions run one after another, as on SQLite (BEGIN IMMEDIATE, decision 013),
 * whichever app server they come from. The rules that read and then write (a meeting's free
 * places, a joint bid's over-booking check, storing a plan only if its input is unchanged) rely on
 * that, and hold on PostgreSQL without a change to the models. Reads outside a transaction do not
 * wait. Writes here are few and short; a busier site would move to row locks where the rules are.
 */
class WriteLockDriver extends PostgresDriver {
  /** The pool's connection behind each connection handed out, which reports a full disk (db/write-failures.ts). */
  private readonly pooled = new WeakMap<DatabaseConnection, DatabaseConnection>();

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    const reporting = reportingDiskFull(connection);
    this.pooled.set(reporting, connection);
    return reporting;
  }

  // The driver's release and rollback use the pool's connection's own (private) methods.
  override async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await super.releaseConnection(this.poolConnectionOf(connection));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await super.rollbackTransaction(this.poolConnectionOf(connection));
  }

  private poolConnectionOf(connection: DatabaseConnection): Parameters<PostgresDriver["releaseConnection"]>[0] {
    return (this.pooled.get(connection) ?? connection) as Parameters<PostgresDriver["releaseConnection"]>[0];
  }

  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${writeLockKey})`));
  }
}
