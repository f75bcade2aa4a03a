import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateToLatest, openDatabase, useDatabase, type DB } from "../../../db/client.server";
import { seedDemo } from "../../../seed/demo.server";

/** A fresh SQLite file with the demo network, made the process's database for route and model calls. */
export async function openDemoDatabase(): Promise<{ db: DB; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-int-"));
  const db = openDatabase(path.join(dir, "test.db"));
  await migrateToLatest(db);
  await seedDemo(db);
  useDatabase(db);
  return {
    db,
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function organisationIdBySlug(db: DB, slug: string): Promise<number> {
  const row = await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return row.id;
}
