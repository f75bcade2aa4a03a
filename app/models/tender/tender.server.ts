import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import { effectiveStatus } from "../../domain/request";
import { DEFAULT_OCDS_PREFIX, ocid } from "../../domain/ocds";
import type { PlanSummary } from "../../domain/joint-bid";
import { isOpenForChanges } from "../../domain/joint-bid";
import type { Plan, PlanInput } from "../../domain/planner";
import { deliveriesOfPlan, paymentKey, tenderFigures, type LinePrice, type TenderFigures, type TenderLine } from "../../domain/tender/prices";
import {
  agreementContent,
  agreementFor,
  defaultTerms,
  figuresFor,
  priceVisibility,
  tenderProblems,
  type AgreementContent,
  type TenderParticipant,
  type TenderProblem,
  type TenderTerms,
} from "../../domain/tender/tender";
import type { BidAccess } from "../joint-bid/access.server";
import { targetGroupsOf } from "../target-groups.server";
import { demandLinesOf } from "../request.server";

/**
 * A joint bid as a tender, read: its prices, payments and terms, each member's details for its
 * ESPD, the consortium agreement as it stands, and the tender page. Access is the bid's
 * (getBidAccess). Changes are `changes.server.ts`, the files that leave (ESPD, tender pack,
 * exported prices) `exports.server.ts` beside this one (decisions 023 and 028).
 */

type Db = Kysely<Database>;
type Trx = Transaction<Database> | Db;

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

export async function linesOf(db: Trx, requestId: number): Promise<TenderData["lines"]> {
  const lines = await demandLinesOf({ db: db as Db, requestId });
  return lines.map((l) => ({ demandLineId: l.id, item: l.item, unit: l.unit, site: l.site, quantity: l.quantity, weekdays: l.weekdays }));
}

/** The accepted participants with what their ESPD and signature need. */
export async function participantsOf(db: Trx, bidId: number, leadOrganisationId: number | null): Promise<TenderParticipant[]> {
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
  const groups = await targetGroupsOf(
    db,
    rows.map((r) => r.organisation_id),
  );
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
    ? {
        adminShareBasisPoints: saved.admin_share_bp,
        groupName: saved.group_name,
        paymentDays: saved.payment_days,
        noticeMonths: saved.notice_months,
        substitutes: saved.substitutes,
      }
    : defaultTerms(lead?.name ?? null);
  const stored = await db
    .selectFrom("joint_bid_plan")
    .select(["input_json", "plan_json", "summary_json", "planned_at"])
    .where("bid_id", "=", bidId)
    .executeTakeFirst();
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
  return {
    content: agreementFor(content, { manage: access.permissions.manage, ownOrganisationIds: visible }),
    frozenAt: data.frozenAgreement?.frozenAt ?? null,
    bidId: data.bidId,
  };
}

/** The viewer's organisations that take part in the bid (accepted, not only invited or declined). */
export async function acceptedOwnOrganisations(db: Trx, access: BidAccess): Promise<number[]> {
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
      status: effectiveStatus(data.request, at),
      deadlineAt: data.request.deadlineAt,
      buyerName: data.request.buyer.name,
    },
    visibility,
    lines: data.lines,
    prices: visibility.bid ? Object.fromEntries(data.prices) : {},
    payments: visibility.all
      ? Object.fromEntries(data.payments)
      : Object.fromEntries([...data.payments].filter(([key]) => own.some((id) => key.startsWith(`${id}:`)))),
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
    espdOrganisations: insider
      ? data.participants.filter((p) => manage || own.includes(p.organisationId)).map((p) => ({ organisationId: p.organisationId, name: p.name }))
      : [],
    problems: insider ? data.problems : [],
    agreementFrozenAt: data.frozenAgreement?.frozenAt ?? null,
    insider,
  };
}

export type TenderPage = Awaited<ReturnType<typeof loadTenderPage>>;
