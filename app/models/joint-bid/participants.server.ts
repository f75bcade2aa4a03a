/**
 * Starting a joint bid and its participants: invitations, answers, removal, and the bid's status
 * as its participants' answers and confirmations make it (draft or committed).
 */
import { isOpenForChanges, type JointBidStatus } from "../../domain/joint-bid";
import { can } from "../../domain/permissions";
import { loadViewer } from "../acting-organisations.server";
import { bidLeadNamed, invitationAnswered, participantInvited } from "../notices/bids.server";
import { managedOpenBid, participatingOpenBid, type Viewer } from "./access.server";
import { listBidCandidates, requestPeriod } from "./candidates.server";
import { prefillCommitments } from "./capacity.server";
import { fail, inTransaction, now, recordEvent, type ActionResult, type Db, type Trx } from "./change.server";
import { markPlanStale } from "./planning.server";

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
      .values({
        request_id: requestId,
        lead_organisation_id: leadOrganisationId,
        status: "draft",
        created_by: viewer.id,
        created_at: timestamp,
        updated_at: timestamp,
      })
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
  await trx.insertInto("joint_bid_participant").values({ bid_id: bidId, organisation_id: organisationId, status: "invited", invited_at: now() }).execute();
  await recordEvent(trx, { bidId, userId: viewer.id, kind: "invited", organisationId });
  await participantInvited({ db: trx as Db, bidId, organisationId });
}

/** A manager invites another listed organisation; a bid that was committed goes back to draft. */
export async function inviteParticipant({
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
    const managed = await managedOpenBid({ db: trx, bidId, viewer });
    if (!managed.ok) return managed;
    const candidates = new Set((await listBidCandidates({ db: trx as Db })).map((c) => c.id));
    const existing = await trx
      .selectFrom("joint_bid_participant")
      .select("organisation_id")
      .where("bid_id", "=", bidId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (!candidates.has(organisationId) || existing) return fail({ kind: "invalid", field: "organisationId" });
    await inviteInTransaction(trx, { bidId, organisationId, viewer });
    await refreshStatus(trx, bidId, viewer.id);
    return { ok: true };
  });
}

/** A manager removes a participant other than the lead, with its commitments. */
export async function removeParticipant({
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
    const managed = await managedOpenBid({ db: trx, bidId, viewer });
    if (!managed.ok) return managed;
    if (organisationId === managed.bid.lead_organisation_id) return fail({ kind: "invalid", field: "organisationId" });
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
    const access = await participatingOpenBid({ db: trx, bidId, viewer, organisationId });
    if (!access.ok) return access;
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
export async function refreshStatus(trx: Trx, bidId: number, userId: string | null): Promise<void> {
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

export async function participantOrganisations(db: Trx, bidId: number) {
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
