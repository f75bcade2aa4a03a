/**
 * A joint bid as a tender: the consortium's terms, what still blocks the tender pack and who must
 * fix it, the consortium agreement's content, and what each viewer may see of the prices.
 * Pure; the model loads the data and the pages and the pack turn it into text. Decision 023.
 */
import type { JointBidStatus } from "../joint-bid";
import type { RequestKind } from "../request";
import { eligibilityReasons, isOpenForChanges, type EligibilityReason, type PlanSummary } from "../joint-bid";
import type { LinePrice, ParticipantFigures, TenderFigures, TenderLine } from "./prices";

/** An economic operator's size as ESPD names it (the EU's economic-operator-size code list). */
export const companySizes = ["micro", "small", "medium", "large"] as const;
export type CompanySize = (typeof companySizes)[number];

export interface TenderTerms {
  adminShareBasisPoints: number;
  groupName: string;
  paymentDays: number;
  noticeMonths: number;
  substitutes: string;
}

/** Until the consortium saves its own: no share, the lead's name for the group, 10 days' payment, three months' notice. */
export function defaultTerms(leadName: string | null): TenderTerms {
  return { adminShareBasisPoints: 0, groupName: leadName ? `Konsortiet ${leadName} m.fl.` : "Konsortiet", paymentDays: 10, noticeMonths: 3, substitutes: "" };
}

export interface TenderDetails {
  streetAddress: string;
  postalCode: string;
  city: string;
  companySize: CompanySize;
  signatoryName: string;
  signatoryRole: string;
}

export interface TenderParticipant {
  organisationId: number;
  name: string;
  slug: string;
  orgNumber: string;
  isLead: boolean;
  confirmed: boolean;
  workforceShare: number | null;
  workforceShareDate: string | null;
  verifiedAt: string | null;
  targetGroups: string[];
  email: string | null;
  phone: string | null;
  website: string | null;
  details: TenderDetails | null;
}

/** What stops the tender pack, each naming who must act. */
export type TenderProblem =
  | { kind: "closed" }
  | { kind: "noLead" }
  | { kind: "noPlan" }
  | { kind: "planStale" }
  | { kind: "notConfirmed"; organisation: string }
  | { kind: "priceMissing"; item: string; site: string }
  | { kind: "detailsMissing"; organisation: string }
  | { kind: "notEligible"; organisation: string; reasons: EligibilityReason[] };

export function tenderProblems({
  status,
  requestKind,
  hasLead,
  hasPlan,
  planStale,
  lines,
  prices,
  participants,
}: {
  status: JointBidStatus;
  requestKind: RequestKind;
  hasLead: boolean;
  hasPlan: boolean;
  planStale: boolean;
  lines: readonly TenderLine[];
  prices: ReadonlyMap<number, LinePrice>;
  participants: readonly TenderParticipant[];
}): TenderProblem[] {
  const problems: TenderProblem[] = [];
  if (!isOpenForChanges(status) && status !== "submitted" && status !== "won") problems.push({ kind: "closed" });
  if (!hasLead) problems.push({ kind: "noLead" });
  if (!hasPlan) problems.push({ kind: "noPlan" });
  else if (planStale) problems.push({ kind: "planStale" });
  for (const p of participants) if (!p.confirmed) problems.push({ kind: "notConfirmed", organisation: p.name });
  for (const line of lines) if (!prices.has(line.demandLineId)) problems.push({ kind: "priceMissing", item: line.item, site: line.site });
  for (const p of participants) {
    if (!p.details) problems.push({ kind: "detailsMissing", organisation: p.name });
    if (requestKind === "reserved") {
      const reasons = eligibilityReasons({ workforce_share: p.workforceShare, workforce_share_date: p.workforceShareDate, verified_at: p.verifiedAt });
      if (reasons.length > 0) problems.push({ kind: "notEligible", organisation: p.name, reasons });
    }
  }
  return problems;
}

/**
 * Who takes over when a member cannot deliver: the others, those with the most confirmed capacity
 * the plan left unused first (ties by name).
 */
export function takeoverOrder(
  summary: PlanSummary | null,
  participants: readonly { organisationId: number; name: string }[],
): { organisationId: number; name: string; spare: number }[] {
  const load = new Map((summary?.participants ?? []).map((p) => [p.organisationId, p]));
  return participants
    .map((p) => {
      const l = load.get(p.organisationId);
      return { organisationId: p.organisationId, name: p.name, spare: l ? Math.max(0, l.capacity - l.allocated) : 0 };
    })
    .sort((a, b) => b.spare - a.spare || a.name.localeCompare(b.name, "sv"));
}

/** Everything the consortium agreement says, as data: frozen as it is at submission, rendered per language. */
export interface AgreementContent {
  groupName: string;
  request: { title: string; buyerName: string; ocid: string; periodFrom: string; periodTo: string; reserved: boolean };
  lead: { organisationId: number; name: string; orgNumber: string } | null;
  parties: {
    organisationId: number;
    name: string;
    orgNumber: string;
    isLead: boolean;
    address: string | null;
    signatoryName: string | null;
    signatoryRole: string | null;
  }[];
  lines: (TenderLine & { price: LinePrice | null; deliveries: number })[];
  /** Units each party delivers on each line over the period, from the plan. */
  deliveries: { organisationId: number; demandLineId: number; units: number }[];
  plannedAt: string | null;
  takeover: { organisationId: number; name: string }[];
  terms: TenderTerms;
  total: { exVat: number; vat: number; incVat: number } | null;
  /** Each party's payment per unit per line (its appendix). */
  payments: { organisationId: number; demandLineId: number; unitPaymentOre: number }[];
}

export function agreementContent({
  terms,
  request,
  participants,
  lines,
  prices,
  figures,
  deliveriesByParty,
  summary,
  plannedAt,
}: {
  terms: TenderTerms;
  request: AgreementContent["request"];
  participants: readonly TenderParticipant[];
  lines: readonly TenderLine[];
  prices: ReadonlyMap<number, LinePrice>;
  figures: TenderFigures | null;
  deliveriesByParty: AgreementContent["deliveries"];
  summary: PlanSummary | null;
  plannedAt: string | null;
}): AgreementContent {
  const lead = participants.find((p) => p.isLead) ?? null;
  const demandCount = new Map((figures?.lines ?? []).map((l) => [l.demandLineId, l.deliveries]));
  return {
    groupName: terms.groupName,
    request,
    lead: lead && { organisationId: lead.organisationId, name: lead.name, orgNumber: lead.orgNumber },
    parties: participants.map((p) => ({
      organisationId: p.organisationId,
      name: p.name,
      orgNumber: p.orgNumber,
      isLead: p.isLead,
      address: p.details ? `${p.details.streetAddress}, ${p.details.postalCode} ${p.details.city}` : null,
      signatoryName: p.details?.signatoryName ?? null,
      signatoryRole: p.details?.signatoryRole ?? null,
    })),
    lines: lines.map((l) => ({ ...l, price: prices.get(l.demandLineId) ?? null, deliveries: demandCount.get(l.demandLineId) ?? 0 })),
    deliveries: deliveriesByParty,
    plannedAt,
    takeover: takeoverOrder(summary, participants).map(({ organisationId, name }) => ({ organisationId, name })),
    terms,
    total: figures ? { exVat: figures.total.exVat, vat: figures.total.vat, incVat: figures.total.incVat } : null,
    payments: (figures?.participants ?? []).flatMap((p) =>
      p.payments.map((x) => ({ organisationId: p.organisationId, demandLineId: x.demandLineId, unitPaymentOre: x.unitPaymentOre })),
    ),
  };
}

/** What a viewer may see of an agreement: every appendix for those who manage the bid, else only their own organisations'. */
export function agreementFor(content: AgreementContent, viewer: { manage: boolean; ownOrganisationIds: readonly number[] }): AgreementContent {
  if (viewer.manage) return content;
  return { ...content, payments: content.payments.filter((p) => viewer.ownOrganisationIds.includes(p.organisationId)) };
}

/** The prices as a viewer may see them. */
export interface PriceVisibility {
  /** Prices per line, what the buyer pays per delivery, the value per month and in total. */
  bid: boolean;
  /** The lead's share and every participant's payments and revenue. */
  all: boolean;
  /** Participants whose own payments and revenue the viewer sees. */
  own: readonly number[];
}

/**
 * Who sees which prices: the lead's members and coordinators everything; a participant the bid's
 * prices and totals and its own payments and revenue; the buyer the bid's prices only once its
 * response deadline has passed (a tender is opened after the deadline); nobody else anything.
 */
export function priceVisibility(
  viewer: { manage: boolean; isBuyer: boolean; ownOrganisationIds: readonly number[] },
  deadlinePassed: boolean,
): PriceVisibility {
  if (viewer.manage) return { bid: true, all: true, own: [] };
  if (viewer.ownOrganisationIds.length > 0) return { bid: true, all: false, own: viewer.ownOrganisationIds };
  if (viewer.isBuyer && deadlinePassed) return { bid: true, all: false, own: [] };
  return { bid: false, all: false, own: [] };
}

/** The figures cut to what the viewer may see; null when it may see none. */
export function figuresFor(
  figures: TenderFigures | null,
  visibility: PriceVisibility,
): (Omit<TenderFigures, "participants"> & { participants: ParticipantFigures[]; leadShareVisible: boolean }) | null {
  if (!figures || !visibility.bid) return null;
  const participants = visibility.all ? figures.participants : figures.participants.filter((p) => visibility.own.includes(p.organisationId));
  if (visibility.all) return { ...figures, participants, leadShareVisible: true };
  const hide = <T extends { leadShare: number }>(m: T): T => ({ ...m, leadShare: 0 });
  return { ...figures, months: figures.months.map(hide), total: hide(figures.total), participants, leadShareVisible: false };
}
