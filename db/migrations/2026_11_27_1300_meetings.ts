import { type Kysely, sql } from "kysely";
import { generatedId } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// Network meetings: conveners, agenda, registrations with a waitlist, attendance, minutes, action
// items with their reminders, and the history of convener handovers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meeting")
    .addColumn("id", "integer", generatedId(db))
    // The iCalendar UID: random, so it stays the same across edits and never collides between installations.
    .addColumn("uid", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("registration_deadline", "text", (c) => c.notNull())
    .addColumn("place", "text")
    .addColumn("online_url", "text")
    // NULL: unlimited places.
    .addColumn("capacity", "integer", (c) => c.check(sql`capacity is null or capacity >= 1`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("scheduled").check(sql`status in ('scheduled', 'cancelled')`))
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("minutes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("minutes_published", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("meeting_starts_idx").on("meeting").column("starts_at").execute();

  await db.schema
    .createTable("meeting_convener")
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addPrimaryKeyConstraint("meeting_convener_pk", ["meeting_id", "organisation_id"])
    .execute();

  await db.schema
    .createTable("meeting_agenda_item")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn("request_id", "integer", (c) => c.references("request.id").onDelete("set null"))
    // No foreign key: the joint-bid table is built on another branch; the link is checked when shown.
    .addColumn("joint_bid_id", "integer")
    .execute();
  await db.schema.createIndex("meeting_agenda_item_meeting_idx").on("meeting_agenda_item").columns(["meeting_id", "position"]).execute();

  await db.schema
    .createTable("meeting_registration")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('confirmed', 'waitlisted')`))
    // Dietary or accessibility needs: coordinators only; erased 30 days after the meeting.
    .addColumn("needs", "text")
    .addColumn("attended", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("promoted_at", "text")
    .addUniqueConstraint("meeting_registration_user_unique", ["meeting_id", "user_id"])
    .execute();
  await db.schema.createIndex("meeting_registration_meeting_idx").on("meeting_registration").columns(["meeting_id", "status", "id"]).execute();

  await db.schema
    .createTable("meeting_action")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("meeting_id", "integer", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open', 'done')`))
    .addColumn("done_at", "text")
    .addColumn("reminder_sent_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meeting_action_status_due_idx").on("meeting_action").columns(["status", "due_date"]).execute();

  await db.schema
    .createTable("convener_handover")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("from_organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("to_organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("meetings_moved", "integer", (c) => c.notNull())
    .addColumn("handed_over_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("handed_over_at", "text", (c) => c.notNull())
    .execute();
}
