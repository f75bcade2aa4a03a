import type { Kysely } from "kysely";

// Frozen: never import app types here; a later change gets a new migration.
// What people are told, and in which language (decision 020):
// - each account's language, for its e-mails (set at sign-up and by the language switcher);
// - a notification's further lines (what changed, old → new; when; where) beside its one line;
// - an e-mail's attachments (a meeting's calendar entry) as JSON, sent by the mail worker;
// - whether a meeting sends its registered a reminder the day before, and when it did;
// - who last wrote a meeting's minutes, for that person's data export.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("user")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("sv"))
    .execute();
  await db.schema
    .alterTable("notification")
    .addColumn("details", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("email_outbox").addColumn("attachments", "text").execute();
  await db.schema
    .alterTable("meeting")
    .addColumn("send_reminder", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema.alterTable("meeting").addColumn("reminder_sent_at", "text").execute();
  // No foreign key (SQLite cannot drop a column that has one); deleting an account clears it.
  await db.schema.alterTable("meeting").addColumn("minutes_by", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting").dropColumn("minutes_by").execute();
  await db.schema.alterTable("meeting").dropColumn("reminder_sent_at").execute();
  await db.schema.alterTable("meeting").dropColumn("send_reminder").execute();
  await db.schema.alterTable("email_outbox").dropColumn("attachments").execute();
  await db.schema.alterTable("notification").dropColumn("details").execute();
  await db.schema.alterTable("user").dropColumn("locale").execute();
}
