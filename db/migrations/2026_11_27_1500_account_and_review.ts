import type { Kysely } from "kysely";
import { epochMillis } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// Password reset tokens (only a hash of each token is stored; single use, one hour), and the
// coordinator's rejection of an application with the reason the applicant sees.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_reset_token")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("expires_at", epochMillis(db), (c) => c.notNull())
    .addColumn("created_at", epochMillis(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_reset_token_user_idx").on("password_reset_token").column("user_id").execute();

  await db.schema.alterTable("organisation").addColumn("rejected_at", "text").execute();
  await db.schema
    .alterTable("organisation")
    .addColumn("rejected_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();
  await db.schema.alterTable("organisation").addColumn("rejection_reason", "text").execute();
}
