import { Migrator, sql } from "kysely";
import { expect } from "vitest";
import type { DB } from "../../../db/client.server";
import { migrations } from "../../../db/migrations";

/**
 * Takes the database back to just before migration `name`, as an installation that had not yet
 * run it (later migrations are undone first), and checks that every step went.
 */
export async function migrateBackBefore(db: DB, name: string): Promise<void> {
  const names = Object.keys(migrations).sort();
  const previous = names[names.indexOf(name) - 1];
  const back = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(previous);
  expect(back.error).toBeUndefined();
  expect(back.results?.map((r) => r.migrationName)).toContain(name);
  expect(back.results?.every((r) => r.status === "Success")).toBe(true);
}

/** How many rows each table has, to show that a migration's way back and forward lost none. */
export async function rowCounts(db: DB, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}
