/**
 * Weekdays and delivery sites as rows (migration 2026_11_28_1500_weekdays_and_sites_as_rows), on a
 * copy of the demo database, on SQLite and (with TEST_DATABASE=postgres) PostgreSQL: the demo's
 * capacity lines, demand lines and joint-bid commitments keep their days and sites; taken back to
 * the text columns they were written in before and migrated forward again, nothing is lost and
 * text edited by hand is read by the rule the app used. The models write them through the forms'
 * shapes, and a removed line takes its rows with it.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCapacityLine, createOffering, getOffering, removeCapacityLine, updateCapacityLine } from "../../app/models/offering.server";
import { sitesOf, weekdaysOf, type SiteOwner, type WeekdayOwner } from "../../app/models/weekdays-and-sites.server";
import { type DB, migrateToLatest } from "../../db/client.server";
import { demoOrganisations } from "../../seed/demo-network";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { migrateBackBefore, rowCounts } from "./support/migrations";

const migration = "2026_11_28_1500_weekdays_and_sites_as_rows";
const owners = ["capacity_line", "demand_line", "joint_bid_commitment"] as const;

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

async function idsOf(owner: (typeof owners)[number]): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select id from ${sql.table(owner)} order by id`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** Every line's weekdays and sites, by table and id, as the app reads them. */
async function everyList(): Promise<Record<string, Record<number, { weekdays: number[]; sites?: string[] }>>> {
  const all: Record<string, Record<number, { weekdays: number[]; sites?: string[] }>> = {};
  for (const owner of owners) {
    const ids = await idsOf(owner);
    const weekdays = await weekdaysOf(db, owner as WeekdayOwner, ids);
    const sites = owner === "demand_line" ? null : await sitesOf(db, owner as SiteOwner, ids);
    all[owner] = Object.fromEntries(ids.map((id) => [id, sites ? { weekdays: weekdays.get(id)!, sites: sites.get(id)! } : { weekdays: weekdays.get(id)! }]));
  }
  return all;
}

const countedTables = [...owners, "offering", "request", "joint_bid", "joint_bid_participant", "joint_bid_plan", "response_capacity", "audit_log"];

describe("weekdays and sites as rows", () => {
  it("hold the demo network's capacity, requests and commitments", async () => {
    const organisationId = await organisationIdBySlug(db, "fontanhuset-lund");
    const fontanhuset = demoOrganisations.find((o) => o.name === "Fontänhuset Lund")!;
    const offering = (
      await db
        .selectFrom("offering")
        .select("id")
        .where("organisation_id", "=", organisationId)
        .where("title", "=", fontanhuset.offerings[0].title)
        .executeTakeFirstOrThrow()
    ).id;
    const stored = await getOffering({ db, organisationId, offeringId: offering });
    // The network's own lines come first (the demo's bids add term capacity after them).
    const written = fontanhuset.offerings[0].capacity;
    expect(stored!.capacity.slice(0, written.length).map(({ weekdays, sites }) => ({ weekdays, sites }))).toEqual(
      written.map(({ weekdays, sites }) => ({ weekdays, sites })),
    );

    const lists = await everyList();
    // Every demand line is delivered on some day; every commitment of the demo's bid too.
    expect(Object.keys(lists.demand_line).length).toBeGreaterThan(0);
    for (const line of Object.values(lists.demand_line)) expect(line.weekdays.length).toBeGreaterThan(0);
    expect(Object.keys(lists.joint_bid_commitment).length).toBeGreaterThan(0);
    for (const commitment of Object.values(lists.joint_bid_commitment)) expect(commitment.weekdays.length).toBeGreaterThan(0);
    // Ordered: Monday first, sites as written.
    for (const owner of owners) for (const line of Object.values(lists[owner])) expect(line.weekdays).toEqual([...line.weekdays].sort((a, b) => a - b));
  });

  it("survive the way back to the text columns and forward again, with every other row", async () => {
    const before = await everyList();
    const counts = await rowCounts(db, countedTables);
    await migrateBackBefore(db, migration);

    // As the data was written before: weekdays "1,2,3,4", sites one per line, "" for none.
    for (const owner of owners) {
      const { rows } = await sql<{ id: number; weekdays: string }>`select id, weekdays from ${sql.table(owner)}`.execute(db);
      for (const row of rows) expect(row.weekdays, `${owner} ${row.id}`).toBe(before[owner][Number(row.id)].weekdays.join(","));
    }
    for (const owner of ["capacity_line", "joint_bid_commitment"] as const) {
      const { rows } = await sql<{ id: number; sites: string }>`select id, sites from ${sql.table(owner)}`.execute(db);
      for (const row of rows) expect(row.sites, `${owner} ${row.id}`).toBe(before[owner][Number(row.id)].sites!.join("\n"));
    }
    // One line edited by hand: a repeated day, an empty part and spaces; a blank and a repeated site.
    const edited = Number(Object.keys(before.capacity_line).find((id) => before.capacity_line[Number(id)].sites!.length > 0));
    await sql`update capacity_line set weekdays = ${" 3,1,,3 "}, sites = ${"Linero\n\n Linero\nStadshuset "} where id = ${edited}`.execute(db);

    await migrateToLatest(db);
    expect(await everyList()).toEqual({
      ...before,
      capacity_line: { ...before.capacity_line, [edited]: { weekdays: [1, 3], sites: ["Linero", "Stadshuset"] } },
    });
    expect(await rowCounts(db, countedTables)).toEqual(counts);
    // The text columns are gone.
    for (const owner of owners) {
      await expect(sql`select weekdays from ${sql.table(owner)}`.execute(db)).rejects.toThrow();
    }
  });

  it("are written from a capacity line's form and go with the line", async () => {
    const organisationId = await organisationIdBySlug(db, "fontanhuset-lund");
    const created = await createOffering({ db, organisationId, input: { title: "Veckodagsprovet", description: "", cpvCode: "15894200-3", unit: "portions" } });
    if (!created.ok) throw new Error(created.error);
    const offeringId = created.id;
    const added = await addCapacityLine({
      db,
      organisationId,
      offeringId,
      input: { quantity: 12, period: "weekday", weekdays: [5, 1, 5], validFrom: null, validTo: null, sites: ["Kristallen", "Brunnshög", "Kristallen"] },
    });
    if (!added?.ok) throw new Error("no line");
    const line = async () => (await getOffering({ db, organisationId, offeringId }))!.capacity[0];
    expect(await line()).toMatchObject({ weekdays: [1, 5], sites: ["Kristallen", "Brunnshög"] });

    // A weekly line has no weekdays; no sites means anywhere.
    await updateCapacityLine({
      db,
      organisationId,
      offeringId,
      capacityLineId: added.id,
      input: { quantity: 50, period: "week", weekdays: [1, 2], validFrom: null, validTo: null, sites: [] },
    });
    expect(await line()).toMatchObject({ period: "week", weekdays: [], sites: [] });

    await updateCapacityLine({
      db,
      organisationId,
      offeringId,
      capacityLineId: added.id,
      input: { quantity: 50, period: "weekday", weekdays: [2], validFrom: null, validTo: null, sites: ["Linero"] },
    });
    expect(await removeCapacityLine({ db, organisationId, offeringId, capacityLineId: added.id })).toBe(true);
    const left = await sql<{
      n: number | string;
    }>`select (select count(*) from capacity_line_weekday where capacity_line_id = ${added.id}) + (select count(*) from capacity_line_site where capacity_line_id = ${added.id}) as n`.execute(
      db,
    );
    expect(Number(left.rows[0].n)).toBe(0);
  });
});
