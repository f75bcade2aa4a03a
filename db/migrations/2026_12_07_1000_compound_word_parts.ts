import { type Kysely, sql } from "kysely";
import { databaseKind } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// The embedded search indexes learn Swedish compound words (decision 017): each organisation and
// request row gets a column of the parts of its compound words ("Lunchsallader" → "sallader"),
// ranked below whole words. CPV codes typed with the hand-made list's wrong check digit
// (15894000-3, "Beredda livsmedel") become the vocabulary's 15894000-1.
// The search tables are derived data, so they are made anew and empty here; the server fills
// them when it starts (`ensureEmbeddedSearchRows` in search/embedded-index.server.ts), as
// `npm run db:migrate` does.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["offering", "request", "pilot_procurement"]) {
    await db.updateTable(table).set({ cpv_code: "15894000-1" }).where("cpv_code", "=", "15894000-3").execute();
  }
  await makeSearchTables(db, { parts: true });
}

export async function down(db: Kysely<any>): Promise<void> {
  // The corrected check digit stays: 15894000-3 is no CPV code.
  await makeSearchTables(db, { parts: false });
}

/** The search tables of the database anew and empty, with or without the compound parts. */
async function makeSearchTables(db: Kysely<any>, { parts }: { parts: boolean }): Promise<void> {
  const partsColumn = parts ? sql`, parts` : sql``;
  if (databaseKind(db) === "sqlite") {
    await sql`drop table organisation_fts`.execute(db);
    await sql`create virtual table organisation_fts using fts5(
      name, offerings, description, sites${partsColumn},
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    await sql`drop table request_fts`.execute(db);
    await sql`create virtual table request_fts using fts5(
      title, body${partsColumn},
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
    return;
  }
  // PostgreSQL: the parts share weight D with the delivery sites, which only the term as typed
  // matches, as the parts are stored with their synonyms already (search/postgres-search.server.ts).
  const partsText = parts ? sql`, parts text not null` : sql``;
  const organisationParts = parts ? sql` || ' ' || parts` : sql``;
  await sql`drop table organisation_search`.execute(db);
  await sql`create table organisation_search (
    organisation_id integer primary key references organisation (id) on delete cascade,
    name text not null,
    offerings text not null,
    description text not null,
    sites text not null${partsText},
    document tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, search_unaccent(name)), 'A') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(offerings)), 'B') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(description)), 'C') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(sites${organisationParts})), 'D')
    ) stored
  )`.execute(db);
  await sql`create index organisation_search_document on organisation_search using gin (document)`.execute(db);
  await sql`create index organisation_search_trigrams on organisation_search
    using gin (search_unaccent(name || ' ' || offerings || ' ' || description) gin_trgm_ops)`.execute(db);

  // Requests have two weights in use: the parts take C.
  const requestParts = parts ? sql` ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(parts)), 'C')` : sql``;
  await sql`drop table request_search`.execute(db);
  await sql`create table request_search (
    request_id integer primary key references request (id) on delete cascade,
    title text not null,
    body text not null${partsText},
    document tsvector generated always as (
      setweight(to_tsvector('simple'::regconfig, search_unaccent(title)), 'A') ||
      setweight(to_tsvector('simple'::regconfig, search_unaccent(body)), 'B')${requestParts}
    ) stored
  )`.execute(db);
  await sql`create index request_search_document on request_search using gin (document)`.execute(db);
  await sql`create index request_search_trigrams on request_search
    using gin (search_unaccent(title || ' ' || body) gin_trgm_ops)`.execute(db);
}
