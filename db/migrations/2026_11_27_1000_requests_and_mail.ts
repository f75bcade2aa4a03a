import { type Kysely, sql } from "kysely";
import { generatedId, epochMillis } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// The buyer's request with its demand lines (shared by requests, joint bids and the pilot), and
// the one durable e-mail outbox with in-app notifications that every feature sends through.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("request")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("buyer_organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('direct_purchase', 'rfi', 'reserved', 'employment_requirement')`),
    )
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft', 'published', 'closed', 'awarded', 'cancelled')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cpv_code", "text", (c) => c.notNull())
    .addColumn("period_from", "text", (c) => c.notNull())
    .addColumn("period_to", "text", (c) => c.notNull())
    .addColumn("deadline_at", "text", (c) => c.notNull())
    .addColumn("deliver_on_holidays", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text")
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("closed_at", "text")
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("request_status_deadline_idx").on("request").columns(["status", "deadline_at"]).execute();
  await db.schema.createIndex("request_buyer_idx").on("request").column("buyer_organisation_id").execute();

  await db.schema
    .createTable("demand_line")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("request_id", "integer", (c) => c.notNull().references("request.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn("site", "text", (c) => c.notNull())
    .addColumn("weekdays", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("demand_line_request_idx").on("demand_line").columns(["request_id", "position"]).execute();

  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("created_at", epochMillis(db), (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", epochMillis(db), (c) => c.notNull().defaultTo(0))
    .addColumn("lease_until", epochMillis(db))
    .addColumn("sent_at", epochMillis(db))
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("email_outbox_due_idx").on("email_outbox").columns(["sent_at", "next_attempt_at"]).execute();

  await db.schema
    .createTable("notification")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("message_vars", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("link", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema.createIndex("notification_user_idx").on("notification").columns(["user_id", "read_at"]).execute();

  await db.schema
    .alterTable("user")
    .addColumn("email_notifications", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}
