import { type Kysely, type RawBuilder, sql } from "kysely";
import { databaseKind, type DB } from "../db/client.server";
import type { Database } from "../db/schema";
import type { EmbeddedEngineName, OrganisationDocument, SearchEngine } from "./documents";
import { ensureFtsRows, FtsSearchEngine, writeFtsRow, writeFtsRows } from "./fts.server";
import { PostgresSearchEngine, writePostgresSearchRow, writePostgresSearchRows } from "./postgres-search.server";
import { buildRequestDocuments } from "./requests/documents.server";
import type { RequestDocument, RequestTextSearch } from "./requests/documents";
import { FtsRequestSearch, writeRequestFtsRow } from "./requests/fts.server";
import { PostgresRequestSearch, writePostgresRequestRow } from "./requests/postgres-search.server";

/**
 * The embedded search index is the database's own: FTS5 tables on SQLite, tsvector tables on
 * PostgreSQL (decision 014). This module is the one place that chooses between them, so models,
 * routes and the change-recording code never learn which database they write to.
 */

/** What logs, /healthz and the search runtime call the embedded engine of this database. */
export function embeddedEngineName(db: Kysely<Database>): EmbeddedEngineName {
  return databaseKind(db) === "postgres" ? "postgres" : "fts5";
}

/** How the log names the embedded engine of this database. */
export function embeddedEngineDescription(db: Kysely<Database>): string {
  return databaseKind(db) === "postgres" ? "PostgreSQL full-text" : "SQLite FTS5";
}

export function embeddedSearchEngine(db: DB): SearchEngine {
  return databaseKind(db) === "postgres" ? new PostgresSearchEngine(db) : new FtsSearchEngine(db);
}

export function embeddedRequestSearch(db: DB): RequestTextSearch {
  return databaseKind(db) === "postgres" ? new PostgresRequestSearch(db) : new FtsRequestSearch(db);
}

/** The embedded row of one organisation, in the transaction of its change (none when unlisted). */
export async function writeEmbeddedSearchRow(trx: Kysely<Database>, organisationId: number, document: OrganisationDocument | undefined): Promise<void> {
  if (databaseKind(trx) === "postgres") await writePostgresSearchRow(trx, organisationId, document);
  else await writeFtsRow(trx, organisationId, document);
}

/** The embedded rows of these organisations, in the caller's transaction. */
export async function writeEmbeddedSearchRows(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (databaseKind(db) === "postgres") await writePostgresSearchRows(db, ids);
  else await writeFtsRows(db, ids);
}

/** The embedded row of one request, in the transaction of its change (none for a draft). */
export async function writeEmbeddedRequestRow(trx: Kysely<Database>, requestId: number, document: RequestDocument | undefined): Promise<void> {
  if (databaseKind(trx) === "postgres") await writePostgresRequestRow(trx, requestId, document);
  else await writeRequestFtsRow(trx, requestId, document);
}

/**
 * Fills the embedded index when its rows do not match what is listed, as after a migration that
 * made its tables anew or a copy into PostgreSQL: run once the migrations are done, before the
 * site serves. True when it rebuilt something.
 */
export async function ensureEmbeddedSearchRows(db: Kysely<Database>): Promise<boolean> {
  const count = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(db)).rows[0]?.n ?? 0);
  const publishedRequests = sql<{ n: number }>`select count(*) as n from request where status <> 'draft'`;
  if (databaseKind(db) !== "postgres") {
    const organisationsRebuilt = await ensureFtsRows(db);
    const requestsCurrent = (await count(sql`select count(*) as n from request_fts`)) === (await count(publishedRequests));
    if (!requestsCurrent) {
      await sql`delete from request_fts`.execute(db);
      const ids = (await db.selectFrom("request").select("id").where("status", "!=", "draft").orderBy("id").execute()).map((r) => r.id);
      await inBatches(db, ids, async (trx, batch) => {
        for (const document of await buildRequestDocuments(trx, batch)) await writeRequestFtsRow(trx, document.id, document);
      });
    }
    return organisationsRebuilt || !requestsCurrent;
  }
  const organisationsCurrent =
    (await count(sql`select count(*) as n from organisation_search`)) === (await count(sql`select count(*) as n from organisation where status = 'active'`));
  const requestsCurrent = (await count(sql`select count(*) as n from request_search`)) === (await count(publishedRequests));
  if (!organisationsCurrent) {
    await sql`delete from organisation_search`.execute(db);
    const ids = (await db.selectFrom("organisation").select("id").where("status", "=", "active").orderBy("id").execute()).map((r) => r.id);
    await inBatches(db, ids, writePostgresSearchRows);
  }
  if (!requestsCurrent) {
    await sql`delete from request_search`.execute(db);
    const ids = (await db.selectFrom("request").select("id").where("status", "!=", "draft").orderBy("id").execute()).map((r) => r.id);
    await inBatches(db, ids, async (trx, batch) => {
      for (const document of await buildRequestDocuments(trx, batch)) await writePostgresRequestRow(trx, document.id, document);
    });
  }
  return !organisationsCurrent || !requestsCurrent;
}

/** A thousand rows per transaction (or in the caller's transaction, where there is one). */
async function inBatches(db: Kysely<Database>, ids: number[], write: (trx: Kysely<Database>, batch: number[]) => Promise<void>): Promise<void> {
  for (let start = 0; start < ids.length; start += 1_000) {
    const batch = ids.slice(start, start + 1_000);
    if (db.isTransaction) await write(db, batch);
    else await db.transaction().execute((trx) => write(trx, batch));
  }
}
