import type { VatRate } from "../../domain/tender/money";
import { defaultTerms, type TenderDetails, type TenderTerms } from "../../domain/tender/tender";
import { recordAudit } from "../audit-log.server";
import { managedOpenBid, type BidAccess, type Viewer } from "../joint-bid/access.server";
import { fail, inTransaction, now, recordEvent, type ActionResult, type Db, type Trx } from "../joint-bid/change.server";
import { acceptedOwnOrganisations, currentAgreement, linesOf, loadTender, participantsOf } from "./tender.server";

/**
 * Changes to a joint bid's tender: prices and payments and terms, only by those who manage the
 * bid; an organisation's details, only by its own members and coordinators; and the consortium
 * agreement frozen in the submission's transaction. Decision 023.
 */

// --- Changes ------------------------------------------------------------------------------------

/** A tender change's answer, in the joint bid's dialect: refusals are `{ kind }` errors, an invalid field named. */
export type TenderResult = ActionResult;

export interface PriceInput {
  prices: { demandLineId: number; unitPriceOre: number; vatRate: VatRate }[];
  adminShareBasisPoints: number;
  /** A participant's payment per unit on a line; null: the price less the lead's share. */
  payments: { organisationId: number; demandLineId: number; unitPaymentOre: number | null }[];
}

async function upsertTerms(trx: Trx, bidId: number, userId: string, change: Partial<TenderTerms>): Promise<void> {
  const existing = await trx.selectFrom("joint_bid_terms").selectAll().where("bid_id", "=", bidId).executeTakeFirst();
  const lead = await trx
    .selectFrom("joint_bid")
    .leftJoin("organisation", "organisation.id", "joint_bid.lead_organisation_id")
    .select("organisation.name")
    .where("joint_bid.id", "=", bidId)
    .executeTakeFirstOrThrow();
  const base = existing
    ? {
        adminShareBasisPoints: existing.admin_share_bp,
        groupName: existing.group_name,
        paymentDays: existing.payment_days,
        noticeMonths: existing.notice_months,
        substitutes: existing.substitutes,
      }
    : defaultTerms(lead.name);
  const terms = { ...base, ...change };
  const row = {
    admin_share_bp: terms.adminShareBasisPoints,
    group_name: terms.groupName,
    payment_days: terms.paymentDays,
    notice_months: terms.noticeMonths,
    substitutes: terms.substitutes,
    updated_at: now(),
    updated_by: userId,
  };
  await trx
    .insertInto("joint_bid_terms")
    .values({ bid_id: bidId, ...row })
    .onConflict((oc) => oc.column("bid_id").doUpdateSet(row))
    .execute();
}

/**
 * The lead or a coordinator sets the price and VAT rate of every demand line, the lead's
 * administration share, and any participant's own payment per unit, in one transaction. A line or
 * participant that is not the bid's, or a payment above its line's price, is refused whole.
 */
export async function savePrices({
  db,
  viewer,
  access,
  input,
}: {
  db: Db;
  viewer: Viewer;
  access: BidAccess | null;
  input: PriceInput;
}): Promise<TenderResult> {
  if (!access) return fail({ kind: "notFound" });
  return inTransaction(db, async (trx) => {
    const managed = await managedOpenBid({ db: trx, bidId: access.bid.id, viewer });
    if (!managed.ok) return managed;
    const { bid } = managed;
    const bidId = bid.id;
    const lines = new Set((await linesOf(trx, bid.request_id)).map((l) => l.demandLineId));
    const participants = new Set((await participantsOf(trx, bidId, bid.lead_organisation_id)).map((p) => p.organisationId));
    if (input.prices.some((p) => !lines.has(p.demandLineId))) return fail({ kind: "invalid", field: "prices" });
    const price = new Map(input.prices.map((p) => [p.demandLineId, p.unitPriceOre]));
    for (const p of input.payments) {
      if (!participants.has(p.organisationId) || !lines.has(p.demandLineId)) return fail({ kind: "invalid", field: "payments" });
      if (p.unitPaymentOre !== null && p.unitPaymentOre > (price.get(p.demandLineId) ?? 0)) {
        return fail({ kind: "invalid", field: `payment-${p.organisationId}-${p.demandLineId}` });
      }
    }
    await trx.deleteFrom("joint_bid_price").where("bid_id", "=", bidId).execute();
    if (input.prices.length) {
      await trx
        .insertInto("joint_bid_price")
        .values(input.prices.map((p) => ({ bid_id: bidId, demand_line_id: p.demandLineId, unit_price_ore: p.unitPriceOre, vat_rate: p.vatRate })))
        .execute();
    }
    await trx.deleteFrom("joint_bid_payment").where("bid_id", "=", bidId).execute();
    const explicit = input.payments.filter((p) => p.unitPaymentOre !== null);
    if (explicit.length) {
      await trx
        .insertInto("joint_bid_payment")
        .values(
          explicit.map((p) => ({ bid_id: bidId, organisation_id: p.organisationId, demand_line_id: p.demandLineId, unit_payment_ore: p.unitPaymentOre! })),
        )
        .execute();
    }
    await upsertTerms(trx, bidId, viewer.id, { adminShareBasisPoints: input.adminShareBasisPoints });
    await recordEvent(trx, { bidId, userId: viewer.id, kind: "tender.prices" });
    return { ok: true };
  });
}

/** The lead or a coordinator sets the group's name and the agreement's terms. */
export async function saveTerms({
  db,
  viewer,
  access,
  input,
}: {
  db: Db;
  viewer: Viewer;
  access: BidAccess | null;
  input: Omit<TenderTerms, "adminShareBasisPoints">;
}): Promise<TenderResult> {
  if (!access) return fail({ kind: "notFound" });
  return inTransaction(db, async (trx) => {
    const managed = await managedOpenBid({ db: trx, bidId: access.bid.id, viewer });
    if (!managed.ok) return managed;
    await upsertTerms(trx, managed.bid.id, viewer.id, input);
    await recordEvent(trx, { bidId: managed.bid.id, userId: viewer.id, kind: "tender.terms" });
    return { ok: true };
  });
}

/**
 * An organisation's postal address, size and signatory for its ESPD and the agreement: written by
 * its own active members or a coordinator, for an organisation taking part in this bid.
 */
export async function saveTenderDetails({
  db,
  viewer,
  access,
  organisationId,
  input,
}: {
  db: Db;
  viewer: Viewer;
  access: BidAccess | null;
  organisationId: number;
  input: TenderDetails;
}): Promise<TenderResult> {
  if (!access) return fail({ kind: "notFound" });
  const own = await acceptedOwnOrganisations(db, access);
  const participant = await db
    .selectFrom("joint_bid_participant")
    .select("organisation_id")
    .where("bid_id", "=", access.bid.id)
    .where("organisation_id", "=", organisationId)
    .where("status", "=", "accepted")
    .executeTakeFirst();
  if (!participant) return fail({ kind: "notFound" });
  if (!own.includes(organisationId) && !access.permissions.isCoordinator) return fail({ kind: "forbidden" });
  return db.transaction().execute(async (trx) => {
    const row = {
      street_address: input.streetAddress,
      postal_code: input.postalCode,
      city: input.city,
      company_size: input.companySize,
      signatory_name: input.signatoryName,
      signatory_role: input.signatoryRole,
      updated_at: now(),
      updated_by: viewer.id,
    };
    await trx
      .insertInto("organisation_tender_details")
      .values({ organisation_id: organisationId, ...row })
      .onConflict((oc) => oc.column("organisation_id").doUpdateSet(row))
      .execute();
    await recordAudit(trx, { actorUserId: viewer.id, organisationId, entity: "organisation", entityId: organisationId, action: "tender_details" });
    return { ok: true };
  });
}

/**
 * Keeps the agreement as it stands, in the submission's transaction, so that later changes to
 * members' details cannot alter what was submitted.
 */
export async function freezeAgreement(trx: Trx, { bidId, userId }: { bidId: number; userId: string }): Promise<void> {
  const data = await loadTender({ db: trx, bidId });
  const row = { content_json: JSON.stringify(currentAgreement(data)), frozen_at: now(), frozen_by: userId };
  await trx
    .insertInto("joint_bid_agreement")
    .values({ bid_id: bidId, ...row })
    .onConflict((oc) => oc.column("bid_id").doUpdateSet(row))
    .execute();
}
