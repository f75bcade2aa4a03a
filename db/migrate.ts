import { ensureFtsRows } from "../search/fts.server";
import { databaseKind, describeDatabase, migrateToLatest, openDatabase } from "./client.server";

const db = openDatabase();
try {
  await migrateToLatest(db);
  // Derived data a migration may have emptied: the embedded search index, which only SQLite has.
  if (databaseKind(db) === "sqlite") await ensureFtsRows(db);
  console.log(`Database ${describeDatabase()} is at the latest migration.`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
