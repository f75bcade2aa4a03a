/**
 * `npm run backup -- FILE`: an online backup of the database (DATABASE_PATH, by default
 * data/social-trade.db) into FILE, safe while the site serves reads and writes.
 */
import { databasePath } from "./client.server";
import { backupDatabase, exitUnlessSqlite, tableCounts } from "./backup.server";

exitUnlessSqlite("back it up with pg_dump");

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
