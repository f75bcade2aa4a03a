import { type Kysely, sql } from "kysely";

// Frozen: never import app code here; a later change gets a new migration.
// The weekdays and delivery sites of capacity lines, demand lines and joint-bid commitments were
// text ("1,2,3,4"; sites one per line, empty for "every site"); they become rows: one per weekday
// (ISO, Monday is 1), one per site in the order written. A line with no site rows delivers
// anywhere, as an empty text did. Existing text is split by the rule the app used (weekdays on
// commas, sites on new lines, empty parts dropped, a repeat kept once) and the columns go, on
// SQLite and PostgreSQL alike.

const weekdayLists = [
  { owner: "capacity_line", table: "capacity_line_weekday", key: "capacity_line_id" },
  { owner: "demand_line", table: "demand_line_weekday", key: "demand_line_id" },
  { owner: "joint_bid_commitment", table: "joint_bid_commitment_weekday", key: "commitment_id" },
] as const;

const siteLists = [
  { owner: "capacity_line", table: "capacity_line_site", key: "capacity_line_id" },
  { owner: "joint_bid_commitment", table: "joint_bid_commitment_site", key: "commitment_id" },
] as const;

/** Rows are written this many at a time (well under either database's limit on parameters). */
const BATCH = 200;

async function insertBatched(db: Kysely<any>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insertInto(table).values(rows.slice(i, i + BATCH)).execute();
  }
}

function distinctParts(text: string, separator: string): string[] {
  return [
    ...new Set(
      text
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const { owner, table, key } of weekdayLists) {
    await db.schema
      .createTable(table)
      .addColumn(key, "integer", (c) => c.notNull().references(`${owner}.id`).onDelete("cascade"))
      .addColumn("weekday", "integer", (c) => c.notNull().check(sql`weekday between 1 and 7`))
      .addPrimaryKeyConstraint(`${table}_pk`, [key, "weekday"])
      .execute();
    const owners = (await db.selectFrom(owner).select(["id", "weekdays"]).where("weekdays", "!=", "").orderBy("id").execute()) as {
      id: number;
      weekdays: string;
    }[];
    const rows = owners.flatMap(({ id, weekdays }) =>
      distinctParts(weekdays, ",")
        .map(Number)
        .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7)
        .map((weekday) => ({ [key]: id, weekday })),
    );
    await insertBatched(db, table, rows);
  }

  for (const { owner, table, key } of siteLists) {
    await db.schema
      .createTable(table)
      .addColumn(key, "integer", (c) => c.notNull().references(`${owner}.id`).onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("site", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [key, "position"])
      .execute();
    const owners = (await db.selectFrom(owner).select(["id", "sites"]).where("sites", "!=", "").orderBy("id").execute()) as { id: number; sites: string }[];
    const rows = owners.flatMap(({ id, sites }) => distinctParts(sites, "\n").map((site, position) => ({ [key]: id, position, site })));
    await insertBatched(db, table, rows);
  }

  for (const { owner } of weekdayLists) await db.schema.alterTable(owner).dropColumn("weekdays").execute();
  for (const { owner } of siteLists) await db.schema.alterTable(owner).dropColumn("sites").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { owner, table, key } of weekdayLists) {
    await db.schema.alterTable(owner).addColumn("weekdays", "text", (c) => c.notNull().defaultTo("")).execute();
    const rows = (await db.selectFrom(table).select([`${key} as id`, "weekday"]).orderBy(key).orderBy("weekday").execute()) as { id: number; weekday: number }[];
    const joined = new Map<number, number[]>();
    for (const row of rows) joined.set(row.id, [...(joined.get(row.id) ?? []), row.weekday]);
    for (const [id, weekdays] of joined) await db.updateTable(owner).set({ weekdays: weekdays.join(",") }).where("id", "=", id).execute();
    await db.schema.dropTable(table).execute();
  }
  for (const { owner, table, key } of siteLists) {
    await db.schema.alterTable(owner).addColumn("sites", "text", (c) => c.notNull().defaultTo("")).execute();
    const rows = (await db.selectFrom(table).select([`${key} as id`, "site"]).orderBy(key).orderBy("position").execute()) as { id: number; site: string }[];
    const joined = new Map<number, string[]>();
    for (const row of rows) joined.set(row.id, [...(joined.get(row.id) ?? []), row.site]);
    for (const [id, sites] of joined) await db.updateTable(owner).set({ sites: sites.join("\n") }).where("id", "=", id).execute();
    await db.schema.dropTable(table).execute();
  }
}
