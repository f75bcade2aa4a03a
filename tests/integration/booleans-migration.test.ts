/**
 * Yes/no columns as booleans (migration 2026_11_28_1300_booleans_as_booleans), on a copy of the
 * demo database, on SQLite and (with TEST_DATABASE=postgres) PostgreSQL: the app reads and writes
 * true/false on both; taken back to the 0/1 integers the demo was written in before and migrated
 * forward again, every value and every row is kept.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, type DB, migrateToLatest } from "../../db/client.server";
import { booleanColumns } from "../../db/migrations/2026_11_28_1300_booleans_as_booleans";
import { openDemoDatabase } from "./support/app-database";
import { migrateBackBefore } from "./support/migrations";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

type Values = Record<string, Record<string, unknown>>;

/** Every yes/no value of the database by table.column and row id, as the app reads it. */
async function values(): Promise<Values> {
  const all: Values = {};
  for (const { table, column } of booleanColumns) {
    const { rows } = await sql<{ id: string | number; value: unknown }>`select id, ${sql.ref(column)} as value from ${sql.table(table)} order by id`.execute(
      db,
    );
    all[`${table}.${column}`] = Object.fromEntries(rows.map((r) => [String(r.id), r.value]));
  }
  return all;
}

describe("yes/no columns", () => {
  it("read as true and false, and the demo has both where it should", async () => {
    const read = await values();
    for (const [column, rows] of Object.entries(read)) {
      for (const value of Object.values(rows)) expect(typeof value, column).toBe("boolean");
    }
    // The demo's organisations are examples, its users get e-mail, some registrations attended.
    expect(Object.values(read["organisation.is_example"]).some((v) => v === true)).toBe(true);
    expect(Object.values(read["user.email_notifications"]).every((v) => v === true)).toBe(true);
    expect(new Set(Object.values(read["meeting_registration.attended"]))).toEqual(new Set([true, false]));
    const exampleOrganisations = await db.selectFrom("organisation").select("id").where("is_example", "=", true).execute();
    expect(exampleOrganisations.length).toBe(Object.values(read["organisation.is_example"]).filter((v) => v).length);
  });

  it("take true and false as parameters, and leave counts numbers", async () => {
    const user = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
    await db.updateTable("user").set({ email_notifications: false }).where("id", "=", user.id).execute();
    const row = await db.selectFrom("user").select(["email_notifications as mail"]).where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.mail).toBe(false);
    const counted = await db
      .selectFrom("meeting_registration")
      .select((eb) => eb.fn.countAll<number | string>().as("attended"))
      .where("attended", "=", true)
      .executeTakeFirstOrThrow();
    expect(Number(counted.attended)).toBeGreaterThan(1);
    expect(typeof counted.attended).not.toBe("boolean");
    await db.updateTable("user").set({ email_notifications: true }).where("id", "=", user.id).execute();
  });

  it("keep every value on the way back to 0/1 integers and forward again", async () => {
    const before = await values();
    await migrateBackBefore(db, "2026_11_28_1300_booleans_as_booleans");

    // As the demo was written before: 1 and 0.
    const integers = await values();
    for (const [column, rows] of Object.entries(before)) {
      expect(integers[column], column).toEqual(Object.fromEntries(Object.entries(rows).map(([id, v]) => [id, v ? 1 : 0])));
    }
    // A value changed while the column was an integer is the one carried forward.
    await sql`update joint_bid set plan_stale = case when plan_stale = 0 then 1 else 0 end`.execute(db);

    await migrateToLatest(db);
    const after = await values();
    const flipped = Object.fromEntries(Object.entries(before["joint_bid.plan_stale"]).map(([id, v]) => [id, !v]));
    expect(Object.keys(flipped).length).toBeGreaterThan(0);
    expect(after).toEqual({ ...before, "joint_bid.plan_stale": flipped });

    if (databaseKind(db) === "sqlite") {
      // The declared type is what the SQLite connection reads booleans by.
      const { rows } = await sql<{ type: string }>`select type from pragma_table_info('organisation') where name = 'is_example'`.execute(db);
      expect(rows[0].type.toLowerCase()).toBe("boolean");
    } else {
      const { rows } = await sql<{
        data_type: string;
      }>`select data_type from information_schema.columns where table_name = 'organisation' and column_name = 'is_example'`.execute(db);
      expect(rows[0].data_type).toBe("boolean");
    }
  });
});
