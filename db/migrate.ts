import { ensureEmbeddedSearchRows } from "../search/embedded-index.server";
import { describeDatabase, migrateToLatest, openDatabase } from "./client.server";

const db = openDatabase();
try {
  await migrateToLatest(db);
  // Derived data a migration may have emptied: the embedded search index (FTS5 or PostgreSQL's tables).
  await ensureEmbeddedSearchRows(db);
  console.log(`Database ${describeDatabase()} is at the latest migration.`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
