/**
 * `npm run db:copy-to-postgres -- postgres://user:password@host:5432/database`: moves the SQLite
 * installation at DATABASE_PATH (by default data/social-trade.db) into an empty PostgreSQL
 * database (the URL may also come from DATABASE_URL). The PostgreSQL database is migrated first;
 * the site on SQLite must be stopped, so that the copy is one consistent moment.
 */
import fs from "node:fs";
import { databasePath, describeDatabase, migrateToLatest, openDatabase } from "./client.server";
import { runningServerPid } from "./backup.server";
import { copyToPostgres } from "./copy-to-postgres.server";
import { isPostgresUrl } from "./postgres.server";

const url = process.argv[2] ?? process.env.DATABASE_URL ?? "";
const file = databasePath();
if (!isPostgresUrl(url)) {
  console.error("Usage: npm run db:copy-to-postgres -- postgres://user:password@host:5432/database");
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`There is no SQLite database at ${file} (DATABASE_PATH).`);
  process.exit(2);
}
const pid = runningServerPid(file);
if (pid !== null) {
  console.error(`The site is running on ${file} (process ${pid}). Stop it first, so that the copy is complete.`);
  process.exit(2);
}

const source = openDatabase(file);
const target = openDatabase(url);
try {
  const started = Date.now();
  await migrateToLatest(source);
  await migrateToLatest(target);
  const copied = await copyToPostgres({ source, target, onTable: ({ table, rows }) => console.info(`${table}: ${rows}`) });
  const rows = copied.reduce((sum, table) => sum + table.rows, 0);
  console.info(`Copied ${rows} rows in ${copied.length} tables from ${file} to ${describeDatabase(url)} (${Date.now() - started} ms).`);
} catch (error) {
  console.error(`Copy failed; no rows were copied: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await Promise.all([source.destroy(), target.destroy()]);
}
