import { databasePath, migrateToLatest, openDatabase } from "../db/client.server";
import { seedDemoIfEmpty } from "./demo.server";

const db = openDatabase();
try {
  await migrateToLatest(db);
  const seeded = await seedDemoIfEmpty(db);
  console.log(seeded ? `Loaded the demo network into ${databasePath()}.` : `${databasePath()} has data already; nothing loaded.`);
} finally {
  await db.destroy();
}
