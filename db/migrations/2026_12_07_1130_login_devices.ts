import type { Kysely } from "kysely";

// Frozen: never import app types here; a later change gets a new migration.
// Browsers an account has logged in from (decision 002): a login from one of them is exempt from
// the per-account limit on failed logins, so distributed guessing that reaches the limit cannot
// lock the account's owner out. Only the SHA-256 of the cookie's token is stored.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_device")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_device_user_idx").on("login_device").columns(["user_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_device").execute();
}
