import type { DB } from "../../../db/client.server";
import { seedDemo } from "../../../seed/demo.server";
import { openTestDatabase } from "../fixtures";

/** A fresh SQLite file with the demo network, made the process's database for route and model calls. */
export async function openDemoDatabase(): Promise<{ db: DB; close(): Promise<void> }> {
  const opened = await openTestDatabase();
  await seedDemo(opened.db);
  return opened;
}

export async function organisationIdBySlug(db: DB, slug: string): Promise<number> {
  const row = await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return row.id;
}
