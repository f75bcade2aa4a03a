/**
 * A joint bid's status changes by its managers: submission with every check in one transaction
 * (which also freezes the consortium agreement) and withdrawal. Won and lost come from the
 * buyer's award (app/models/tender/award.server.ts).
 */
import { canWithdraw, eligibilityReasons } from "../../domain/joint-bid";
import { bidStatusChanged } from "../notices/bids.server";
import { freezeAgreement } from "../tender/changes.server";
import { getBidAccess, type Viewer } from "./access.server";
import { requestPeriod } from "./candidates.server";
import { checkNoOverbooking } from "./capacity.server";
import { fail, inTransaction, now, recordEvent, type ActionResult, type Db } from "./change.server";
import { participantOrganisations } from "./participants.server";

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
