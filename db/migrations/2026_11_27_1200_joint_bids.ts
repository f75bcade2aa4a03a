import { type Kysely, sql } from "kysely";
import { generatedId } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// Joint bids: a consortium's answer to one request, its participants, the capacity each commits,
// the stored plan (exactly the planner's input and output), and a history of who did what when.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("joint_bid")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("request_id", "integer", (c) => c.notNull().references("request.id").onDelete("restrict"))
    .addColumn("lead_organisation_id", "integer", (c) => c.references("organisation.id").onDelete("restrict"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft', 'committed', 'submitted', 'won', 'lost', 'withdrawn')`),
    )
    .addColumn("created_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    // Set when commitments change after the last plan, so a stale plan is never submitted.
    .addColumn("plan_stale", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("is_example", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("joint_bid_request_idx").on("joint_bid").column("request_id").execute();

  await db.schema
    .createTable("joint_bid_participant")
    .addColumn("bid_id", "integer", (c) => c.notNull().references("joint_bid.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('invited', 'accepted', 'declined')`))
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("confirmed_at", "text")
    .addColumn("confirmed_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addPrimaryKeyConstraint("joint_bid_participant_pk", ["bid_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("joint_bid_participant_org_idx")
    .on("joint_bid_participant")
    .column("organisation_id")
    .execute();

  await db.schema
    .createTable("joint_bid_commitment")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("bid_id", "integer", (c) => c.notNull().references("joint_bid.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisation.id").onDelete("restrict"))
    .addColumn("capacity_line_id", "integer", (c) => c.notNull().references("capacity_line.id").onDelete("cascade"))
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn("weekdays", "text", (c) => c.notNull())
    // Newline-separated, as capacity_line.sites; empty means every site.
    .addColumn("sites", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("joint_bid_commitment_bid_idx")
    .on("joint_bid_commitment")
    .columns(["bid_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("joint_bid_commitment_line_idx")
    .on("joint_bid_commitment")
    .column("capacity_line_id")
    .execute();

  await db.schema
    .createTable("joint_bid_plan")
    .addColumn("bid_id", "integer", (c) => c.primaryKey().references("joint_bid.id").onDelete("cascade"))
    // JSON of the planner's PlanInput and Plan, byte for byte what was planned.
    .addColumn("input_json", "text", (c) => c.notNull())
    .addColumn("plan_json", "text", (c) => c.notNull())
    // JSON of what the page shows, computed once when planning.
    .addColumn("summary_json", "text", (c) => c.notNull())
    .addColumn("planned_at", "text", (c) => c.notNull())
    .addColumn("planned_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("joint_bid_event")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("bid_id", "integer", (c) => c.notNull().references("joint_bid.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.references("organisation.id").onDelete("set null"))
    .addColumn("details", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("joint_bid_event_bid_idx").on("joint_bid_event").columns(["bid_id", "id"]).execute();
}
