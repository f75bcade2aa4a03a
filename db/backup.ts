/**
 * `npm run backup -- FILE`: an online backup of the database (DATABASE_PATH, by default
 * data/social-trade.db) into FILE, safe while the site serves reads and writes.
 */
import { databaseLocation, databasePath, describeDatabase } from "./client.server";
import { backupDatabase, tableCounts } from "./backup.server";

if (databaseLocation() !== databasePath()) {
  // These copy the SQLite file; PostgreSQL has its own tools (README, "PostgreSQL").
  console.error(`DATABASE_URL names PostgreSQL (${describeDatabase()}): back it up with pg_dump instead.`);
  process.exit(2);
}

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run backup -- FILE");
  process.exit(2);
}
try {
  const started = Date.now();
  const { pages } = await backupDatabase({ source: databasePath(), target });
  const counts = tableCounts(target);
  console.info(
    `Backed up ${databasePath()} to ${target} (${pages} pages, integrity ok, ${Date.now() - started} ms): ` +
      `${counts.organisation ?? 0} organisations, ${counts.user ?? 0} users.`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
