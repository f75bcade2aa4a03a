/**
 * Target groups as rows (migration 2026_11_28_1200_target_groups_as_rows), on a copy of the demo
 * database, on SQLite and (with TEST_DATABASE=postgres) PostgreSQL: taken back to the text column
 * the demo was written in before, and migrated forward again, every organisation keeps its groups
 * in order and no other row is lost. The profile form still takes them comma-separated.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, organisationProfileDetails, updateOrganisationProfile } from "../../app/models/organisation.server";
import { targetGroupsOf } from "../../app/models/target-groups.server";
import { withCheckDigit } from "../../app/domain/org-number";
import { type DB, migrateToLatest } from "../../db/client.server";
import { demoOrganisations } from "../../seed/demo-network";
import { profileInput } from "./fixtures";
import { openDemoDatabase } from "./support/app-database";
import { migrateBackBefore, rowCounts } from "./support/migrations";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

async function groupsByName(): Promise<Record<string, string[]>> {
  const organisations = await db.selectFrom("organisation").select(["id", "name"]).execute();
  const groups = await targetGroupsOf(
    db,
    organisations.map((o) => o.id),
  );
  return Object.fromEntries(organisations.map((o) => [o.name, groups.get(o.id) ?? []]));
}

const countedTables = ["organisation", "organisation_target_group", "organisation_service_area", "offering", "capacity_line", "membership", "audit_log"];

describe("target groups as rows", () => {
  it("hold the demo network's groups, in the order written", async () => {
    const groups = await groupsByName();
    expect(groups["Fontänhuset Lund"]).toEqual(["personer med psykisk ohälsa", "långtidssjukskrivna"]);
    for (const demo of demoOrganisations) {
      const written = demo.targetGroups
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      expect(groups[demo.name], demo.name).toEqual(written);
    }
  });

  it("survive the way back to the text column and forward again, with every other row", async () => {
    const groups = await groupsByName();
    const counts = await rowCounts(db, countedTables);
    await migrateBackBefore(db, "2026_11_28_1200_target_groups_as_rows");

    // As the demo was written before: one comma-separated text per organisation.
    const texts = (await sql<{ name: string; target_groups: string }>`select name, target_groups from organisation`.execute(db)).rows;
    for (const demo of demoOrganisations) {
      expect(texts.find((t) => t.name === demo.name)?.target_groups, demo.name).toBe(demo.targetGroups);
    }
    // An organisation edited by hand: spaces, a line break, an empty part and a repeat.
    const fontanhuset = texts.find((t) => t.name === "Fontänhuset Lund")!;
    await sql`update organisation set target_groups = ${" unga vuxna ,\nnyanlända,, unga vuxna"} where name = ${fontanhuset.name}`.execute(db);

    await migrateToLatest(db);
    expect(await groupsByName()).toEqual({ ...groups, "Fontänhuset Lund": ["unga vuxna", "nyanlända"] });
    // Fontänhuset had two groups and has two again; nothing else changed.
    expect(await rowCounts(db, countedTables)).toEqual(counts);
  });

  it("are written from the form's comma-separated list and shown in that order", async () => {
    const created = await createOrganisation({
      db,
      ownerUserId: null,
      input: profileInput({
        name: "Målgruppsprovet AB",
        orgNumber: withCheckDigit("556677889"),
        kind: "work_integrating",
        targetGroups: ["nyanlända", "långtidsarbetslösa", "nyanlända"],
      }),
    });
    if (!created.ok) throw new Error(created.error.kind);
    const organisation = await db.selectFrom("organisation").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect((await organisationProfileDetails({ db, organisation })).targetGroups).toEqual(["nyanlända", "långtidsarbetslösa"]);

    const updated = await updateOrganisationProfile({
      db,
      organisationId: created.id,
      actorUserId: null,
      input: profileInput({ name: organisation.name, orgNumber: organisation.org_number, kind: organisation.kind, targetGroups: ["unga vuxna"] }),
    });
    expect(updated.ok).toBe(true);
    expect((await targetGroupsOf(db, [created.id])).get(created.id)).toEqual(["unga vuxna"]);
  });
});
