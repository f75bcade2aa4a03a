/**
 * Reading joint bids: the list a viewer may see and everything the bid page shows.
 */
import { capacityServes, type FitCapacityLine } from "../../domain/capacity-fit";
import {
  availablePerDelivery,
  commitmentDates,
  eligibilityReasons,
  isOpenForChanges,
  type BidPlanSummary,
  type PlanSummary,
  type RequestPeriod,
} from "../../domain/joint-bid";
import type { BidListItem, BidPageView, BidParticipantView } from "../../domain/joint-bid-view";
import { can } from "../../domain/permissions";
import { isOpenForResponses } from "../../domain/request";
import { loadViewer } from "../acting-organisations.server";
import type { BidAccess, Viewer } from "./access.server";
import { demandSources, listBidCandidates } from "./candidates.server";
import { byLineId, commitmentDays, fitLinesOf, heldOnLines, lineQuery } from "./capacity.server";
import type { Db } from "./change.server";
import { participantOrganisations } from "./participants.server";

/**
 * Bids the viewer may see: all for coordinators, else those of their organisations and, once
 * submitted, those on their requests. With a request id, only the bids on that request (for the
 * request page).
 */
export async function listBidsForViewer({ db, viewer, requestId }: { db: Db; viewer: Viewer; requestId?: number }): Promise<BidListItem[]> {
  const acting = await loadViewer({ db, user: viewer });
  const coordinator = can(acting, "coordinate");
  const orgIds = acting.organisations.map((o) => o.id);
  if (!coordinator && orgIds.length === 0) return [];
  let query = db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .leftJoin("organisation as lead", "lead.id", "b.lead_organisation_id")
    .leftJoin("joint_bid_plan as plan", "plan.bid_id", "b.id")
    .select((eb) => [
      "b.id",
      "b.status",
      "b.request_id",
      "r.title",
      "lead.name as lead_name",
      "b.updated_at",
      eb
        .selectFrom("joint_bid_participant as p")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("p.bid_id", "=", "b.id")
        .where("p.status", "!=", "declined")
        .as("participants"),
      "plan.summary_json",
    ]);
  if (requestId !== undefined) query = query.where("b.request_id", "=", requestId);
  // The table's "bid.see" as a query: the lead's, the participants', and a submitted bid's buyer.
  if (!coordinator) {
    query = query.where((eb) =>
      eb.or([
        eb("b.lead_organisation_id", "in", orgIds),
        eb.exists(eb.selectFrom("joint_bid_participant as p").select("p.bid_id").whereRef("p.bid_id", "=", "b.id").where("p.organisation_id", "in", orgIds)),
        eb.and([eb("r.buyer_organisation_id", "in", orgIds), eb("b.submitted_at", "is not", null)]),
      ]),
    );
  }
  const rows = await query.orderBy("b.updated_at", "desc").execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    requestId: r.request_id,
    requestTitle: r.title,
    leadName: r.lead_name,
    participants: Number(r.participants),
    // Read in JavaScript: the summary is a small JSON text, and JSON functions differ between databases.
    coverage: r.summary_json === null ? null : ((JSON.parse(r.summary_json) as Partial<PlanSummary>).coverage ?? null),
    updatedAt: r.updated_at,
  }));
}

/** Everything the bid page shows, for a viewer whose access was checked. */
export async function loadBidPage({ db, access }: { db: Db; access: BidAccess }): Promise<BidPageView> {
  const bidId = access.bid.id;
  const bid = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .innerJoin("organisation as buyer", "buyer.id", "r.buyer_organisation_id")
    .leftJoin("organisation as lead", "lead.id", "b.lead_organisation_id")
    .select([
      "b.id",
      "b.status",
      "b.created_at",
      "b.submitted_at",
      "b.plan_stale",
      "lead.name as lead_name",
      "b.lead_organisation_id",
      "r.id as request_id",
      "r.title",
      "r.kind",
      "r.status as request_status",
      "r.cpv_code",
      "r.period_from",
      "r.period_to",
      "r.deliver_on_holidays",
      "r.deadline_at",
      "buyer.name as buyer_name",
    ])
    .where("b.id", "=", bidId)
    .executeTakeFirstOrThrow();
  const period: RequestPeriod = { from: bid.period_from, to: bid.period_to, skipHolidays: !bid.deliver_on_holidays };
  const demand = await demandSources(db, bid.request_id);
  const participants = await participantOrganisations(db, bidId);
  const commitments = await db
    .selectFrom("joint_bid_commitment as c")
    .innerJoin("capacity_line as l", "l.id", "c.capacity_line_id")
    .innerJoin("offering as o", "o.id", "l.offering_id")
    .select(["c.id", "c.organisation_id", "c.capacity_line_id", "c.item", "c.quantity", "o.title as offering_title"])
    .where("c.bid_id", "=", bidId)
    .orderBy("c.id")
    .execute();
  const commitmentLines = await fitLinesOf(
    db,
    commitments.length
      ? await lineQuery(db)
          .where("capacity_line.id", "in", [...new Set(commitments.map((c) => c.capacity_line_id))])
          .execute()
      : [],
  );
  const lines = byLineId(commitmentLines);
  const days = await commitmentDays(
    db,
    commitments.map((c) => c.id),
  );
  const own = new Set(access.permissions.ownOrganisationIds);
  // What is free and which items a line serves are needed only for the forms of the viewer's own
  // commitments; a coordinator's or buyer's view of a region-scale bid skips them.
  const ownCommitments = commitments.filter((c) => own.has(c.organisation_id));
  const held = await heldOnLines(db, new Map(ownCommitments.map((c) => [c.capacity_line_id, lines.get(c.capacity_line_id)!])), { bidId });
  const datesOf = new Map(commitments.map((c) => [c.id, commitmentDates(period, lines.get(c.capacity_line_id)!, days.weekdays(c.id))]));
  /** Free for one commitment: after other bids, and after the bid's other commitments on the same line. */
  const availableFor = (c: (typeof commitments)[number]) => {
    const siblings = ownCommitments
      .filter((o) => o.capacity_line_id === c.capacity_line_id && o.id !== c.id)
      .map((o) => ({ quantity: o.quantity, dates: datesOf.get(o.id)! }));
    return availablePerDelivery(lines.get(c.capacity_line_id)!, [...(held.get(c.capacity_line_id) ?? []), ...siblings], datesOf.get(c.id)!);
  };
  // The lines a participant may promise from, and the items each may be promised for: those it serves.
  const ownLines = own.size
    ? await fitLinesOf(
        db,
        await lineQuery(db)
          .where("offering.organisation_id", "in", [...own])
          .orderBy("offering.title")
          .orderBy("capacity_line.id")
          .execute(),
      )
    : [];
  const servedItems = (fit: FitCapacityLine) => [...new Set(demand.filter((d) => capacityServes(fit, d, period)).map((d) => d.item))];
  const itemsOfLine = new Map(commitmentLines.filter((l) => own.has(l.organisationId)).map((l) => [l.fit.line.id, servedItems(l.fit)]));

  const participantViews: BidParticipantView[] = participants.map((p) => ({
    organisationId: p.organisation_id,
    name: p.name,
    slug: p.slug,
    orgNumber: p.org_number,
    status: p.status,
    isLead: p.organisation_id === bid.lead_organisation_id,
    confirmedAt: p.confirmed_at,
    eligibility: eligibilityReasons(p),
    workforceShare: p.workforce_share,
    workforceShareDate: p.workforce_share_date,
    mine: own.has(p.organisation_id),
    capacityLines: ownLines
      .filter((l) => l.organisationId === p.organisation_id && servedItems(l.fit).length > 0)
      .map((l) => ({
        id: l.fit.line.id,
        offeringTitle: l.offeringTitle,
        quantity: l.fit.line.quantity,
        period: l.fit.line.period,
        sites: [...l.fit.line.sites],
      })),
    commitments: commitments
      .filter((c) => c.organisation_id === p.organisation_id)
      .map((c) => {
        const line = lines.get(c.capacity_line_id)!;
        const weekdays = days.weekdays(c.id);
        return {
          id: c.id,
          capacityLineId: c.capacity_line_id,
          offeringTitle: c.offering_title,
          lineQuantity: line.quantity,
          linePeriod: line.period,
          lineWeekdays: [...line.weekdays],
          lineSites: [...line.sites],
          item: c.item,
          items: itemsOfLine.get(line.id) ?? [],
          available: own.has(c.organisation_id) ? availableFor(c) : null,
          quantity: c.quantity,
          weekdays,
          sites: days.sites(c.id),
          deliveries: datesOf.get(c.id)!.length,
        };
      }),
  }));

  const plan = await db.selectFrom("joint_bid_plan").select(["summary_json", "planned_at"]).where("bid_id", "=", bidId).executeTakeFirst();
  const amendedAfterPlan = plan
    ? await db
        .selectFrom("request_change")
        .select("id")
        .where("request_id", "=", bid.request_id)
        .where("kind", "=", "amendment")
        .where("created_at", ">", plan.planned_at)
        .executeTakeFirst()
    : undefined;
  const events = await db
    .selectFrom("joint_bid_event as e")
    .leftJoin("user as u", "u.id", "e.user_id")
    .leftJoin("organisation as o", "o.id", "e.organisation_id")
    .select(["e.id", "e.at", "e.kind", "e.details", "u.name as user_name", "o.name as organisation_name"])
    .where("e.bid_id", "=", bidId)
    .orderBy("e.id", "desc")
    .limit(200)
    .execute();
  const taken = new Set(participants.map((p) => p.organisation_id));
  const invitable = access.permissions.manage && isOpenForChanges(bid.status) ? (await listBidCandidates({ db })).filter((c) => !taken.has(c.id)) : [];
  const items = new Map(demand.map((d) => [d.item, d.unit]));

  return {
    id: bid.id,
    status: bid.status,
    createdAt: bid.created_at,
    submittedAt: bid.submitted_at,
    planStale: bid.plan_stale,
    requestAmendedSincePlan: amendedAfterPlan !== undefined,
    leadName: bid.lead_name,
    request: {
      id: bid.request_id,
      title: bid.title,
      kind: bid.kind,
      status: bid.request_status,
      cpvCode: bid.cpv_code,
      periodFrom: bid.period_from,
      periodTo: bid.period_to,
      deliverOnHolidays: bid.deliver_on_holidays,
      buyerName: bid.buyer_name,
      deadlineAt: bid.deadline_at,
      open: isOpenForResponses({ status: bid.request_status, deadlineAt: bid.deadline_at }, new Date()),
      items: [...items].map(([item, unit]) => ({ item, unit })),
      demand: demand.map((d) => ({ item: d.item, unit: d.unit, site: d.site, weekdays: [...d.weekdays], quantity: d.quantity })),
    },
    participants: participantViews,
    plan: plan ? { ...(JSON.parse(plan.summary_json) as BidPlanSummary), plannedAt: plan.planned_at } : null,
    events: events.map((e) => ({ id: e.id, at: e.at, kind: e.kind, details: e.details, userName: e.user_name, organisationName: e.organisation_name })),
    invitable,
  };
}
