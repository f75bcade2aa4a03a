import { sql } from "kysely";
import { type DB, databaseKind } from "./client.server";

/**
 * A value that changes with every committed write, by this process or any other: what in-memory
 * caches compare to know that what they hold may be stale.
 *
 * - SQLite: `data_version` changes with every commit by any OTHER connection or process, and
 *   `total_changes()` with every row this connection changed; asked on the connection that
 *   writes, together they cover every write.
 * - PostgreSQL: the write-ahead log's insert position. Every commit of a transaction that wrote
 *   moves it, whichever server or connection made it. PostgreSQL's own housekeeping moves it too;
 *   that only costs a cache miss.
 */
export async function changeVersion(db: DB): Promise<string> {
  if (databaseKind(db) === "postgres") {
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(db);
    return rows[0].lsn;
  }
  const { rows } = await sql<{ c: number; v: number }>`select total_changes() as c, (select data_version from pragma_data_version) as v`.execute(db);
  return `${rows[0].v}:${rows[0].c}`;
}
