import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";

// The weekdays and delivery sites of capacity lines, demand lines and joint-bid commitments, one
// row each (migration 2026_11_28_1500_weekdays_and_sites_as_rows): weekdays as ISO numbers
// (Monday is 1) in order, sites in the order written. A line with no site rows delivers anywhere.
// The models read and write them here and nowhere else.

interface ListTable {
  table: keyof Database;
  key: string;
}

const weekdayTables = {
  capacity_line: { table: "capacity_line_weekday", key: "capacity_line_id" },
  demand_line: { table: "demand_line_weekday", key: "demand_line_id" },
  joint_bid_commitment: { table: "joint_bid_commitment_weekday", key: "commitment_id" },
} as const satisfies Record<string, ListTable>;

const siteTables = {
  capacity_line: { table: "capacity_line_site", key: "capacity_line_id" },
  joint_bid_commitment: { table: "joint_bid_commitment_site", key: "commitment_id" },
} as const satisfies Record<string, ListTable>;

export type WeekdayOwner = keyof typeof weekdayTables;
export type SiteOwner = keyof typeof siteTables;

/** Ids are asked for this many at a time (well under either database's limit on parameters). */
const BATCH = 500;

async function readList<T>(db: DB, { table, key }: ListTable, value: "weekday" | "site", order: "weekday" | "position", ids: readonly number[]) {
  const lists = new Map<number, T[]>(ids.map((id) => [id, []]));
  const wanted = [...new Set(ids)];
  for (let i = 0; i < wanted.length; i += BATCH) {
    const batch = wanted.slice(i, i + BATCH);
    const { rows } = await sql<{ owner: number; value: T }>`select ${sql.ref(key)} as owner, ${sql.ref(value)} as value from ${sql.table(table)}
      where ${sql.ref(key)} in (${sql.join(batch)}) order by ${sql.ref(key)}, ${sql.ref(order)}`.execute(db);
    for (const row of rows) lists.get(Number(row.owner))?.push(row.value);
  }
  return lists;
}

/** The weekdays of each line asked for, Monday first; a line with none has an empty list. */
export function weekdaysOf(db: DB, owner: WeekdayOwner, ids: readonly number[]): Promise<Map<number, number[]>> {
  return readList<number>(db, weekdayTables[owner], "weekday", "weekday", ids);
}

/** The sites of each line asked for, in the order written; an empty list means anywhere. */
export function sitesOf(db: DB, owner: SiteOwner, ids: readonly number[]): Promise<Map<number, string[]>> {
  return readList<string>(db, siteTables[owner], "site", "position", ids);
}

/** Replaces a line's weekdays with these (each once; anything but 1–7 is not a weekday). */
export async function replaceWeekdays(db: DB, owner: WeekdayOwner, id: number, weekdays: readonly number[]): Promise<void> {
  const { table, key } = weekdayTables[owner];
  await sql`delete from ${sql.table(table)} where ${sql.ref(key)} = ${id}`.execute(db);
  const days = [...new Set(weekdays)].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b);
  if (days.length === 0) return;
  await sql`insert into ${sql.table(table)} (${sql.ref(key)}, weekday) values ${sql.join(days.map((d) => sql`(${id}, ${d})`))}`.execute(db);
}

/** Replaces a line's sites with these, in the order given, each once; none means anywhere. */
export async function replaceSites(db: DB, owner: SiteOwner, id: number, sites: readonly string[]): Promise<void> {
  const { table, key } = siteTables[owner];
  await sql`delete from ${sql.table(table)} where ${sql.ref(key)} = ${id}`.execute(db);
  const names = [...new Set(sites.map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) return;
  await sql`insert into ${sql.table(table)} (${sql.ref(key)}, position, site) values ${sql.join(names.map((site, position) => sql`(${id}, ${position}, ${site})`))}`.execute(
    db,
  );
}
