import type { DB } from "../db/client.server";

/**
 * The demo accounts have confirmed addresses, so they can act for their organisations at once.
 * Runs last in the demo seed, which only ever loads into an empty database: every account is a demo one.
 */
export async function seedDemoSecurity(db: DB): Promise<void> {
  await db.updateTable("user").set({ email_verified_at: new Date().toISOString() }).where("email_verified_at", "is", null).execute();
}
