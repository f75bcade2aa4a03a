import { ensureFtsRows } from "../search/fts.server";
import { databasePath, migrateToLatest, openDatabase } from "./client.server";

const db = openDatabase();
try {
  await migrateToLatest(db);
  // Derived data a migration may have emptied: the embedded search index.
  await ensureFtsRows(db);
  console.log(`Database ${databasePath()} is at the latest migration.`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
