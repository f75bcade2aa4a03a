/**
 * Planning a joint bid: the planner's input read from the database, the planner run outside the
 * write transaction, and the plan stored only if what it was made from has not changed; a change
 * to anything the planner reads, or an amendment of the request, marks the plan stale.
 * See docs/decisions/008-commitments-overbooking-plan-storage.md and 018.
 */
import { idleFittingCapacity, type DemandWithQuantity, type ParticipantCapacityLine } from "../../domain/capacity-fit";
import {
  buildPlanInput,
  capToFreeCapacity,
  commitmentDates,
  coveragePercent,
  isOpenForChanges,
  runPlanner,
  summarisePlan,
  type BidPlanSummary,
  type HeldCommitment,
  type LineCommitment,
  type PlanProblem,
  type RequestPeriod,
} from "../../domain/joint-bid";
import type { Plan, PlanInput } from "../../domain/planner";
import { managedOpenBid, type Viewer } from "./access.server";
import { demandSources, requestPeriod } from "./candidates.server";
import { byLineId, commitmentDays, fitLinesOf, heldOnLines, lineQuery } from "./capacity.server";
import { fail, inTransaction, now, organisationName, recordEvent, type ActionResult, type Db, type Trx } from "./change.server";

/** Every change to what the planner would read marks the stored plan stale. */
export async function markPlanStale(trx: Trx, bidId: number): Promise<void> {
  await trx.updateTable("joint_bid").set({ plan_stale: true }).where("id", "=", bidId).execute();
}

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
  if (demand.length === 0 || rows.length === 0)
    return { period, demand, commitments: [], participantLines: [], heldElsewhere: new Map<number, HeldCommitment[]>() };
  const accepted = await db
    .selectFrom("joint_bid_participant")
    .select("organisation_id")
    .where("bid_id", "=", bidId)
    .where("status", "=", "accepted")
    .execute();
  const participantLines = await fitLinesOf(
    db,
    await lineQuery(db)
      .where(
        "offering.organisation_id",
        "in",
        accepted.map((p) => p.organisation_id),
      )
      .orderBy("capacity_line.id")
      .execute(),
  );
  const heldElsewhere = await heldOnLines(db, byLineId(participantLines), { bidId });
  const days = await commitmentDays(
    db,
    rows.map((r) => r.id),
  );
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
export async function loadPlanInput({
  db,
  bidId,
}: {
  db: Trx;
  bidId: number;
}): Promise<({ ok: true } & LoadedPlanInput) | { ok: false; problem: PlanProblem }> {
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
  const withPending =
    pending.length === 0 ? null : buildPlanInput({ period, demand, commitments: capToFreeCapacity([...confirmed, ...pending], lines, heldElsewhere) });
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
  const access = await managedOpenBid({ db, bidId, viewer });
  if (!access.ok) return access;
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
      .onConflict((oc) =>
        oc.column("bid_id").doUpdateSet({
          input_json: row.input_json,
          plan_json: row.plan_json,
          summary_json: row.summary_json,
          planned_at: row.planned_at,
          planned_by: row.planned_by,
        }),
      )
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
  const bids = await db
    .selectFrom("joint_bid")
    .select(["id", "status"])
    .where("request_id", "=", requestId)
    .where("status", "in", ["draft", "committed", "submitted"])
    .execute();
  for (const bid of bids) {
    await markPlanStale(db, bid.id);
    if (bid.status === "submitted") {
      await db.updateTable("joint_bid").set({ status: "committed" }).where("id", "=", bid.id).execute();
      await recordEvent(db, { bidId: bid.id, userId, kind: "status.committed" });
    }
    await recordEvent(db, { bidId: bid.id, userId, kind: "requestAmended" });
  }
}
