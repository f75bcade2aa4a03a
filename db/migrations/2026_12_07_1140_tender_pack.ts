import { type Kysely, sql } from "kysely";
import { databaseKind } from "./database-kind";

// Frozen: never import app code here; a later change gets a new migration.
// From a joint bid's plan to a tender (decision 023): the consortium's price per demand line and
// VAT rate, each participant's payment per unit where it differs from the price less the lead's
// share, the consortium's terms (the lead's administration share, the group's name, payment and
// notice terms, named substitutes), the consortium agreement frozen at submission, each
// organisation's details for its ESPD (postal address, size, signatory), and a request's award:
// the winning joint bid or responding organisation, the contract value and period. Amounts are
// whole öre; a contract value may pass PostgreSQL's 4-byte integer, so there it is bigint.
export async function up(db: Kysely<any>): Promise<void> {
  const amount = databaseKind(db) === "postgres" ? "bigint" : "integer";

  await db.schema
    .createTable("joint_bid_price")
    .addColumn("bid_id", "integer", (c) => c.notNull().references("joint_bid.id").onDelete("cascade"))
    .addColumn("demand_line_id", "integer", (c) => c.notNull().references("demand_line.id").onDelete("cascade"))
    .addColumn("unit_price_ore", "integer", (c) => c.notNull().check(sql`unit_price_ore > 0`))
    .addColumn("vat_rate", "integer", (c) => c.notNull().check(sql`vat_rate in (0, 6, 12, 25)`))
    .addPrimaryKeyConstraint("joint_bid_price_pk", ["bid_id", "demand_line_id"])
    .execute();

  await db.schema
    .createTable("joint_bid_payment")
    .addColumn("bid_id", "integer", (c) => c.notNull())
    .addColumn("organisation_id", "integer", (c) => c.notNull())
    .addColumn("demand_line_id", "integer", (c) => c.notNull().references("demand_line.id").onDelete("cascade"))
    .addColumn("unit_payment_ore", "integer", (c) => c.notNull().check(sql`unit_payment_ore > 0`))
    .addPrimaryKeyConstraint("joint_bid_payment_pk", ["bid_id", "organisation_id", "demand_line_id"])
    // A participant that leaves the bid takes its payments with it.
    .addForeignKeyConstraint("joint_bid_payment_participant_fk", ["bid_id", "organisation_id"], "joint_bid_participant", ["bid_id", "organisation_id"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("joint_bid_terms")
    .addColumn("bid_id", "integer", (c) => c.primaryKey().references("joint_bid.id").onDelete("cascade"))
    .addColumn("admin_share_bp", "integer", (c) => c.notNull().defaultTo(0).check(sql`admin_share_bp between 0 and 10000`))
    .addColumn("group_name", "text", (c) => c.notNull())
    .addColumn("payment_days", "integer", (c) => c.notNull().check(sql`payment_days between 0 and 365`))
    .addColumn("notice_months", "integer", (c) => c.notNull().check(sql`notice_months between 0 and 60`))
    .addColumn("substitutes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("joint_bid_agreement")
    .addColumn("bid_id", "integer", (c) => c.primaryKey().references("joint_bid.id").onDelete("cascade"))
    // What the agreement said at submission (parties, deliveries, prices, terms) as JSON; the
    // page renders it in Swedish or English.
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("frozen_at", "text", (c) => c.notNull())
    .addColumn("frozen_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("organisation_tender_details")
    .addColumn("organisation_id", "integer", (c) => c.primaryKey().references("organisation.id").onDelete("cascade"))
    .addColumn("street_address", "text", (c) => c.notNull())
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("company_size", "text", (c) => c.notNull().check(sql`company_size in ('micro', 'small', 'medium', 'large')`))
    .addColumn("signatory_name", "text", (c) => c.notNull())
    .addColumn("signatory_role", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("request_award")
    .addColumn("request_id", "integer", (c) => c.primaryKey().references("request.id").onDelete("cascade"))
    // The winner: a joint bid on the request, or the organisation behind a response to it.
    .addColumn("joint_bid_id", "integer", (c) => c.references("joint_bid.id").onDelete("cascade"))
    .addColumn("organisation_id", "integer", (c) => c.references("organisation.id").onDelete("restrict"))
    .addColumn("value_ore", amount, (c) => c.notNull().check(sql`value_ore > 0`))
    .addColumn("contract_from", "text", (c) => c.notNull())
    .addColumn("contract_to", "text", (c) => c.notNull())
    .addColumn("awarded_at", "text", (c) => c.notNull())
    .addColumn("awarded_by", "text", (c) => c.references("user.id").onDelete("set null"))
    .addCheckConstraint("request_award_one_winner", sql`(joint_bid_id is null) <> (organisation_id is null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["request_award", "organisation_tender_details", "joint_bid_agreement", "joint_bid_terms", "joint_bid_payment", "joint_bid_price"]) {
    await db.schema.dropTable(table).execute();
  }
}
