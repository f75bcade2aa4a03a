import { type Kysely, sql } from "kysely";
import { databaseKind } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// PostgreSQL's embedded search (search/postgres-search.server.ts), its stand-in for SQLite's FTS5
// tables. The tables are derived data: made empty here and filled from the organisations and
// requests by `ensureSearchRows` (server start, `npm run db:migrate`, `npm run db:copy-to-postgres`).
export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL only: SQLite has its FTS5 tables (2026_11_26_2000_initial, 2026_11_28_0900) and
  // executes nothing here, so installations on SQLite are unaffected.
  if (databaseKind(db) !== "postgres") return;
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  // unaccent() is only STABLE (it reads its dictionary by name through the search path), so an
  // index or generated column cannot use it. The wrapper names dictionary and function with the
  // schema the extension lives in, which makes IMMUTABLE true for it.
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'unaccent'`.execute(db);
  const schema = rows[0].schema;
  await sql`create or replace function search_unaccent(text) returns text
    language sql immutable parallel safe strict
    as ${sql.lit(`select ${quoteIdent(schema)}.unaccent('${quoteIdent(schema)}.unaccent'::regdictionary, $1)`)}`.execute(db);

  // The text columns hold the words as the query tokeniser splits them (search/highlight.ts), so
  // documents and queries are split alike. The 'simple' configuration only lower-cases: no
  // stemming and no stop words, as FTS5's unicode61; prefixes and synonyms do the rest.
  // Weights: name A, offerings B, descriptions C, delivery sites D (matched only by the literal term).
  await sql`create table organisation_search (
    organisation_id integer primary key references organisation (id) on delete cascade,
    name text not null,
    offerings text not null,
    description text not null,
    sites text not null,
    document tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, search_unaccent(name)), 'A') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(offerings)), 'B') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(description)), 'C') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(sites)), 'D')
    ) stored
  )`.execute(db);
  await sql`create index organisation_search_document on organisation_search using gin (document)`.execute(db);
  // Typo tolerance: rows whose words are similar to a term that matched nothing (pg_trgm's
  // strict word similarity, `<<%`); delivery sites are left out, as they match only as typed.
  await sql`create index organisation_search_trigrams on organisation_search
    using gin (search_unaccent(name || ' ' || offerings || ' ' || description) gin_trgm_ops)`.execute(db);

  await sql`create table request_search (
    request_id integer primary key references request (id) on delete cascade,
    title text not null,
    body text not null,
    document tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, search_unaccent(title)), 'A') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(body)), 'B')
    ) stored
  )`.execute(db);
  await sql`create index request_search_document on request_search using gin (document)`.execute(db);
  await sql`create index request_search_trigrams on request_search
    using gin (search_unaccent(title || ' ' || body) gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // PostgreSQL only, as up(). The extensions stay: other database objects may use them.
  if (databaseKind(db) !== "postgres") return;
  await sql`drop table request_search`.execute(db);
  await sql`drop table organisation_search`.execute(db);
  await sql`drop function search_unaccent(text)`.execute(db);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
