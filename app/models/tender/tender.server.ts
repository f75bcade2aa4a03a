/**
 * A joint bid as a tender: its prices, payments and terms, each member's details for its ESPD,
 * the consortium agreement (frozen at submission), every member's ESPD Response and what the
 * tender pack holds. Access is the bid's (getBidAccess); prices and terms are changed only by
 * those who manage the bid, an organisation's details only by its own members and coordinators.
 * Decision 023.
 */
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { effectiveStatus } from "../../domain/request";
import { DEFAULT_OCDS_PREFIX, ocid } from "../../domain/ocds";
import type { PlanSummary } from "../../domain/joint-bid";
import { isOpenForChanges } from "../../domain/joint-bid";
import type { Plan, PlanInput } from "../../domain/planner";
import { espdResponseXml, type EspdInput } from "../../domain/tender/espd";
import type { VatRate } from "../../domain/tender/money";
import { deliveriesOfPlan, paymentKey, tenderFigures, type LinePrice, type TenderFigures, type TenderLine } from "../../domain/tender/prices";
import {
  agreementContent,
  agreementFor,
  defaultTerms,
  figuresFor,
  priceVisibility,
  tenderProblems,
  type AgreementContent,
  type TenderDetails,
  type TenderParticipant,
  type TenderProblem,
  type TenderTerms,
} from "../../domain/tender/tender";
import { recordAudit } from "../audit-log.server";
import { recordEvent } from "../joint-bid/change.server";
import type { BidAccess, Viewer } from "../joint-bid/access.server";
import { targetGroupsOf } from "../target-groups.server";
import { demandLinesOf } from "../request.server";

type Db = Kysely<Database>;
type Trx = Transaction<Database> | Db;

const now = () => new Date().toISOString();

/** The prefix of the requests' OCDS identifiers, which the ESPDs and the agreement cite. */
const ocdsPrefix = () => process.env.OCDS_PREFIX || DEFAULT_OCDS_PREFIX;

export interface TenderRequest {
  id: number;
  title: string;
  description: string;
  kind: Database["request"]["kind"];
  status: Database["request"]["status"];
  periodFrom: string;
  periodTo: string;
  deadlineAt: string;
  buyer: { name: string; orgNumber: string };
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
}

/** Everything about a bid as a tender, before it is cut to what a viewer may see. */
export interface TenderData {
  bidId: number;
  status: Database["joint_bid"]["status"];
  planStale: boolean;
  leadOrganisationId: number | null;
  request: TenderRequest;
  lines: (TenderLine & { weekdays: number[] })[];
  prices: Map<number, LinePrice>;
  payments: Map<string, number>;
  terms: TenderTerms;
  termsSaved: boolean;
  participants: TenderParticipant[];
  plan: { input: PlanInput; plan: Plan; summary: PlanSummary; plannedAt: string } | null;
  figures: TenderFigures | null;
  problems: TenderProblem[];
  frozenAgreement: { content: AgreementContent; frozenAt: string } | null;
}

async function requestOf(db: Trx, bidId: number): Promise<TenderRequest> {
  const r = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .innerJoin("organisation as buyer", "buyer.id", "r.buyer_organisation_id")
    .select([
      "r.id",
      "r.title",
      "r.description",
      "r.kind",
      "r.status",
      "r.period_from",
      "r.period_to",
      "r.deadline_at",
      "r.contact_name",
      "r.contact_email",
      "r.contact_phone",
      "buyer.name as buyer_name",
      "buyer.org_number as buyer_org_number",
    ])
    .where("b.id", "=", bidId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    kind: r.kind,
    status: r.status,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    deadlineAt: r.deadline_at,
    buyer: { name: r.buyer_name, orgNumber: r.buyer_org_number },
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
  };
}

async function linesOf(db: Trx, requestId: number): Promise<TenderData["lines"]> {
  const lines = await demandLinesOf({ db: db as Db, requestId });
  return lines.map((l) => ({ demandLineId: l.id, item: l.item, unit: l.unit, site: l.site, quantity: l.quantity, weekdays: l.weekdays }));
}

/** The accepted participants with what their ESPD and signature need. */
async function participantsOf(db: Trx, bidId: number, leadOrganisationId: number | null): Promise<TenderParticipant[]> {
  const rows = await db
    .selectFrom("joint_bid_participant as p")
    .innerJoin("organisation as o", "o.id", "p.organisation_id")
    .leftJoin("organisation_tender_details as d", "d.organisation_id", "p.organisation_id")
    .select([
      "p.organisation_id",
      "p.confirmed_at",
      "o.name",
      "o.slug",
      "o.org_number",
      "o.workforce_share",
      "o.workforce_share_date",
      "o.verified_at",
      "o.contact_email",
      "o.contact_phone",
      "o.website",
      "d.street_address",
      "d.postal_code",
      "d.city",
      "d.company_size",
      "d.signatory_name",
      "d.signatory_role",
    ])
    .where("p.bid_id", "=", bidId)
    .where("p.status", "=", "accepted")
    .orderBy("o.name")
    .execute();
  const groups = await targetGroupsOf(db, rows.map((r) => r.organisation_id));
  const participants = rows.map((r) => ({
    organisationId: r.organisation_id,
    name: r.name,
    slug: r.slug,
    orgNumber: r.org_number,
    isLead: r.organisation_id === leadOrganisationId,
    confirmed: r.confirmed_at !== null,
    workforceShare: r.workforce_share,
    workforceShareDate: r.workforce_share_date,
    verifiedAt: r.verified_at,
    targetGroups: groups.get(r.organisation_id) ?? [],
    email: r.contact_email,
    phone: r.contact_phone,
    website: r.website,
    details:
      r.street_address === null
        ? null
        : {
            streetAddress: r.street_address,
            postalCode: r.postal_code!,
            city: r.city!,
            companySize: r.company_size!,
            signatoryName: r.signatory_name!,
            signatoryRole: r.signatory_role!,
          },
  }));
  // The lead first: it signs first and represents the group.
  return participants.sort((a, b) => Number(b.isLead) - Number(a.isLead));
}

/** Everything about the bid as a tender; call only for a viewer whose access was checked. */
export async function loadTender({ db, bidId }: { db: Trx; bidId: number }): Promise<TenderData> {
  const bid = await db.selectFrom("joint_bid").select(["id", "status", "plan_stale", "lead_organisation_id"]).where("id", "=", bidId).executeTakeFirstOrThrow();
  const request = await requestOf(db, bidId);
  const lines = await linesOf(db, request.id);
  const lineIds = new Set(lines.map((l) => l.demandLineId));
  const prices = new Map(
    (await db.selectFrom("joint_bid_price").select(["demand_line_id", "unit_price_ore", "vat_rate"]).where("bid_id", "=", bidId).execute())
      .filter((p) => lineIds.has(p.demand_line_id))
      .map((p) => [p.demand_line_id, { unitPriceOre: p.unit_price_ore, vatRate: p.vat_rate }] as const),
  );
  const payments = new Map(
    (await db.selectFrom("joint_bid_payment").select(["organisation_id", "demand_line_id", "unit_payment_ore"]).where("bid_id", "=", bidId).execute()).map(
      (p) => [paymentKey(p.organisation_id, p.demand_line_id), p.unit_payment_ore] as const,
    ),
  );
  const participants = await participantsOf(db, bidId, bid.lead_organisation_id);
  const lead = participants.find((p) => p.isLead);
  const saved = await db.selectFrom("joint_bid_terms").selectAll().where("bid_id", "=", bidId).executeTakeFirst();
  const terms: TenderTerms = saved
    ? { adminShareBasisPoints: saved.admin_share_bp, groupName: saved.group_name, paymentDays: saved.payment_days, noticeMonths: saved.notice_months, substitutes: saved.substitutes }
    : defaultTerms(lead?.name ?? null);
  const stored = await db.selectFrom("joint_bid_plan").select(["input_json", "plan_json", "summary_json", "planned_at"]).where("bid_id", "=", bidId).executeTakeFirst();
  const plan = stored
    ? {
        input: JSON.parse(stored.input_json) as PlanInput,
        plan: JSON.parse(stored.plan_json) as Plan,
        summary: JSON.parse(stored.summary_json) as PlanSummary,
        plannedAt: stored.planned_at,
      }
    : null;
  let figures: TenderFigures | null = null;
  if (plan) {
    const { deliveries, demandDates } = deliveriesOfPlan(plan.input, plan.plan);
    figures = tenderFigures({
      lines,
      prices,
      deliveries,
      demandDates,
      participantIds: participants.map((p) => p.organisationId),
      adminShareBasisPoints: terms.adminShareBasisPoints,
      payments,
    });
  }
  const frozen = await db.selectFrom("joint_bid_agreement").select(["content_json", "frozen_at"]).where("bid_id", "=", bidId).executeTakeFirst();
  return {
    bidId,
    status: bid.status,
    planStale: bid.plan_stale,
    leadOrganisationId: bid.lead_organisation_id,
    request,
    lines,
    prices,
    payments,
    terms,
    termsSaved: saved !== undefined,
    participants,
    plan,
    figures,
    problems: tenderProblems({
      status: bid.status,
      requestKind: request.kind,
      hasLead: lead !== undefined,
      hasPlan: plan !== null,
      planStale: bid.plan_stale,
      lines,
      prices,
      participants,
    }),
    frozenAgreement: frozen ? { content: JSON.parse(frozen.content_json) as AgreementContent, frozenAt: frozen.frozen_at } : null,
  };
}

/** Units each participant delivers on each line over the period, from the plan. */
function deliveriesByParty(data: TenderData): AgreementContent["deliveries"] {
  if (!data.plan) return [];
  const totals = new Map<string, { organisationId: number; demandLineId: number; units: number }>();
  for (const d of deliveriesOfPlan(data.plan.input, data.plan.plan).deliveries) {
    const key = paymentKey(d.organisationId, d.demandLineId);
    const row = totals.get(key) ?? { organisationId: d.organisationId, demandLineId: d.demandLineId, units: 0 };
    row.units += d.quantity;
    totals.set(key, row);
  }
  return [...totals.values()];
}

/** The agreement's content as the bid stands now. */
export function currentAgreement(data: TenderData): AgreementContent {
  return agreementContent({
    terms: data.terms,
    request: {
      title: data.request.title,
      buyerName: data.request.buyer.name,
      ocid: ocid(ocdsPrefix(), data.request.id),
      periodFrom: data.request.periodFrom,
      periodTo: data.request.periodTo,
      reserved: data.request.kind === "reserved",
    },
    participants: data.participants,
    lines: data.lines,
    prices: data.prices,
    figures: data.figures,
    deliveriesByParty: deliveriesByParty(data),
    summary: data.plan?.summary ?? null,
    plannedAt: data.plan?.plannedAt ?? null,
  });
}

/** The agreement a viewer sees: the frozen one once the bid was submitted, else the current one; appendices cut to the viewer's own. */
export async function agreementForViewer({ db, access }: { db: Db; access: BidAccess }) {
  const data = await loadTender({ db, bidId: access.bid.id });
  const visible = await acceptedOwnOrganisations(db, access);
  const content = data.frozenAgreement?.content ?? currentAgreement(data);
  return { content: agreementFor(content, { manage: access.permissions.manage, ownOrganisationIds: visible }), frozenAt: data.frozenAgreement?.frozenAt ?? null, bidId: data.bidId };
}

/** The viewer's organisations that take part in the bid (accepted, not only invited or declined). */
async function acceptedOwnOrganisations(db: Trx, access: BidAccess): Promise<number[]> {
  const own = access.permissions.ownOrganisationIds;
  if (own.length === 0) return [];
  const rows = await db
    .selectFrom("joint_bid_participant")
    .select("organisation_id")
    .where("bid_id", "=", access.bid.id)
    .where("organisation_id", "in", own)
    .where("status", "=", "accepted")
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** The tender page: the prices cut to what the viewer may see, the forms the viewer may use, and what blocks the pack. */
export async function loadTenderPage({ db, access, at = new Date() }: { db: Db; access: BidAccess; at?: Date }) {
  const data = await loadTender({ db, bidId: access.bid.id });
  const own = await acceptedOwnOrganisations(db, access);
  const deadlinePassed = Date.parse(data.request.deadlineAt) <= at.getTime();
  const visibility = priceVisibility({ manage: access.permissions.manage, isBuyer: access.permissions.isBuyer, ownOrganisationIds: own }, deadlinePassed);
  const manage = access.permissions.manage;
  const editable = manage && isOpenForChanges(data.status);
  const insider = manage || own.length > 0;
  return {
    bidId: data.bidId,
    status: data.status,
    request: {
      id: data.request.id,
      title: data.request.title,
      kind: data.request.kind,
      status: effectiveStatus({ status: data.request.status, deadline_at: data.request.deadlineAt }, at),
      deadlineAt: data.request.deadlineAt,
      buyerName: data.request.buyer.name,
    },
    visibility,
    lines: data.lines,
    prices: visibility.bid ? Object.fromEntries(data.prices) : {},
    payments: visibility.all ? Object.fromEntries(data.payments) : Object.fromEntries([...data.payments].filter(([key]) => own.some((id) => key.startsWith(`${id}:`)))),
    terms: insider ? data.terms : null,
    figures: figuresFor(data.figures, visibility),
    participants: data.participants.map((p) => ({
      organisationId: p.organisationId,
      name: p.name,
      isLead: p.isLead,
      details: manage || own.includes(p.organisationId) ? p.details : null,
      hasDetails: p.details !== null,
    })),
    /** Organisations whose ESPD details form the viewer may fill in. */
    detailsEditable: access.permissions.isCoordinator ? data.participants.map((p) => p.organisationId) : own,
    editable,
    /** The pack and every ESPD: those who manage the bid. Own ESPDs: each participant. */
    maySeePack: manage,
    espdOrganisations: insider ? data.participants.filter((p) => manage || own.includes(p.organisationId)).map((p) => ({ organisationId: p.organisationId, name: p.name })) : [],
    problems: insider ? data.problems : [],
    agreementFrozenAt: data.frozenAgreement?.frozenAt ?? null,
    insider,
  };
}

export type TenderPage = Awaited<ReturnType<typeof loadTenderPage>>;

// --- Changes ------------------------------------------------------------------------------------

export type TenderResult = { ok: true } | { ok: false; error: "notFound" | "forbidden" | "closed" | "invalid"; field?: string };

export interface PriceInput {
  prices: { demandLineId: number; unitPriceOre: number; vatRate: VatRate }[];
  adminShareBasisPoints: number;
  /** A participant's payment per unit on a line; null: the price less the lead's share. */
  payments: { organisationId: number; demandLineId: number; unitPaymentOre: number | null }[];
}

async function managedOpenBid(trx: Trx, access: BidAccess | null): Promise<TenderResult> {
  if (!access) return { ok: false, error: "notFound" };
  if (!access.permissions.manage) return { ok: false, error: "forbidden" };
  const bid = await trx.selectFrom("joint_bid").select("status").where("id", "=", access.bid.id).executeTakeFirstOrThrow();
  if (!isOpenForChanges(bid.status)) return { ok: false, error: "closed" };
  return { ok: true };
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
    ? { adminShareBasisPoints: existing.admin_share_bp, groupName: existing.group_name, paymentDays: existing.payment_days, noticeMonths: existing.notice_months, substitutes: existing.substitutes }
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
export async function savePrices({ db, viewer, access, input }: { db: Db; viewer: Viewer; access: BidAccess | null; input: PriceInput }): Promise<TenderResult> {
  return db.transaction().execute(async (trx) => {
    const allowed = await managedOpenBid(trx, access);
    if (!allowed.ok) return allowed;
    const bidId = access!.bid.id;
    const lines = new Set((await linesOf(trx, access!.bid.request_id)).map((l) => l.demandLineId));
    const participants = new Set((await participantsOf(trx, bidId, access!.bid.lead_organisation_id)).map((p) => p.organisationId));
    if (input.prices.some((p) => !lines.has(p.demandLineId))) return { ok: false, error: "invalid", field: "prices" };
    const price = new Map(input.prices.map((p) => [p.demandLineId, p.unitPriceOre]));
    for (const p of input.payments) {
      if (!participants.has(p.organisationId) || !lines.has(p.demandLineId)) return { ok: false, error: "invalid", field: "payments" };
      if (p.unitPaymentOre !== null && p.unitPaymentOre > (price.get(p.demandLineId) ?? 0)) {
        return { ok: false, error: "invalid", field: `payment-${p.organisationId}-${p.demandLineId}` };
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
        .values(explicit.map((p) => ({ bid_id: bidId, organisation_id: p.organisationId, demand_line_id: p.demandLineId, unit_payment_ore: p.unitPaymentOre! })))
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
  return db.transaction().execute(async (trx) => {
    const allowed = await managedOpenBid(trx, access);
    if (!allowed.ok) return allowed;
    await upsertTerms(trx, access!.bid.id, viewer.id, input);
    await recordEvent(trx, { bidId: access!.bid.id, userId: viewer.id, kind: "tender.terms" });
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
  if (!access) return { ok: false, error: "notFound" };
  const own = await acceptedOwnOrganisations(db, access);
  const participant = await db
    .selectFrom("joint_bid_participant")
    .select("organisation_id")
    .where("bid_id", "=", access.bid.id)
    .where("organisation_id", "=", organisationId)
    .where("status", "=", "accepted")
    .executeTakeFirst();
  if (!participant) return { ok: false, error: "notFound" };
  if (!own.includes(organisationId) && !access.permissions.isCoordinator) return { ok: false, error: "forbidden" };
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
    return { ok: true as const };
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

// --- ESPD ---------------------------------------------------------------------------------------

/** A UUID named by the bid and member (RFC 4122 version 5 layout over SHA-1): the same file keeps its UUID. */
function namedUuid(name: string): string {
  const hex = createHash("sha1").update(`social-trade-lund:espd:${name}`).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Date and time on Lund's clock with the offset, as ESPD writes them. */
function stockholmNow(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Europe/Stockholm",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === "GMT" ? "+00:00" : parts.timeZoneName.replace("GMT", "").replace("−", "-");
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}${offset}` };
}

export interface EspdFile {
  organisationId: number;
  name: string;
  fileName: string;
  xml: string;
}

/** Why a member's ESPD cannot be made yet: its details, or (reserved) a verified workforce share. */
export interface EspdProblem {
  problem: "details" | "share";
  name: string;
}

function espdFile(data: TenderData, participant: TenderParticipant, at: Date): EspdFile | EspdProblem {
  if (!participant.details) return { problem: "details", name: participant.name };
  const reserved = data.request.kind === "reserved";
  if (reserved && (participant.workforceShare === null || !participant.workforceShareDate || !participant.verifiedAt)) return { problem: "share", name: participant.name };
  const { date, time } = stockholmNow(at);
  const digits = participant.orgNumber.replace(/\D/g, "");
  const input: EspdInput = {
    documentId: `STL-ESPD-${data.bidId}-${digits}`,
    uuid: namedUuid(`${data.bidId}:${participant.organisationId}`),
    issueDate: date,
    issueTime: time,
    procedure: {
      ocid: ocid(ocdsPrefix(), data.request.id),
      title: data.request.title,
      description: data.request.description,
      buyer: { name: data.request.buyer.name, orgNumber: data.request.buyer.orgNumber, contactName: data.request.contactName, email: data.request.contactEmail, phone: data.request.contactPhone },
    },
    operator: {
      name: participant.name,
      orgNumber: participant.orgNumber,
      streetAddress: participant.details.streetAddress,
      postalCode: participant.details.postalCode,
      city: participant.details.city,
      size: participant.details.companySize,
      contactName: participant.details.signatoryName,
      email: participant.email,
      phone: participant.phone,
      website: participant.website,
    },
    role: participant.isLead ? "group-lead" : "group-mem",
    groupName: data.terms.groupName,
    others: data.participants.filter((p) => p !== participant).map((p) => ({ name: p.name, orgNumber: p.orgNumber })),
    reserved:
      reserved && participant.workforceShare !== null
        ? { sharePercent: participant.workforceShare, shareDate: participant.workforceShareDate!, verifiedAt: participant.verifiedAt!.slice(0, 10), targetGroups: participant.targetGroups }
        : null,
  };
  return { organisationId: participant.organisationId, name: participant.name, fileName: `espd-${digits}-${participant.slug}.xml`, xml: espdResponseXml(input) };
}

/**
 * One member's ESPD Response for a viewer who may have it: a member its own organisation's, those
 * who manage the bid every member's. Null when the viewer may not, or the organisation takes no part.
 */
export async function espdForViewer({
  db,
  access,
  organisationId,
  at = new Date(),
}: {
  db: Db;
  access: BidAccess;
  organisationId: number;
  at?: Date;
}): Promise<EspdFile | EspdProblem | null> {
  const own = await acceptedOwnOrganisations(db, access);
  if (!access.permissions.manage && !own.includes(organisationId)) return null;
  const data = await loadTender({ db, bidId: access.bid.id });
  const participant = data.participants.find((p) => p.organisationId === organisationId);
  return participant ? espdFile(data, participant, at) : null;
}

/** What the tender pack holds, for those who manage the bid; the problems when it cannot be made. */
export async function tenderPackContent({ db, access, at = new Date() }: { db: Db; access: BidAccess; at?: Date }) {
  if (!access.permissions.manage) return { ok: false as const, error: "forbidden" as const };
  const data = await loadTender({ db, bidId: access.bid.id });
  if (data.problems.length > 0 || !data.figures || !data.plan) return { ok: false as const, error: "blocked" as const, problems: data.problems };
  const espd = data.participants.map((p) => espdFile(data, p, at)).filter((f): f is EspdFile => "xml" in f);
  return {
    ok: true as const,
    data,
    figures: data.figures,
    agreement: data.frozenAgreement?.content ?? currentAgreement(data),
    agreementFrozenAt: data.frozenAgreement?.frozenAt ?? null,
    espd,
  };
}

/** Prices of the bid for its JSON export, cut to what the viewer may see; null when none. */
export async function exportedPrices({ db, access, at = new Date() }: { db: Db; access: BidAccess; at?: Date }) {
  const page = await loadTenderPage({ db, access, at });
  if (!page.visibility.bid) return null;
  return {
    currency: "SEK",
    amountsIn: "öre",
    lines: page.lines.map((l) => ({ demandLineId: l.demandLineId, item: l.item, site: l.site, quantity: l.quantity, ...(page.prices[l.demandLineId] ?? { unitPriceOre: null, vatRate: null }) })),
    adminShareBasisPoints: page.visibility.all ? (page.terms?.adminShareBasisPoints ?? 0) : undefined,
    figures: page.figures && (page.figures.leadShareVisible ? page.figures : withoutLeadShare(page.figures)),
  };
}

/** The figures without the lead's share, for those who may not see it. */
function withoutLeadShare<F extends { months: { leadShare: number }[]; total: { leadShare: number } }>(figures: F) {
  const strip = <M extends { leadShare: number }>({ leadShare: _, ...rest }: M) => rest;
  return { ...figures, months: figures.months.map(strip), total: strip(figures.total) };
}
