/**
 * `npm run restore -- FILE`: restores a backup made with `npm run backup` into DATABASE_PATH (by
 * default data/social-trade.db). The server must be stopped; the replaced database is kept beside
 * it, and the search index is rebuilt at the next start.
 */
import { databasePath } from "./client.server";
import { exitUnlessSqlite, restoreDatabase } from "./backup.server";

exitUnlessSqlite("restore it with pg_restore (or psql, for a plain dump)");

const backup = process.argv[2];
if (!backup) {
  console.error("Usage: npm run restore -- FILE");
  process.exit(2);
}
try {
  const { keptAs } = restoreDatabase({ backup, target: databasePath() });
  console.info(`Restored ${backup} into ${databasePath()}.${keptAs ? ` The previous database is kept as ${keptAs}.` : ""}`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
