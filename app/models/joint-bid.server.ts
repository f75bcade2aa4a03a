/**
 * Joint bids: who may see and change one, participants, commitments with the no-over-booking
 * rule, planning and storing the plan, status changes, history, exports. Every function takes one
 * object argument and returns null or a result; none mentions HTTP.
 * See docs/decisions/008-commitments-overbooking-plan-storage.md.
 */
import { recordAudit } from "./audit-log.server";
import type { Kysely, Transaction } from "kysely";
import type { Database, RoleName } from "../../db/schema";
import type { JointBidStatus } from "../domain/joint-bid";
import type { RequestKind } from "../domain/request";
import {
  capacityServes,
  demandCpvCodes,
  feasibilityInputs,
  idleFittingCapacity,
  proposeCommitments,
  type DemandWithQuantity,
  type FitCapacityLine,
  type ParticipantCapacityLine,
} from "../domain/capacity-fit";
import {
  availablePerDelivery,
  buildPlanInput,
  canWithdraw,
  capacityHoldingStatuses,
  capToFreeCapacity,
  commitmentDates,
  commitmentsBeyondLine,
  coveragePercent,
  eligibilityReasons,
  findOverbooking,
  isOpenForChanges,
  runPlanner,
  summarisePlan,
  buyerMaySee,
  type BidPlanSummary,
  type HeldCommitment,
  type LineCommitment,
  type Overbooking,
  type PlanProblem,
  type PlanSummary,
  type RequestPeriod,
  type StoredCapacityLine,
} from "../domain/joint-bid";
import { isOpenForResponses } from "../domain/request";
import type {
  BidListItem,
  BidPageView,
  BidParticipantView,
  BidPermissions,
  FeasibilityView,
} from "../domain/joint-bid-view";
import type { Plan, PlanInput } from "../domain/planner";
import { capacityLinesOf } from "./offering.server";
import { bidLeadNamed, bidStatusChanged, commitmentsConfirmed, invitationAnswered, participantInvited } from "./notices/bids.server";
import { replaceSites, replaceWeekdays, sitesOf, weekdaysOf } from "./weekdays-and-sites.server";
import { freezeAgreement } from "./tender/tender.server";
import { loadViewer } from "./acting-organisations.server";
import { actsFor, can, supplierSideOrganisations, type BidResource } from "../domain/permissions";

type Db = Kysely<Database>;
type Trx = Transaction<Database> | Db;

export interface Viewer {
  id: string;
  roles: readonly RoleName[];
}

const now = () => new Date().toISOString();

// --- Who may do what ---------------------------------------------------------------------------

interface BidRow {
  id: number;
  request_id: number;
  lead_organisation_id: number | null;
  status: JointBidStatus;
  created_by: string | null;
  submitted_at: string | null;
  plan_stale: boolean;
  buyer_organisation_id: number;
}

async function bidRow(db: Trx, bidId: number): Promise<BidRow | null> {
  return (
    (await db
      .selectFrom("joint_bid")
      .innerJoin("request", "request.id", "joint_bid.request_id")
      .select([
        "joint_bid.id",
        "joint_bid.request_id",
        "joint_bid.lead_organisation_id",
        "joint_bid.status",
        "joint_bid.created_by",
        "joint_bid.submitted_at",
        "joint_bid.plan_stale",
        "request.buyer_organisation_id",
      ])
      .where("joint_bid.id", "=", bidId)
      .executeTakeFirst()) ?? null
  );
}

export interface BidAccess {
  bid: BidRow;
  permissions: BidPermissions;
}

/**
 * The bid with what the viewer may do, or null when it does not exist or the viewer may not see
 * it: coordinators and the lead's members see and manage; participants' members see; the buyer's
 * members see it once submitted; nobody else learns it exists.
 */
export async function getBidAccess({ db, bidId, viewer }: { db: Trx; bidId: number; viewer: Viewer | null }): Promise<BidAccess | null> {
  if (!viewer) return null;
  const bid = await bidRow(db, bidId);
  if (!bid) return null;
  const acting = await loadViewer({ db, user: viewer });
  const participants = await db.selectFrom("joint_bid_participant").select("organisation_id").where("bid_id", "=", bidId).execute();
  const resource: BidResource = {
    leadOrganisationId: bid.lead_organisation_id,
    participantOrganisationIds: participants.map((p) => p.organisation_id),
    buyerOrganisationId: bid.buyer_organisation_id,
    buyerMaySee: buyerMaySee(bid),
  };
  if (!can(acting, "bid.see", resource)) return null;
  return {
    bid,
    permissions: {
      manage: can(acting, "bid.manage", resource),
      isBuyer: resource.buyerMaySee && actsFor(acting, bid.buyer_organisation_id),
      isCoordinator: can(acting, "coordinate"),
      ownOrganisationIds: resource.participantOrganisationIds.filter((id) => actsFor(acting, id)),
    },
  };
}

export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: ActionError };

export type ActionError =
  | { kind: "forbidden" }
  | { kind: "notFound" }
  | { kind: "closed" }
  | { kind: "invalid"; field: string }
  | { kind: "overbooked"; organisationName: string; offeringTitle: string; overbooking: Overbooking }
  | { kind: "notCommitted" }
  | { kind: "planStale" }
  | { kind: "changedWhilePlanning" }
  | { kind: "notEligible"; names: string[] }
  | { kind: "requestClosed" }
  | { kind: "awardedByBuyer" }
  | { kind: "lineDoesNotFit" }
  | { kind: "plan"; problem: PlanProblem; organisationName?: string };

const fail = (error: ActionError) => ({ ok: false as const, error });

/** Thrown inside a transaction to roll it back and hand the error to the caller. */
class Rollback extends Error {
  constructor(readonly error: ActionError) {
    super(error.kind);
  }
}

async function inTransaction<T extends object>(db: Db, run: (trx: Transaction<Database>) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await run(trx);
      if (!result.ok) throw new Rollback(result.error);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return fail(error.error);
    throw error;
  }
}

export async function recordEvent(
  db: Trx,
  event: { bidId: number; userId: string | null; kind: string; organisationId?: number | null; details?: string },
): Promise<void> {
  const at = now();
  await db
    .insertInto("joint_bid_event")
    .values({ bid_id: event.bidId, at, user_id: event.userId, kind: event.kind, organisation_id: event.organisationId ?? null, details: event.details ?? "" })
    .execute();
  await db.updateTable("joint_bid").set({ updated_at: at }).where("id", "=", event.bidId).execute();
  // The bid's own history is shown on its page; the audit log keeps the same change for coordinators.
  await recordAudit(db, {
    actorUserId: event.userId,
    organisationId: event.organisationId ?? null,
    entity: "bid",
    entityId: event.bidId,
    action: event.kind,
    details: event.details ? { details: event.details } : undefined,
  });
}

async function organisationName(db: Trx, organisationId: number): Promise<string> {
  const row = await db.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
  return row.name;
}

// --- Requests and organisations a bid can be built from -------------------------------------------

interface BidRequest extends RequestPeriod {
  kind: RequestKind;
  cpvCode: string;
  /** Open for responses now: published and before its deadline. Bids are started, confirmed, planned and submitted only then. */
  open: boolean;
}

async function requestPeriod(db: Trx, requestId: number): Promise<BidRequest | null> {
  const row = await db
    .selectFrom("request")
    .select(["period_from", "period_to", "deliver_on_holidays", "kind", "cpv_code", "status", "deadline_at"])
    .where("id", "=", requestId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    from: row.period_from,
    to: row.period_to,
    skipHolidays: !row.deliver_on_holidays,
    kind: row.kind,
    cpvCode: row.cpv_code,
    open: isOpenForResponses(row, new Date()),
  };
}

/** The request's demand lines, each with the codes it is bought under. */
async function demandSources(db: Trx, requestId: number): Promise<DemandWithQuantity[]> {
  const rows = await db
    .selectFrom("demand_line")
    .innerJoin("request", "request.id", "demand_line.request_id")
    .select(["demand_line.id", "item", "unit", "site", "quantity", "demand_line.cpv_code", "request.cpv_code as request_cpv_code"])
    .where("request_id", "=", requestId)
    .orderBy("position")
    .orderBy("demand_line.id")
    .execute();
  const weekdays = await weekdaysOf(db, "demand_line", rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    item: r.item,
    unit: r.unit,
    site: r.site,
    weekdays: weekdays.get(r.id) ?? [],
    quantity: r.quantity,
    cpvCodes: demandCpvCodes(r.request_cpv_code, r.cpv_code),
  }));
}

/** Requests open for responses (published, before the deadline) with demand lines: what a joint bid can be started on. */
export async function listBiddableRequests({ db, at = new Date() }: { db: Db; at?: Date }) {
  return db
    .selectFrom("request")
    .select(["id", "title", "kind", "period_from", "period_to"])
    .where("status", "=", "published")
    .where("deadline_at", ">", at.toISOString())
    .where((eb) => eb.exists(eb.selectFrom("demand_line").select("id").whereRef("demand_line.request_id", "=", "request.id")))
    .orderBy("deadline_at")
    .execute();
}

/** Listed organisations that can take part in a bid (not buyers); for invitations and leads. */
export async function listBidCandidates({ db }: { db: Db }) {
  return db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("status", "=", "active")
    .where("kind", "!=", "buyer")
    .orderBy("name")
    .execute();
}

/** The viewer's own listed organisations that could lead a bid. */
export async function listOwnBidOrganisations({ db, viewer }: { db: Db; viewer: Viewer }) {
  return supplierSideOrganisations(await loadViewer({ db, user: viewer })).map(({ id, name }) => ({ id, name }));
}

// --- Capacity lines and what they hold ------------------------------------------------------------

/** The weekdays and sites of each commitment asked for. */
async function commitmentDays(db: Trx, ids: readonly number[]) {
  const [weekdays, sites] = await Promise.all([weekdaysOf(db, "joint_bid_commitment", ids), sitesOf(db, "joint_bid_commitment", ids)]);
  return { weekdays: (id: number) => weekdays.get(id) ?? [], sites: (id: number) => sites.get(id) ?? [] };
}

/** Replaces a commitment's weekdays and sites. */
async function writeCommitmentDays(db: Trx, commitmentId: number, weekdays: readonly number[], sites: readonly string[]): Promise<void> {
  await replaceWeekdays(db, "joint_bid_commitment", commitmentId, weekdays);
  await replaceSites(db, "joint_bid_commitment", commitmentId, sites);
}

/** Adds a commitment on a capacity line with its weekdays and sites. */
async function insertCommitment(
  db: Trx,
  values: { bidId: number; organisationId: number; capacityLineId: number; item: string; quantity: number; weekdays: readonly number[]; sites: readonly string[] },
): Promise<void> {
  const { id } = await db
    .insertInto("joint_bid_commitment")
    .values({
      bid_id: values.bidId,
      organisation_id: values.organisationId,
      capacity_line_id: values.capacityLineId,
      item: values.item,
      quantity: values.quantity,
      updated_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeCommitmentDays(db, id, values.weekdays, values.sites);
}

function lineQuery(db: Trx) {
  return db
    .selectFrom("capacity_line")
    .innerJoin("offering", "offering.id", "capacity_line.offering_id")
    .select([
      "capacity_line.id",
      "offering.organisation_id",
      "offering.title as offering_title",
      "offering.cpv_code",
      "capacity_line.quantity",
      "capacity_line.period",
      "capacity_line.valid_from",
      "capacity_line.valid_to",
    ]);
}

/** Whose holds free capacity leaves out: a bid's own (its page, its plan), or a request's bids (feasibility). */
type HeldExcept = { bidId: number } | { requestId: number } | null;

/**
 * What holds capacity on the given lines (decision 018): the commitments of confirmed participants
 * in bids that are not withdrawn or lost, each with the dates it delivers, apart from the bid or
 * the request named. Free capacity is a line's declared capacity minus this.
 */
async function heldOnLines(db: Trx, lines: ReadonlyMap<number, StoredCapacityLine>, except: HeldExcept): Promise<Map<number, (HeldCommitment & { bidId: number })[]>> {
  const held = new Map<number, (HeldCommitment & { bidId: number })[]>();
  if (lines.size === 0) return held;
  let query = db
    .selectFrom("joint_bid_commitment as c")
    .innerJoin("joint_bid as b", "b.id", "c.bid_id")
    .innerJoin("joint_bid_participant as p", (join) => join.onRef("p.bid_id", "=", "c.bid_id").onRef("p.organisation_id", "=", "c.organisation_id"))
    .innerJoin("request as r", "r.id", "b.request_id")
    .select(["c.id", "c.bid_id", "c.capacity_line_id", "c.quantity", "r.period_from", "r.period_to", "r.deliver_on_holidays"])
    .where("c.capacity_line_id", "in", [...lines.keys()])
    .where("b.status", "in", [...capacityHoldingStatuses])
    .where("p.status", "=", "accepted")
    .where("p.confirmed_at", "is not", null);
  if (except && "bidId" in except) query = query.where("c.bid_id", "!=", except.bidId);
  if (except && "requestId" in except) query = query.where("b.request_id", "!=", except.requestId);
  const rows = await query.execute();
  const days = await commitmentDays(db, rows.map((r) => r.id));
  for (const row of rows) {
    const line = lines.get(row.capacity_line_id)!;
    const period = { from: row.period_from, to: row.period_to, skipHolidays: !row.deliver_on_holidays };
    const list = held.get(line.id) ?? [];
    list.push({ bidId: row.bid_id, quantity: row.quantity, dates: commitmentDates(period, line, days.weekdays(row.id)) });
    held.set(line.id, list);
  }
  return held;
}

/** A bid whose confirmed commitments on a capacity line a cut of the line would leave without capacity. */
export interface BidBeyondLine {
  bidId: number;
  capacityLineId: number;
  requestTitle: string;
  leadName: string | null;
  /** What the bid's confirmed commitments on the line deliver, per delivery. */
  quantity: number;
}

/**
 * The bids whose confirmed commitments (in every live bid: decision 008's holding rule) the given
 * capacity lines could no longer carry after a change: `changed` maps a line to what it would
 * become, or to null when it is removed. Read in the transaction of the change, before it is
 * written; the change is refused when any is found (decision 018).
 */
export async function bidsBeyondChangedLines({ db, changed }: { db: Trx; changed: ReadonlyMap<number, StoredCapacityLine | null> }): Promise<BidBeyondLine[]> {
  if (changed.size === 0) return [];
  const lines = byLineId(await fitLinesOf(db, await lineQuery(db).where("capacity_line.id", "in", [...changed.keys()]).execute()));
  const kept = new Map([...changed].filter((entry): entry is [number, StoredCapacityLine] => entry[1] !== null));
  const heldAfter = await heldOnLines(db, kept, null);
  const beyond = new Map<string, BidBeyondLine>();
  for (const [lineId, held] of await heldOnLines(db, lines, null)) {
    // A bid is named once per line, with what it has confirmed there.
    const counted = new Set<number>();
    for (const c of commitmentsBeyondLine(changed.get(lineId) ?? null, held, heldAfter.get(lineId) ?? [])) {
      if (counted.has(c.bidId)) continue;
      counted.add(c.bidId);
      const key = `${c.bidId}:${lineId}`;
      const confirmed = held.filter((h) => h.bidId === c.bidId).reduce((sum, h) => sum + h.quantity, 0);
      beyond.set(key, { bidId: c.bidId, capacityLineId: lineId, requestTitle: "", leadName: null, quantity: confirmed });
    }
  }
  if (beyond.size === 0) return [];
  const bids = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .leftJoin("organisation as o", "o.id", "b.lead_organisation_id")
    .select(["b.id", "r.title", "o.name as lead_name"])
    .where("b.id", "in", [...new Set([...beyond.values()].map((b) => b.bidId))])
    .execute();
  const bidOf = new Map(bids.map((b) => [b.id, b]));
  return [...beyond.values()]
    .map((b) => ({ ...b, requestTitle: bidOf.get(b.bidId)!.title, leadName: bidOf.get(b.bidId)!.lead_name }))
    .sort((a, b) => a.bidId - b.bidId || a.capacityLineId - b.capacityLineId);
}

/** Capacity lines as the fit rule reads them, with their organisation and offering title. */
async function fitLinesOf(db: Trx, rows: Awaited<ReturnType<ReturnType<typeof lineQuery>["execute"]>>) {
  const lines = await capacityLinesOf(db, rows);
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    offeringTitle: r.offering_title,
    fit: { line: lines.get(r.id)!, cpvCode: r.cpv_code } satisfies FitCapacityLine,
  }));
}

/** The lines in a map by id, for the free-capacity arithmetic. */
const byLineId = (lines: readonly { fit: FitCapacityLine }[]) => new Map(lines.map((l) => [l.fit.line.id, l.fit.line]));

/**
 * What the participant's own commitments in this bid take on the given lines, beside what other bids
 * hold: a new commitment is prefilled with what is left.
 */
async function heldWithOwn(db: Trx, bidId: number, organisationId: number, period: RequestPeriod, lines: ReadonlyMap<number, StoredCapacityLine>): Promise<Map<number, HeldCommitment[]>> {
  const held = await heldOnLines(db, lines, { bidId });
  if (lines.size === 0) return held;
  const own = await db
    .selectFrom("joint_bid_commitment")
    .select(["id", "capacity_line_id", "quantity"])
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .where("capacity_line_id", "in", [...lines.keys()])
    .execute();
  const days = await commitmentDays(db, own.map((c) => c.id));
  for (const c of own) {
    held.set(c.capacity_line_id, [...(held.get(c.capacity_line_id) ?? []), { bidId, quantity: c.quantity, dates: commitmentDates(period, lines.get(c.capacity_line_id)!, days.weekdays(c.id)) }]);
  }
  return held;
}

/**
 * Prefills commitments from the given capacity lines of a participant (all of them when it joins,
 * one when it adds a line): per item of the request, only lines that serve its demand lines, with
 * what is free (decision 018). Returns how many commitments it added.
 */
async function prefillCommitments(db: Trx, bidId: number, requestId: number, organisationId: number, capacityLineId?: number): Promise<number> {
  const period = (await requestPeriod(db, requestId))!;
  const demand = await demandSources(db, requestId);
  if (demand.length === 0) return 0;
  let query = lineQuery(db).where("offering.organisation_id", "=", organisationId);
  if (capacityLineId !== undefined) query = query.where("capacity_line.id", "=", capacityLineId);
  const lines = await fitLinesOf(db, await query.orderBy("capacity_line.id").execute());
  const held = await heldWithOwn(db, bidId, organisationId, period, byLineId(lines));
  const proposals = proposeCommitments({ capacity: lines.map((l) => l.fit), demand, period, held });
  for (const proposal of proposals) await insertCommitment(db, { bidId, organisationId, ...proposal });
  return proposals.length;
}

// --- Starting a bid and its participants ---------------------------------------------------------

/**
 * Starts a joint bid on a published request. A coordinator may start one with or without a lead;
 * anyone else only with one of their own organisations as lead. The lead takes part at once, the
 * others are invited.
 */
export async function startJointBid({
  db,
  viewer,
  requestId,
  leadOrganisationId,
  inviteOrganisationIds,
}: {
  db: Db;
  viewer: Viewer;
  requestId: number;
  leadOrganisationId: number | null;
  inviteOrganisationIds: number[];
}): Promise<ActionResult<{ bidId: number }>> {
  if (!can(await loadViewer({ db, user: viewer }), "bid.lead", { organisationId: leadOrganisationId })) return fail({ kind: "forbidden" });
  const period = await requestPeriod(db, requestId);
  if (!period) return fail({ kind: "notFound" });
  if (!period.open) return fail({ kind: "requestClosed" });
  const candidates = new Set((await listBidCandidates({ db })).map((c) => c.id));
  if (leadOrganisationId !== null && !candidates.has(leadOrganisationId)) return fail({ kind: "invalid", field: "leadOrganisationId" });
  const invited = [...new Set(inviteOrganisationIds)].filter((id) => id !== leadOrganisationId);
  if (invited.some((id) => !candidates.has(id))) return fail({ kind: "invalid", field: "inviteOrganisationIds" });
  if (leadOrganisationId === null && invited.length === 0) return fail({ kind: "invalid", field: "inviteOrganisationIds" });

  return inTransaction(db, async (trx) => {
    const timestamp = now();
    const { id: bidId } = await trx
      .insertInto("joint_bid")
      .values({ request_id: requestId, lead_organisation_id: leadOrganisationId, status: "draft", created_by: viewer.id, created_at: timestamp, updated_at: timestamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { bidId, userId: viewer.id, kind: "created", organisationId: leadOrganisationId });
    if (leadOrganisationId !== null) {
      await trx
        .insertInto("joint_bid_participant")
        .values({ bid_id: bidId, organisation_id: leadOrganisationId, status: "accepted", invited_at: timestamp, responded_at: timestamp })
        .execute();
      await prefillCommitments(trx, bidId, requestId, leadOrganisationId);
      // A coordinator may name another organisation as lead; its members hear of it as invitees do.
      await bidLeadNamed({ db: trx, bidId, actorId: viewer.id });
    }
    for (const organisationId of invited) await inviteInTransaction(trx, { bidId, organisationId, viewer });
    return { ok: true, bidId };
  });
}

async function inviteInTransaction(trx: Trx, { bidId, organisationId, viewer }: { bidId: number; organisationId: number; viewer: Viewer }): Promise<void> {
  await trx
    .insertInto("joint_bid_participant")
    .values({ bid_id: bidId, organisation_id: organisationId, status: "invited", invited_at: now() })
    .execute();
  await recordEvent(trx, { bidId, userId: viewer.id, kind: "invited", organisationId });
  await participantInvited({ db: trx as Db, bidId, organisationId });
}

/** A manager invites another listed organisation; a bid that was committed goes back to draft. */
export async function inviteParticipant({ db, viewer, bidId, organisationId }: { db: Db; viewer: Viewer; bidId: number; organisationId: number }): Promise<ActionResult> {
  return inTransaction(db, async (trx) => {
    const access = await getBidAccess({ db: trx, bidId, viewer });
    if (!access) return fail({ kind: "notFound" });
    if (!access.permissions.manage) return fail({ kind: "forbidden" });
    if (!isOpenForChanges(access.bid.status)) return fail({ kind: "closed" });
    const candidates = new Set((await listBidCandidates({ db: trx as Db })).map((c) => c.id));
    const existing = await trx.selectFrom("joint_bid_participant").select("organisation_id").where("bid_id", "=", bidId).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (!candidates.has(organisationId) || existing) return fail({ kind: "invalid", field: "organisationId" });
    await inviteInTransaction(trx, { bidId, organisationId, viewer });
    await refreshStatus(trx, bidId, viewer.id);
    return { ok: true };
  });
}

/** A manager removes a participant other than the lead, with its commitments. */
export async function removeParticipant({ db, viewer, bidId, organisationId }: { db: Db; viewer: Viewer; bidId: number; organisationId: number }): Promise<ActionResult> {
  return inTransaction(db, async (trx) => {
    const access = await getBidAccess({ db: trx, bidId, viewer });
    if (!access) return fail({ kind: "notFound" });
    if (!access.permissions.manage) return fail({ kind: "forbidden" });
    if (!isOpenForChanges(access.bid.status)) return fail({ kind: "closed" });
    if (organisationId === access.bid.lead_organisation_id) return fail({ kind: "invalid", field: "organisationId" });
    await trx.deleteFrom("joint_bid_commitment").where("bid_id", "=", bidId).where("organisation_id", "=", organisationId).execute();
    const removed = await trx.deleteFrom("joint_bid_participant").where("bid_id", "=", bidId).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return fail({ kind: "notFound" });
    await markPlanStale(trx, bidId);
    await recordEvent(trx, { bidId, userId: viewer.id, kind: "removed", organisationId });
    await refreshStatus(trx, bidId, viewer.id);
    return { ok: true };
  });
}

/** A member of an invited organisation accepts or declines; the managers hear of it. */
export async function respondToInvitation({
  db,
  viewer,
  bidId,
  organisationId,
  accept,
}: {
  db: Db;
  viewer: Viewer;
  bidId: number;
  organisationId: number;
  accept: boolean;
}): Promise<ActionResult> {
  return inTransaction(db, async (trx) => {
    const access = await getBidAccess({ db: trx, bidId, viewer });
    if (!access) return fail({ kind: "notFound" });
    if (!access.permissions.ownOrganisationIds.includes(organisationId)) return fail({ kind: "forbidden" });
    if (!isOpenForChanges(access.bid.status)) return fail({ kind: "closed" });
    const updated = await trx
      .updateTable("joint_bid_participant")
      .set({ status: accept ? "accepted" : "declined", responded_at: now() })
      .where("bid_id", "=", bidId)
      .where("organisation_id", "=", organisationId)
      .where("status", "=", "invited")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return fail({ kind: "invalid", field: "organisationId" });
    if (accept) await prefillCommitments(trx, bidId, access.bid.request_id, organisationId);
    await markPlanStale(trx, bidId);
    await recordEvent(trx, { bidId, userId: viewer.id, kind: accept ? "accepted" : "declined", organisationId });
    await invitationAnswered({ db: trx as Db, bidId, organisationId, accepted: accept, actorId: viewer.id });
    await refreshStatus(trx, bidId, viewer.id);
    return { ok: true };
  });
}

/** Committed exactly when every participant that has not declined has accepted and confirmed. */
async function refreshStatus(trx: Trx, bidId: number, userId: string | null): Promise<void> {
  const bid = await trx.selectFrom("joint_bid").select("status").where("id", "=", bidId).executeTakeFirstOrThrow();
  if (!isOpenForChanges(bid.status)) return;
  const participants = await trx
    .selectFrom("joint_bid_participant")
    .select(["status", "confirmed_at"])
    .where("bid_id", "=", bidId)
    .where("status", "!=", "declined")
    .execute();
  const committed = participants.length > 0 && participants.every((p) => p.status === "accepted" && p.confirmed_at !== null);
  const next: JointBidStatus = committed ? "committed" : "draft";
  if (next === bid.status) return;
  await trx.updateTable("joint_bid").set({ status: next }).where("id", "=", bidId).execute();
  await recordEvent(trx, { bidId, userId, kind: `status.${next}` });
}

// --- Commitments ----------------------------------------------------------------------------------

async function participantMayEdit(trx: Trx, viewer: Viewer, bidId: number, organisationId: number): Promise<ActionResult<{ bid: BidRow }>> {
  const access = await getBidAccess({ db: trx, bidId, viewer });
  if (!access) return fail({ kind: "notFound" });
  if (!access.permissions.ownOrganisationIds.includes(organisationId)) return fail({ kind: "forbidden" });
  if (!isOpenForChanges(access.bid.status)) return fail({ kind: "closed" });
  const participant = await trx
    .selectFrom("joint_bid_participant")
    .select("status")
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (participant?.status !== "accepted") return fail({ kind: "forbidden" });
  return { ok: true, bid: access.bid };
}

/** Who changes which participant's commitments in which bid. */
export interface ParticipantChange {
  db: Db;
  viewer: Viewer;
  bidId: number;
  organisationId: number;
}

/** Runs a participant's change to its own commitments in one write transaction, once it may make it. */
function asParticipant({ db, viewer, bidId, organisationId }: ParticipantChange, change: (trx: Trx, bid: BidRow) => Promise<ActionResult>): Promise<ActionResult> {
  return inTransaction(db, async (trx) => {
    const allowed = await participantMayEdit(trx, viewer, bidId, organisationId);
    return allowed.ok ? change(trx, allowed.bid) : allowed;
  });
}

/** Every change to what the planner would read marks the stored plan stale. */
async function markPlanStale(trx: Trx, bidId: number): Promise<void> {
  await trx.updateTable("joint_bid").set({ plan_stale: true }).where("id", "=", bidId).execute();
}

/** Any change to a participant's commitments withdraws its confirmation and makes the plan stale. */
async function commitmentsChanged(trx: Trx, viewer: Viewer, bidId: number, organisationId: number, kind: string, details = ""): Promise<void> {
  await trx
    .updateTable("joint_bid_participant")
    .set({ confirmed_at: null, confirmed_by: null })
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .execute();
  await markPlanStale(trx, bidId);
  await recordEvent(trx, { bidId, userId: viewer.id, kind, organisationId, details });
  await refreshStatus(trx, bidId, viewer.id);
}

export interface CommitmentInput {
  item: string;
  quantity: number;
  weekdays: number[];
  sites: string[];
}

/** A participant changes one of its own commitments; the weekdays must be ones the line works. */
export async function updateCommitment({ commitmentId, input, ...change }: ParticipantChange & { commitmentId: number; input: CommitmentInput }): Promise<ActionResult> {
  const { viewer, bidId, organisationId } = change;
  return asParticipant(change, async (trx, bid) => {
    const row = await trx
      .selectFrom("joint_bid_commitment as c")
      .select(["c.id", "c.capacity_line_id"])
      .where("c.id", "=", commitmentId)
      .where("c.bid_id", "=", bidId)
      .where("c.organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!row) return fail({ kind: "notFound" });
    const [line] = await fitLinesOf(trx, await lineQuery(trx).where("capacity_line.id", "=", row.capacity_line_id).execute());
    // Only an item whose demand lines the capacity line serves (decision 018).
    const period = (await requestPeriod(trx, bid.request_id))!;
    const demand = await demandSources(trx, bid.request_id);
    if (!demand.some((d) => d.item === input.item && capacityServes(line.fit, d, period))) return fail({ kind: "invalid", field: "item" });
    if (line.fit.line.period === "weekday" && input.weekdays.some((d) => !line.fit.line.weekdays.includes(d))) return fail({ kind: "invalid", field: "weekdays" });
    await trx
      .updateTable("joint_bid_commitment")
      .set({ item: input.item, quantity: input.quantity, updated_at: now() })
      .where("id", "=", commitmentId)
      .execute();
    await writeCommitmentDays(trx, commitmentId, input.weekdays, input.sites);
    await commitmentsChanged(trx, viewer, bidId, organisationId, "commitment.changed", `${input.quantity} × ${input.item}`);
    return { ok: true };
  });
}

/**
 * A participant adds commitments from one of its own capacity lines that serves the request,
 * prefilled per item with what is free.
 */
export async function addCommitment({ capacityLineId, ...change }: ParticipantChange & { capacityLineId: number }): Promise<ActionResult> {
  const { viewer, bidId, organisationId } = change;
  return asParticipant(change, async (trx, bid) => {
    const row = await lineQuery(trx).where("capacity_line.id", "=", capacityLineId).where("offering.organisation_id", "=", organisationId).executeTakeFirst();
    if (!row) return fail({ kind: "notFound" });
    if ((await prefillCommitments(trx, bidId, bid.request_id, organisationId, capacityLineId)) === 0) return fail({ kind: "lineDoesNotFit" });
    await commitmentsChanged(trx, viewer, bidId, organisationId, "commitment.added", row.offering_title);
    return { ok: true };
  });
}

export async function removeCommitment({ commitmentId, ...change }: ParticipantChange & { commitmentId: number }): Promise<ActionResult> {
  const { viewer, bidId, organisationId } = change;
  return asParticipant(change, async (trx) => {
    const removed = await trx
      .deleteFrom("joint_bid_commitment")
      .where("id", "=", commitmentId)
      .where("bid_id", "=", bidId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return fail({ kind: "notFound" });
    await commitmentsChanged(trx, viewer, bidId, organisationId, "commitment.removed");
    return { ok: true };
  });
}

/**
 * Checks that the organisation's commitments in this bid fit on every date beside everything its
 * confirmed commitments hold in other bids. Runs inside the caller's write transaction.
 */
async function checkNoOverbooking(trx: Trx, bidId: number, requestId: number, organisationId: number): Promise<ActionError | null> {
  const rows = await trx
    .selectFrom("joint_bid_commitment")
    .select(["id", "capacity_line_id", "quantity"])
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .execute();
  if (rows.length === 0) return null;
  const lineRows = await lineQuery(trx).where("capacity_line.id", "in", [...new Set(rows.map((r) => r.capacity_line_id))]).execute();
  const lines = await capacityLinesOf(trx, lineRows);
  const days = await commitmentDays(trx, rows.map((r) => r.id));
  const titles = new Map(lineRows.map((r) => [r.id, r.offering_title]));
  const held = await heldOnLines(trx, lines, { bidId });
  const period = (await requestPeriod(trx, requestId))!;
  for (const row of rows) {
    const line = lines.get(row.capacity_line_id)!;
    const candidate = { bidId, quantity: row.quantity, dates: commitmentDates(period, line, days.weekdays(row.id)) };
    const already = held.get(line.id) ?? [];
    const overbooking = findOverbooking(line, already, candidate);
    if (overbooking) {
      return { kind: "overbooked", organisationName: await organisationName(trx, organisationId), offeringTitle: titles.get(line.id)!, overbooking };
    }
    // Two commitments of this bid on one line add up.
    held.set(line.id, [...already, candidate]);
  }
  return null;
}

/**
 * A participant confirms its commitments. In one write transaction: the confirmation is written
 * first (so that SQLite hands out the write lock before anything is read and two confirmations
 * run one after the other), then everything the organisation holds is read and checked; if any
 * date would be over-booked the transaction rolls back and the caller gets the date.
 */
export async function confirmCommitments({ db, viewer, bidId, organisationId }: { db: Db; viewer: Viewer; bidId: number; organisationId: number }): Promise<ActionResult> {
  return inTransaction(db, async (trx) => {
    const claimed = await trx
      .updateTable("joint_bid_participant")
      .set({ confirmed_at: now(), confirmed_by: viewer.id })
      .where("bid_id", "=", bidId)
      .where("organisation_id", "=", organisationId)
      .where("status", "=", "accepted")
      .executeTakeFirst();
    const allowed = await participantMayEdit(trx, viewer, bidId, organisationId);
    if (!allowed.ok) return allowed;
    if (Number(claimed.numUpdatedRows) === 0) return fail({ kind: "forbidden" });
    if (!(await requestPeriod(trx, allowed.bid.request_id))!.open) return fail({ kind: "requestClosed" });
    const problem = await checkNoOverbooking(trx, bidId, allowed.bid.request_id, organisationId);
    if (problem) return fail(problem);
    await recordEvent(trx, { bidId, userId: viewer.id, kind: "confirmed", organisationId });
    await commitmentsConfirmed({ db: trx, bidId, organisationId, actorId: viewer.id });
    await refreshStatus(trx, bidId, viewer.id);
    return { ok: true };
  });
}

// --- Planning -----------------------------------------------------------------------------------

/** A bid's planner input as read from the database, with what the summary needs beside it. */
export interface LoadedPlanInput {
  /** What the plan is made from: the confirmed commitments of accepted participants, capped at free capacity. */
  input: PlanInput;
  /** The same with every pending (unconfirmed) commitment too, each capped at what is free; null when none is pending. */
  pendingInput: PlanInput | null;
  units: Map<string, string>;
  demand: DemandWithQuantity[];
  /** Every capacity line of the accepted participants, and what other bids hold on them. */
  participantLines: ParticipantCapacityLine[];
  heldElsewhere: Map<number, HeldCommitment[]>;
  /** The capacity line each commitment draws on. */
  lineOfCommitment: Map<number, number>;
  /** What the input and the summary were made from, as `storePlan` compares it. */
  sources: string;
}

/**
 * What a bid's plan is made from, as read from the database: the request's period and demand, the
 * commitments of accepted participants with their days, every capacity line of those participants
 * and what other bids hold on them. The planner's input and the page summary are a function of
 * these alone, so `storePlan` compares them, not the far larger expanded input, under the write lock.
 */
async function readPlanSources(db: Trx, bidId: number) {
  const bid = await db.selectFrom("joint_bid").select("request_id").where("id", "=", bidId).executeTakeFirstOrThrow();
  const { from, to, skipHolidays } = (await requestPeriod(db, bid.request_id))!;
  const period: RequestPeriod = { from, to, skipHolidays };
  const demand = await demandSources(db, bid.request_id);
  const rows = await db
    .selectFrom("joint_bid_commitment as c")
    .innerJoin("joint_bid_participant as p", (join) => join.onRef("p.bid_id", "=", "c.bid_id").onRef("p.organisation_id", "=", "c.organisation_id"))
    .select(["c.id", "c.organisation_id", "c.capacity_line_id", "c.item", "c.quantity", "p.confirmed_at"])
    .where("c.bid_id", "=", bidId)
    .where("p.status", "=", "accepted")
    .orderBy("c.organisation_id")
    .orderBy("c.id")
    .execute();
  if (demand.length === 0 || rows.length === 0) return { period, demand, commitments: [], participantLines: [], heldElsewhere: new Map<number, HeldCommitment[]>() };
  const accepted = await db.selectFrom("joint_bid_participant").select("organisation_id").where("bid_id", "=", bidId).where("status", "=", "accepted").execute();
  const participantLines = await fitLinesOf(db, await lineQuery(db).where("offering.organisation_id", "in", accepted.map((p) => p.organisation_id)).orderBy("capacity_line.id").execute());
  const heldElsewhere = await heldOnLines(db, byLineId(participantLines), { bidId });
  const days = await commitmentDays(db, rows.map((r) => r.id));
  const commitments = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    capacityLineId: r.capacity_line_id,
    item: r.item,
    quantity: r.quantity,
    confirmed: r.confirmed_at !== null,
    weekdays: days.weekdays(r.id),
    sites: days.sites(r.id),
  }));
  return { period, demand, commitments, participantLines, heldElsewhere };
}

type PlanSources = Awaited<ReturnType<typeof readPlanSources>>;

/** The sources as one text, to tell whether anything a plan is made from has changed. */
const sourcesText = (sources: PlanSources) => JSON.stringify({ ...sources, heldElsewhere: [...sources.heldElsewhere] });

/**
 * The planner's input for a bid from the database (decision 018): the request's demand, and the
 * commitments of accepted participants, each capped at its line's free capacity. The plan is made
 * from confirmed commitments only; the pending ones give the figure shown beside it.
 */
export async function loadPlanInput({ db, bidId }: { db: Trx; bidId: number }): Promise<({ ok: true } & LoadedPlanInput) | { ok: false; problem: PlanProblem }> {
  const sources = await readPlanSources(db, bidId);
  const { period, demand, commitments, participantLines, heldElsewhere } = sources;
  if (demand.length === 0) return { ok: false, problem: { kind: "noDemand" } };
  if (commitments.length === 0) return { ok: false, problem: { kind: "noCommitments" } };
  const lines = byLineId(participantLines);
  const commitment = ({ confirmed, weekdays, ...c }: PlanSources["commitments"][number]): LineCommitment => ({
    ...c,
    dates: commitmentDates(period, lines.get(c.capacityLineId)!, weekdays),
  });
  const confirmed = commitments.filter((c) => c.confirmed).map(commitment);
  const pending = commitments.filter((c) => !c.confirmed).map(commitment);
  // Pending commitments come after the confirmed ones, so they get only what those leave free.
  const built = buildPlanInput({ period, demand, commitments: capToFreeCapacity(confirmed, lines, heldElsewhere) });
  const withPending = pending.length === 0 ? null : buildPlanInput({ period, demand, commitments: capToFreeCapacity([...confirmed, ...pending], lines, heldElsewhere) });
  if (!built.ok) return built;
  if (withPending && !withPending.ok) return withPending;
  return {
    ok: true,
    input: built.input,
    pendingInput: withPending?.input ?? null,
    units: new Map(demand.map((d) => [d.item, d.unit])),
    demand,
    participantLines,
    heldElsewhere,
    lineOfCommitment: new Map(commitments.map((c) => [c.id, c.capacityLineId])),
    sources: sourcesText(sources),
  };
}

/** How often "Plan" starts over when the bid keeps changing while it is being planned. */
const PLAN_ATTEMPTS = 3;

/**
 * Plans the bid on its confirmed commitments, and on all of them for the figure beside it, and
 * stores exactly the input and the planner's output with the summary the page shows. The planner
 * runs outside the write transaction, so that other members can keep writing while it works;
 * `storePlan` then stores the plan only if the input is still what was planned, and if a commitment
 * changed meanwhile, planning starts over with the new input. Refused once the request no longer
 * takes responses.
 */
export async function planBid({ db, viewer, bidId }: { db: Db; viewer: Viewer; bidId: number }): Promise<ActionResult<{ summary: BidPlanSummary }>> {
  const access = await getBidAccess({ db, bidId, viewer });
  if (!access) return fail({ kind: "notFound" });
  if (!access.permissions.manage) return fail({ kind: "forbidden" });
  if (!isOpenForChanges(access.bid.status)) return fail({ kind: "closed" });
  if (!(await requestPeriod(db, access.bid.request_id))!.open) return fail({ kind: "requestClosed" });
  let stored: ActionResult<{ summary: BidPlanSummary }> = fail({ kind: "changedWhilePlanning" });
  for (let attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
    const loaded = await loadPlanInput({ db, bidId });
    if (!loaded.ok) return planFailure(db, loaded.problem);
    const planned = runPlanner(loaded.input);
    if (!planned.ok) return planFailure(db, planned.problem);
    const pending = loaded.pendingInput ? runPlanner(loaded.pendingInput) : null;
    if (pending && !pending.ok) return planFailure(db, pending.problem);
    stored = await storePlan({ db, viewer, bidId, loaded, plan: planned.plan, pendingPlan: pending?.plan ?? null });
    if (stored.ok || stored.error.kind !== "changedWhilePlanning") return stored;
  }
  return stored;
}

async function planFailure(db: Db, problem: PlanProblem): Promise<ActionResult<{ summary: BidPlanSummary }>> {
  const organisation = "organisationId" in problem ? await organisationName(db, problem.organisationId) : undefined;
  return fail({ kind: "plan", problem, organisationName: organisation });
}

/** What the page shows of a plan: its summary, the pending figure, and idle capacity beside its shortfalls. */
function bidPlanSummary(loaded: LoadedPlanInput, plan: Plan, pendingPlan: Plan | null): BidPlanSummary {
  const summary = summarisePlan(loaded.input, plan, (item) => loaded.units.get(item) ?? "");
  const allocated = new Map<number, Map<string, number>>();
  for (const a of plan.allocations) {
    // Offer ids are "c<commitment>:<date>" (buildPlanInput).
    const colon = a.capacityId.indexOf(":");
    const date = a.capacityId.slice(colon + 1);
    const lineId = loaded.lineOfCommitment.get(Number(a.capacityId.slice(1, colon)))!;
    const onLine = allocated.get(lineId) ?? new Map<string, number>();
    onLine.set(date, (onLine.get(date) ?? 0) + a.quantity);
    allocated.set(lineId, onLine);
  }
  return {
    ...summary,
    pending: pendingPlan ? { covered: pendingPlan.covered, coverage: coveragePercent(pendingPlan.covered, pendingPlan.demanded) } : null,
    idle: idleFittingCapacity({ demand: loaded.demand, capacity: loaded.participantLines, heldElsewhere: loaded.heldElsewhere, allocated, plan }),
  };
}

/**
 * Stores a plan made from `loaded`. In one write transaction it reads again what the plan is made
 * from (commitments, capacity lines, what other bids hold, demand) and stores nothing, answering
 * `changedWhilePlanning`, if any of it differs from what was planned, or if the bid closed
 * meanwhile; so a stored plan that is not marked stale always belongs to the bid's current
 * commitments. Everything that does not need the lock (summary, JSON) is done before it.
 */
export async function storePlan({
  db,
  viewer,
  bidId,
  loaded,
  plan,
  pendingPlan,
}: {
  db: Db;
  viewer: Viewer;
  bidId: number;
  loaded: LoadedPlanInput;
  plan: Plan;
  pendingPlan: Plan | null;
}): Promise<ActionResult<{ summary: BidPlanSummary }>> {
  const summary = bidPlanSummary(loaded, plan, pendingPlan);
  const row = {
    bid_id: bidId,
    input_json: JSON.stringify(loaded.input),
    plan_json: JSON.stringify(plan),
    summary_json: JSON.stringify(summary),
    planned_at: now(),
    planned_by: viewer.id,
  };
  return inTransaction(db, async (trx) => {
    // Writing first takes SQLite's write lock before the input is read again.
    await trx.updateTable("joint_bid").set({ plan_stale: false }).where("id", "=", bidId).execute();
    const bid = await trx.selectFrom("joint_bid").select("status").where("id", "=", bidId).executeTakeFirst();
    if (!bid) return fail({ kind: "notFound" });
    if (!isOpenForChanges(bid.status)) return fail({ kind: "closed" });
    if (sourcesText(await readPlanSources(trx, bidId)) !== loaded.sources) return fail({ kind: "changedWhilePlanning" });
    await trx
      .insertInto("joint_bid_plan")
      .values(row)
      .onConflict((oc) => oc.column("bid_id").doUpdateSet({ input_json: row.input_json, plan_json: row.plan_json, summary_json: row.summary_json, planned_at: row.planned_at, planned_by: row.planned_by }))
      .execute();
    await recordEvent(trx, { bidId, userId: viewer.id, kind: "planned", details: `${summary.coverage} %` });
    return { ok: true, summary };
  });
}

/**
 * A request was amended: every bid on it that is still live plans again on the new terms. Its plan
 * is marked stale, and a submitted bid goes back to committed, since what it offered answers terms
 * that no longer hold; it is submitted again once planned. Runs in the amendment's transaction.
 */
export async function bidsAfterAmendment({ db, requestId, userId }: { db: Trx; requestId: number; userId: string }): Promise<void> {
  const bids = await db.selectFrom("joint_bid").select(["id", "status"]).where("request_id", "=", requestId).where("status", "in", ["draft", "committed", "submitted"]).execute();
  for (const bid of bids) {
    await markPlanStale(db, bid.id);
    if (bid.status === "submitted") {
      await db.updateTable("joint_bid").set({ status: "committed" }).where("id", "=", bid.id).execute();
      await recordEvent(db, { bidId: bid.id, userId, kind: "status.committed" });
    }
    await recordEvent(db, { bidId: bid.id, userId, kind: "requestAmended" });
  }
}

// --- Status -------------------------------------------------------------------------------------

export type StatusAction = "submit" | "withdraw" | "won" | "lost";

/**
 * Submission needs a committed bid, a plan made after the last change, every participant eligible
 * for a reserved procurement, and again no over-booking, all in one transaction, which also
 * freezes the consortium agreement. Withdrawal is possible before the award; won and lost come
 * from the buyer's award (app/models/tender/award.server.ts), not from the bid's managers.
 */
export async function changeBidStatus({ db, viewer, bidId, action }: { db: Db; viewer: Viewer; bidId: number; action: StatusAction }): Promise<ActionResult> {
  return inTransaction(db, async (trx) => {
    // Writing first takes SQLite's write lock before anything is read.
    await trx.updateTable("joint_bid").set({ updated_at: now() }).where("id", "=", bidId).execute();
    const access = await getBidAccess({ db: trx, bidId, viewer });
    if (!access) return fail({ kind: "notFound" });
    if (!access.permissions.manage) return fail({ kind: "forbidden" });
    const { bid } = access;
    let next: "submitted" | "withdrawn" | "won" | "lost";
    if (action === "submit") {
      const period = (await requestPeriod(trx, bid.request_id))!;
      if (!period.open) return fail({ kind: "requestClosed" });
      if (bid.status !== "committed") return fail({ kind: "notCommitted" });
      const plan = await trx.selectFrom("joint_bid_plan").select("bid_id").where("bid_id", "=", bidId).executeTakeFirst();
      if (!plan || bid.plan_stale) return fail({ kind: "planStale" });
      const participants = await participantOrganisations(trx, bidId);
      if (period.kind === "reserved") {
        const blocked = participants.filter((p) => p.status === "accepted" && eligibilityReasons(p).length > 0).map((p) => p.name);
        if (blocked.length > 0) return fail({ kind: "notEligible", names: blocked });
      }
      for (const p of participants.filter((x) => x.status === "accepted")) {
        const problem = await checkNoOverbooking(trx, bidId, bid.request_id, p.organisation_id);
        if (problem) return fail(problem);
      }
      next = "submitted";
    } else if (action === "withdraw") {
      if (!canWithdraw(bid.status)) return fail({ kind: "closed" });
      next = "withdrawn";
    } else {
      // The buyer's award on the request decides won and lost (decision 023).
      return fail({ kind: "awardedByBuyer" });
    }
    await trx
      .updateTable("joint_bid")
      .set(next === "submitted" ? { status: next, submitted_at: now() } : { status: next })
      .where("id", "=", bidId)
      .execute();
    await recordEvent(trx, { bidId, userId: viewer.id, kind: `status.${next}` });
    if (next === "submitted") await freezeAgreement(trx, { bidId, userId: viewer.id });
    await bidStatusChanged({ db: trx, bidId, status: next, actorId: viewer.id });
    return { ok: true };
  });
}

async function participantOrganisations(db: Trx, bidId: number) {
  return db
    .selectFrom("joint_bid_participant as p")
    .innerJoin("organisation as o", "o.id", "p.organisation_id")
    .select([
      "p.organisation_id",
      "p.status",
      "p.confirmed_at",
      "o.name",
      "o.slug",
      "o.org_number",
      "o.workforce_share",
      "o.workforce_share_date",
      "o.verified_at",
    ])
    .where("p.bid_id", "=", bidId)
    .orderBy("o.name")
    .execute();
}

// --- Reading ------------------------------------------------------------------------------------

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
      eb.selectFrom("joint_bid_participant as p").select(eb.fn.countAll<number>().as("n")).whereRef("p.bid_id", "=", "b.id").where("p.status", "!=", "declined").as("participants"),
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
    .select([
      "c.id",
      "c.organisation_id",
      "c.capacity_line_id",
      "c.item",
      "c.quantity",
      "o.title as offering_title",
    ])
    .where("c.bid_id", "=", bidId)
    .orderBy("c.id")
    .execute();
  const commitmentLines = await fitLinesOf(db, commitments.length ? await lineQuery(db).where("capacity_line.id", "in", [...new Set(commitments.map((c) => c.capacity_line_id))]).execute() : []);
  const lines = byLineId(commitmentLines);
  const days = await commitmentDays(db, commitments.map((c) => c.id));
  const own = new Set(access.permissions.ownOrganisationIds);
  // What is free and which items a line serves are needed only for the forms of the viewer's own
  // commitments; a coordinator's or buyer's view of a region-scale bid skips them.
  const ownCommitments = commitments.filter((c) => own.has(c.organisation_id));
  const held = await heldOnLines(db, new Map(ownCommitments.map((c) => [c.capacity_line_id, lines.get(c.capacity_line_id)!])), { bidId });
  const datesOf = new Map(commitments.map((c) => [c.id, commitmentDates(period, lines.get(c.capacity_line_id)!, days.weekdays(c.id))]));
  /** Free for one commitment: after other bids, and after the bid's other commitments on the same line. */
  const availableFor = (c: (typeof commitments)[number]) => {
    const siblings = ownCommitments.filter((o) => o.capacity_line_id === c.capacity_line_id && o.id !== c.id).map((o) => ({ quantity: o.quantity, dates: datesOf.get(o.id)! }));
    return availablePerDelivery(lines.get(c.capacity_line_id)!, [...(held.get(c.capacity_line_id) ?? []), ...siblings], datesOf.get(c.id)!);
  };
  // The lines a participant may promise from, and the items each may be promised for: those it serves.
  const ownLines = own.size
    ? await fitLinesOf(db, await lineQuery(db).where("offering.organisation_id", "in", [...own]).orderBy("offering.title").orderBy("capacity_line.id").execute())
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
      .map((l) => ({ id: l.fit.line.id, offeringTitle: l.offeringTitle, quantity: l.fit.line.quantity, period: l.fit.line.period, sites: [...l.fit.line.sites] })),
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
    ? await db.selectFrom("request_change").select("id").where("request_id", "=", bid.request_id).where("kind", "=", "amendment").where("created_at", ">", plan.planned_at).executeTakeFirst()
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
      open: isOpenForResponses({ status: bid.request_status, deadline_at: bid.deadline_at }, new Date()),
      items: [...items].map(([item, unit]) => ({ item, unit })),
      demand: demand.map((d) => ({ item: d.item, unit: d.unit, site: d.site, weekdays: [...d.weekdays], quantity: d.quantity })),
    },
    participants: participantViews,
    plan: plan ? { ...(JSON.parse(plan.summary_json) as BidPlanSummary), plannedAt: plan.planned_at } : null,
    events: events.map((e) => ({ id: e.id, at: e.at, kind: e.kind, details: e.details, userName: e.user_name, organisationName: e.organisation_name })),
    invitable,
  };
}

/**
 * The stored plan as the export shows it, without parsing the (possibly large) JSON: `{ bid, input,
 * plan }`, the bid with its prices as far as the viewer may see them (app/models/tender).
 */
export async function exportBidJson({ db, access, prices }: { db: Db; access: BidAccess; prices: unknown }): Promise<string | null> {
  const plan = await db.selectFrom("joint_bid_plan").select(["input_json", "plan_json"]).where("bid_id", "=", access.bid.id).executeTakeFirst();
  if (!plan) return null;
  const bid = JSON.stringify({ id: access.bid.id, status: access.bid.status, requestId: access.bid.request_id, prices });
  return `{"bid":${bid},"input":${plan.input_json},"plan":${plan.plan_json}}`;
}

export interface AllocationCsvRow {
  date: string;
  item: string;
  unit: string;
  site: string;
  organisation: string;
  orgNumber: string;
  quantity: number;
}

/** One row per allocation of the stored plan: date, item, site, organisation, quantity. */
export async function allocationRows({ db, access }: { db: Db; access: BidAccess }): Promise<AllocationCsvRow[] | null> {
  const stored = await db.selectFrom("joint_bid_plan").select(["input_json", "plan_json"]).where("bid_id", "=", access.bid.id).executeTakeFirst();
  if (!stored) return null;
  const input = JSON.parse(stored.input_json) as PlanInput;
  const plan = JSON.parse(stored.plan_json) as Plan;
  const demand = new Map(input.demand.map((d) => [d.id, d]));
  const units = new Map((await demandSources(db, access.bid.request_id)).map((d) => [d.item, d.unit]));
  const orgs = new Map(
    (await db.selectFrom("organisation").select(["id", "name", "org_number"]).where("id", "in", [...new Set(plan.allocations.map((a) => Number(a.orgId))), 0]).execute()).map((o) => [
      String(o.id),
      o,
    ]),
  );
  return plan.allocations.map((a) => {
    const line = demand.get(a.demandId)!;
    const org = orgs.get(a.orgId);
    return {
      date: line.slot,
      item: line.item,
      unit: units.get(line.item) ?? "",
      site: line.site,
      organisation: org?.name ?? a.orgId,
      orgNumber: org?.org_number ?? "",
      quantity: a.quantity,
    };
  });
}

// --- Feasibility ----------------------------------------------------------------------------------

/**
 * "Can the network do this?" (decision 018): the planner on the capacity lines of every listed
 * supplier that serve the request's demand lines by the fit rule (for a reserved procurement only
 * eligible ones), once with their declared capacity and once with what is free of it after the
 * confirmed commitments of live bids on other requests. Free is the figure a buyer can rely on.
 * Null when the request does not exist.
 */
export async function loadFeasibility({ db, requestId }: { db: Db; requestId: number }): Promise<FeasibilityView | null> {
  const period = await requestPeriod(db, requestId);
  if (!period) return null;
  const demand = await demandSources(db, requestId);
  const reserved = period.kind === "reserved";
  const view: FeasibilityView = {
    requestId,
    reserved,
    organisationsConsidered: 0,
    demanded: 0,
    free: { covered: 0, coverage: 0 },
    declared: { covered: 0, coverage: 0 },
    units: [],
    shortfall: [],
    carriers: [],
    problem: null,
  };
  if (demand.length === 0) return { ...view, problem: { kind: "noDemand" } };

  const organisations = (
    await db
      .selectFrom("organisation")
      .select(["id", "name", "slug", "workforce_share", "workforce_share_date", "verified_at"])
      .where("status", "=", "active")
      .where("kind", "!=", "buyer")
      .execute()
  ).filter((o) => !reserved || eligibilityReasons(o).length === 0);
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const lines = byId.size ? await fitLinesOf(db, await lineQuery(db).where("offering.organisation_id", "in", [...byId.keys()]).orderBy("capacity_line.id").execute()) : [];
  const held = await heldOnLines(db, byLineId(lines), { requestId });
  const inputs = feasibilityInputs({ period, demand, capacity: lines.map((l) => ({ organisationId: l.organisationId, fit: l.fit, held: held.get(l.fit.line.id) ?? [] })) });
  const declared = runPlanner(inputs.declared);
  const free = runPlanner(inputs.free);
  if (!declared.ok) return { ...view, problem: declared.problem };
  if (!free.ok) return { ...view, problem: free.problem };
  const unitOf = new Map(demand.map((d) => [d.id, d.unit]));
  const unitOfDemand = (demandId: string) => unitOf.get(Number(/^d(\d+):/.exec(demandId)![1]))!;
  const summary = summarisePlan(inputs.shown, free.plan, (item) => demand.find((d) => d.item === item)!.unit);
  const offered = (input: PlanInput, organisationId: number) => input.capacity.reduce((sum, o) => (o.orgId === String(organisationId) ? sum + o.capacity : sum), 0);
  return {
    ...view,
    organisationsConsidered: inputs.servingOrganisations,
    demanded: free.plan.demanded,
    free: { covered: free.plan.covered, coverage: coveragePercent(free.plan.covered, free.plan.demanded) },
    declared: { covered: declared.plan.covered, coverage: coveragePercent(declared.plan.covered, declared.plan.demanded) },
    units: [...new Set(demand.map((d) => d.unit))].map((unit) => {
      const sum = (entries: readonly { demandId: string; quantity: number }[]) => entries.reduce((total, e) => (unitOfDemand(e.demandId) === unit ? total + e.quantity : total), 0);
      return {
        unit,
        demanded: sum(inputs.shown.demand.map((d) => ({ demandId: d.id, quantity: d.quantity }))),
        free: sum(free.plan.allocations),
        declared: sum(declared.plan.allocations),
      };
    }),
    shortfall: summary.shortfall,
    carriers: summary.participants
      .filter((p) => p.allocated > 0)
      .map((p) => {
        const org = byId.get(p.organisationId)!;
        return {
          organisationId: p.organisationId,
          name: org.name,
          slug: org.slug,
          allocated: p.allocated,
          share: coveragePercent(p.allocated, summary.covered),
          free: offered(inputs.free, p.organisationId),
          declared: offered(inputs.declared, p.organisationId),
        };
      }),
  };
}
