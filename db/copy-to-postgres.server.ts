import { type Kysely, sql } from "kysely";
import type { Database } from "./schema";
import { ensureEmbeddedSearchRows } from "../search/embedded-index.server";
import { postgresSearchTables } from "../search/postgres-search.server";

/**
 * Moves an SQLite installation's data into an empty PostgreSQL database that has the same
 * migrations applied. Generic over the schema: the tables and column types are read from
 * PostgreSQL, so a later migration needs no change here. Everything is copied in one PostgreSQL
 * transaction, and the row counts are compared before it commits: the copy is whole or absent.
 * PostgreSQL's search tables are not copied (SQLite has FTS5 instead) but filled from the copied
 * rows in the same transaction.
 */

export interface CopiedTable {
  table: string;
  rows: number;
}

interface TargetColumn {
  name: string;
  type: string;
  identity: boolean;
}

interface TargetTable {
  name: string;
  columns: TargetColumn[];
}

/** Migration bookkeeping is each database's own; the target was migrated before the copy. */
const bookkeeping = new Set(["kysely_migration", "kysely_migration_lock"]);

/** Rows per INSERT: below PostgreSQL's 65,535 parameters per statement, and at most 500. */
function batchSize(columns: number): number {
  return Math.max(1, Math.min(500, Math.floor(60_000 / Math.max(1, columns))));
}

export async function copyToPostgres({
  source,
  target,
  onTable,
}: {
  source: Kysely<any>;
  target: Kysely<any>;
  /** Told after each table, e.g. to print progress. */
  onTable?: (copied: CopiedTable) => void;
}): Promise<CopiedTable[]> {
  await requireSameMigrations(source, target);
  const tables = (await targetTables(target)).filter((table) => !postgresSearchTables.includes(table.name));
  const sourceNames = new Set(await sourceTables(source));
  const missing = tables.filter((table) => !sourceNames.has(table.name)).map((table) => table.name);
  if (missing.length > 0) {
    throw new Error(`The SQLite database has no table ${missing.join(", ")}, which PostgreSQL has. Are both migrated to the latest version?`);
  }

  return target.transaction().execute(async (trx) => {
    await requireEmpty(trx, tables);
    const copied: CopiedTable[] = [];
    for (const table of tables) {
      const rows = await copyTable(source, trx, table);
      await continueIdentities(trx, table);
      const [{ count }] = (await sql<{ count: string }>`select count(*) as count from ${sql.table(table.name)}`.execute(trx)).rows;
      if (Number(count) !== rows) {
        throw new Error(`${table.name}: ${rows} rows read from SQLite but ${count} in PostgreSQL; nothing was copied.`);
      }
      copied.push({ table: table.name, rows });
      onTable?.({ table: table.name, rows });
    }
    // The search rows are built from the copied tables, whose shape the application's types describe.
    await ensureEmbeddedSearchRows(trx as Kysely<Database>);
    return copied;
  });
}

async function requireSameMigrations(source: Kysely<any>, target: Kysely<any>): Promise<void> {
  const names = async (db: Kysely<any>) =>
    (await db.selectFrom("kysely_migration").select("name").orderBy("name").execute()).map((row) => String(row.name)).join("\n");
  const [fromSqlite, fromPostgres] = await Promise.all([names(source), names(target)]);
  if (fromSqlite !== fromPostgres) {
    throw new Error("The two databases are not at the same migration. Run `npm run db:migrate` on the SQLite installation first.");
  }
}

async function sourceTables(source: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(source);
  return rows.map((row) => row.name);
}

/**
 * PostgreSQL's tables with their columns, ordered so that a table comes after every table it
 * references (a reference to itself does not count: its rows are copied in the order SQLite
 * stored them, parents first).
 */
async function targetTables(target: Kysely<any>): Promise<TargetTable[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string; is_identity: string }>`
    select c.table_name, c.column_name, c.data_type, c.is_identity
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(target);
  const { rows: references } = await sql<{ table_name: string; referenced: string }>`
    select distinct tc.table_name, ccu.table_name as referenced
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(target);

  const byName = new Map<string, TargetTable>();
  for (const column of columns) {
    if (bookkeeping.has(column.table_name)) continue;
    const table = byName.get(column.table_name) ?? { name: column.table_name, columns: [] };
    table.columns.push({ name: column.column_name, type: column.data_type, identity: column.is_identity === "YES" });
    byName.set(table.name, table);
  }
  const needs = new Map<string, Set<string>>([...byName.keys()].map((name) => [name, new Set<string>()]));
  for (const { table_name, referenced } of references) {
    if (table_name !== referenced && needs.has(table_name) && byName.has(referenced)) needs.get(table_name)!.add(referenced);
  }

  const ordered: TargetTable[] = [];
  const placed = new Set<string>();
  while (placed.size < byName.size) {
    const ready = [...byName.keys()].filter((name) => !placed.has(name) && [...needs.get(name)!].every((other) => placed.has(other))).sort();
    if (ready.length === 0) throw new Error("The tables' foreign keys form a cycle; the copy cannot order them.");
    for (const name of ready) {
      ordered.push(byName.get(name)!);
      placed.add(name);
    }
  }
  return ordered;
}

async function requireEmpty(target: Kysely<any>, tables: TargetTable[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await sql`select 1 from ${sql.table(table.name)} limit 1`.execute(target);
    if (rows.length > 0) {
      throw new Error(`The PostgreSQL database already holds data (table ${table.name}). Copy into an empty, freshly migrated database.`);
    }
  }
}

/** Reads the table from SQLite page by page and inserts each page into PostgreSQL. */
async function copyTable(source: Kysely<any>, target: Kysely<any>, table: TargetTable): Promise<number> {
  let copied = 0;
  for await (const page of sqlitePages(
    source,
    table.name,
    table.columns.map((column) => column.name),
  )) {
    const values = page.map((row) => {
      const converted: Record<string, unknown> = {};
      for (const column of table.columns) converted[column.name] = toPostgres(row[column.name], column);
      return converted;
    });
    await target.insertInto(table.name).values(values).execute();
    copied += page.length;
  }
  return copied;
}

/**
 * A table's rows in the order SQLite stored them (rowid), a page at a time, so a large
 * installation is not read into memory at once. A table without rowid is small and read whole.
 */
async function* sqlitePages(source: Kysely<any>, table: string, names: string[]): AsyncGenerator<Record<string, unknown>[]> {
  const columns = sql.join(names.map((name) => sql.ref(name)));
  const pageSize = batchSize(names.length);
  const hasRowid = await sql`select rowid from ${sql.table(table)} limit 0`.execute(source).then(
    () => true,
    () => false,
  );
  if (!hasRowid) {
    const { rows } = await sql<Record<string, unknown>>`select ${columns} from ${sql.table(table)}`.execute(source);
    for (let start = 0; start < rows.length; start += pageSize) yield rows.slice(start, start + pageSize);
    return;
  }
  let after: number | null = null;
  for (;;) {
    const { rows } = await sql<Record<string, unknown>>`select rowid as "__rowid", ${columns} from ${sql.table(table)}
      ${after === null ? sql`` : sql`where rowid > ${after}`} order by rowid limit ${pageSize}`.execute(source);
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1].__rowid);
    yield rows;
  }
}

/**
 * SQLite hands back numbers, strings, buffers and null; PostgreSQL's column type says what the
 * value means there.
 */
export function toPostgres(value: unknown, column: Pick<TargetColumn, "name" | "type">): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case "boolean":
      return value === 1 || value === "1" || value === true;
    case "timestamp with time zone":
    case "timestamp without time zone":
      return typeof value === "number" ? new Date(value) : value;
    case "text":
    case "character varying":
      return typeof value === "string" ? value : String(value);
    default:
      return value;
  }
}

/** The next generated id follows the copied ones. */
async function continueIdentities(target: Kysely<any>, table: TargetTable): Promise<void> {
  for (const column of table.columns.filter((c) => c.identity)) {
    await sql`select setval(pg_get_serial_sequence(${`"${table.name}"`}, ${column.name}),
      coalesce((select max(${sql.ref(column.name)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(target);
  }
}
