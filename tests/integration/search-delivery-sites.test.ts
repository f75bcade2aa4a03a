/**
 * Delivery sites are searchable on the embedded engine too: "Linero" and
 * "Stadshuset" find the organisations whose capacity lines deliver there. The end-to-end suite
 * checks the same on Meilisearch. A database migrated from before the sites column gets its search
 * rows back when the migrations are followed by `ensureFtsRows`, as the server and
 * `npm run db:migrate` do.
 */
import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, type DB } from "../../db/client.server";
import { migrations } from "../../db/migrations";
import { embeddedSearchEngine } from "../../search/embedded-index.server";
import { ensureFtsRows } from "../../search/fts.server";
import { openDemoDatabase } from "./support/app-database";
import { query } from "./fixtures";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

/** Names of the listed organisations with a capacity line delivering to `site`, from the tables. */
async function deliveringTo(site: string): Promise<string[]> {
  const rows = await db
    .selectFrom("capacity_line_site as s")
    .innerJoin("capacity_line as l", "l.id", "s.capacity_line_id")
    .innerJoin("offering as f", "f.id", "l.offering_id")
    .innerJoin("organisation as o", "o.id", "f.organisation_id")
    .select("o.name")
    .distinct()
    .where("o.status", "=", "active")
    .where("s.site", "=", site)
    .execute();
  return rows.map((r) => r.name).sort();
}

async function found(q: string): Promise<string[]> {
  const result = await embeddedSearchEngine(db).searchOrganisations(query({ q, kind: [] }));
  return result.hits.map((h) => h.document.name).sort();
}

describe("delivery sites in the embedded search", () => {
  it("finds the organisations delivering to a site by its name, typed with or without å/ä/ö", async () => {
    for (const site of ["Linero", "Stadshuset"]) {
      const expected = await deliveringTo(site);
      expect(expected.length).toBeGreaterThan(0);
      expect(await found(site)).toEqual(expect.arrayContaining(expected));
    }
    const brunnshog = await deliveringTo("Brunnshög");
    if (brunnshog.length) expect(await found("brunnshog")).toEqual(expect.arrayContaining(brunnshog));
  });

  // The sites column is FTS5's: on PostgreSQL that migration does nothing, and postgres-search.test.ts covers the refill there.
  it.skipIf(process.env.TEST_DATABASE === "postgres")("fills the search rows again after the migration that added the sites column", async () => {
    const before = await found("Linero");
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    // Back to the migration before it (undoing any later ones on the way), then forward again.
    const down = await migrator.migrateTo("2026_11_27_1700_search_markers");
    expect(down.error).toBeUndefined();
    expect(down.results?.map((result) => result.migrationName)).toContain("2026_11_28_0900_fts_delivery_sites");
    await migrateToLatest(db);
    const empty = await sql<{ n: number }>`select count(*) as n from organisation_fts`.execute(db);
    expect(Number(empty.rows[0].n)).toBe(0);

    expect(await ensureFtsRows(db)).toBe(true);
    expect(await found("Linero")).toEqual(before);
    // Once filled, nothing more to do.
    expect(await ensureFtsRows(db)).toBe(false);
  });
});
