/**
 * Migration 2026_12_07_1110_pilot_participation_and_parameter_periods on a copy of the demo
 * database, on SQLite and (with TEST_DATABASE=postgres) PostgreSQL: taken back to where the pilot
 * was decided by names and had one value per parameter, and forward again. The buyer units named
 * as the municipality's keep their access and nobody else gains it; the parameter values keep
 * applying to every report; a cost that was entered stays entered.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation } from "../../app/models/organisation.server";
import { withCheckDigit } from "../../app/domain/org-number";
import { type DB, migrateToLatest } from "../../db/client.server";
import { profileInput } from "./fixtures";
import { openDemoDatabase } from "./support/app-database";
import { migrateBackBefore, rowCounts } from "./support/migrations";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

const migration = "2026_12_07_1110_pilot_participation_and_parameter_periods";
const countedTables = ["organisation", "annual_activity", "pilot_report_version", "pilot_outcome", "audit_log"];

describe("pilot participation and parameter periods, migrated", () => {
  it("keep the access, the values and the costs across the way back and forward", async () => {
    // A private buyer whose name only starts like the municipality's: no access before, none after.
    for (const [name, stem] of [
      ["Lunds kommunala fastighetsbolag", "556000149"],
      ["Lunds kommun – Kultur", "556000156"],
    ]) {
      const created = await createOrganisation({
        db,
        ownerUserId: null,
        status: "active",
        input: profileInput({ name, orgNumber: withCheckDigit(stem), kind: "buyer" }),
      });
      if (!created.ok) throw new Error(created.error.kind);
    }
    await db.updateTable("annual_activity").set({ cost_sek: 1200 }).where("activity", "like", "Arbetsmöten%").execute();
    const counts = await rowCounts(db, countedTables);

    await migrateBackBefore(db, migration);
    const parameters = (await sql<{ key: string; value: number }>`select key, value from pilot_parameter order by key`.execute(db)).rows;
    expect(parameters.length).toBeGreaterThan(10);
    // As it was kept before: the number of persons once belonged here; the way forward drops it.
    await sql`insert into pilot_parameter (key, value, unit, source, as_of, updated_at) values ('persons', 1, '', '', '2024-01-01', '2026-01-01T00:00:00.000Z')`.execute(
      db,
    );
    // The way back has only whole costs: one not entered becomes 0, as the column was then.
    const costs = (await sql<{ activity: string; cost_sek: number }>`select activity, cost_sek from annual_activity order by id`.execute(db)).rows;
    expect(costs.map((c) => Number(c.cost_sek)).sort((a, b) => a - b)).toEqual([0, 0, 0, 1200]);

    await migrateToLatest(db);
    const participants = await db.selectFrom("organisation").select("name").where("pilot_participant", "=", true).orderBy("name").execute();
    expect(participants.map((p) => p.name)).toEqual([
      "Lunds kommun – Arbetsmarknads- och socialförvaltningen",
      "Lunds kommun – Kultur",
      "Lunds kommun – Serviceförvaltningen",
      "Lunds kommun – Upphandlingsenheten",
    ]);
    const values = await db.selectFrom("pilot_parameter_value").select(["key", "value", "valid_from"]).orderBy("key").execute();
    expect(values.map((v) => ({ key: v.key, value: v.value }))).toEqual(parameters.map((p) => ({ key: p.key, value: Number(p.value) })));
    // They applied to every report before, so they begin with the project.
    expect(new Set(values.map((v) => v.valid_from))).toEqual(new Set(["2021-01-01"]));
    const after = await db.selectFrom("annual_activity").select(["activity", "cost_sek"]).orderBy("id").execute();
    expect(after.find((a) => a.activity.startsWith("Arbetsmöten"))?.cost_sek).toBe(1200);
    expect(await rowCounts(db, countedTables)).toEqual(counts);
  });
});
