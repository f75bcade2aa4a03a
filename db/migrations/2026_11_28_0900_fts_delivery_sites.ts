import { type Kysely, sql } from "kysely";
import { databaseKind } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// The embedded full-text fallback learns delivery sites ("Linero", "Stadshuset"), as Meilisearch
// already has them: a fourth column, weighted lowest. The table is derived data, so it is made
// anew and empty here; the server fills it from the organisations when it starts
// (`ensureFtsRows` in search/fts.server.ts), as `npm run db:migrate` does.
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite only: PostgreSQL has no organisation_fts; its search engine gets a migration of its own later.
  if (databaseKind(db) !== "sqlite") return;
  await sql`drop table organisation_fts`.execute(db);
  await sql`create virtual table organisation_fts using fts5(
    name, offerings, description, sites,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // SQLite only, as up().
  if (databaseKind(db) !== "sqlite") return;
  await sql`drop table organisation_fts`.execute(db);
  await sql`create virtual table organisation_fts using fts5(
    name, offerings, description,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
}
