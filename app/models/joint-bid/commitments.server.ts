/**
 * A participant's commitments in a joint bid: changing, adding and removing them, and confirming
 * them against over-booking in one write transaction.
 * See docs/decisions/008-commitments-overbooking-plan-storage.md.
 */
import { capacityServes } from "../../domain/capacity-fit";
import { commitmentsConfirmed } from "../notices/bids.server";
import { participatingOpenBid, type BidRow, type Viewer } from "./access.server";
import { demandSources, requestPeriod } from "./candidates.server";
import { checkNoOverbooking, fitLinesOf, lineQuery, prefillCommitments, writeCommitmentDays } from "./capacity.server";
import { fail, inTransaction, now, recordEvent, type ActionResult, type Db, type Trx } from "./change.server";
import { refreshStatus } from "./participants.server";
import { markPlanStale } from "./planning.server";

async function participantMayEdit(trx: Trx, viewer: Viewer, bidId: number, organisationId: number): Promise<ActionResult<{ bid: BidRow }>> {
  const access = await participatingOpenBid({ db: trx, bidId, viewer, organisationId });
  if (!access.ok) return access;
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
function asParticipant(
  { db, viewer, bidId, organisationId }: ParticipantChange,
  change: (trx: Trx, bid: BidRow) => Promise<ActionResult>,
): Promise<ActionResult> {
  return inTransaction(db, async (trx) => {
    const allowed = await participantMayEdit(trx, viewer, bidId, organisationId);
    return allowed.ok ? change(trx, allowed.bid) : allowed;
  });
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
export async function updateCommitment({
  commitmentId,
  input,
  ...change
}: ParticipantChange & { commitmentId: number; input: CommitmentInput }): Promise<ActionResult> {
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
    if (line.fit.line.period === "weekday" && input.weekdays.some((d) => !line.fit.line.weekdays.includes(d)))
      return fail({ kind: "invalid", field: "weekdays" });
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
 * A participant confirms its commitments. In one write transaction: the confirmation is written
 * first (so that SQLite hands out the write lock before anything is read and two confirmations
 * run one after the other), then everything the organisation holds is read and checked; if any
 * date would be over-booked the transaction rolls back and the caller gets the date.
 */
export async function confirmCommitments({
  db,
  viewer,
  bidId,
  organisationId,
}: {
  db: Db;
  viewer: Viewer;
  bidId: number;
  organisationId: number;
}): Promise<ActionResult> {
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
