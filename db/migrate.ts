import { databasePath, migrateToLatest, openDatabase } from "./client.server";

const db = openDatabase();
try {
  await migrateToLatest(db);
  console.log(`Database ${databasePath()} is at the latest migration.`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
