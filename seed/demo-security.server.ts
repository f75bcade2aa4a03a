import type { DB } from "../db/client.server";
import { demoAccounts } from "./demo-network";

/** The demo accounts have confirmed addresses, so they can act for their organisations at once. */
export async function seedDemoSecurity(db: DB): Promise<void> {
  await db
    .updateTable("user")
    .set({ email_verified_at: new Date().toISOString() })
    .where("email", "in", demoAccounts.map((a) => a.email))
    .execute();
}
