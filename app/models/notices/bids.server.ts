import type { DB } from "../../../db/client.server";
import type { JointBidStatus } from "../../domain/joint-bid";
import type { MessageKey } from "../../utils/i18n";
import { memberUserIds, notifyUsers } from "../notification.server";

/**
 * Who hears of a joint-bid event, and what they read: one function per event, each called inside
 * the transaction of the change. Every message names the bid (its number and lead) and the request,
 * since a member may be in several bids on several requests. The person who acted is not told.
 */

interface BidNaming {
  bid: string;
  lead: string;
  request: string;
}

async function bidOf(db: DB, bidId: number) {
  const row = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .leftJoin("organisation as lead", "lead.id", "b.lead_organisation_id")
    .select(["b.id", "b.lead_organisation_id", "b.created_by", "r.title", "r.buyer_organisation_id", "lead.name as lead_name"])
    .where("b.id", "=", bidId)
    .executeTakeFirstOrThrow();
  const naming: BidNaming = { bid: `#${row.id}`, lead: row.lead_name ?? "–", request: row.title };
  return { ...row, naming, link: `/bids/${bidId}` };
}

async function organisationName(db: DB, organisationId: number): Promise<string> {
  return (await db.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow()).name;
}

/** The lead's members and whoever started the bid (a coordinator, when one did). */
async function managers(db: DB, bid: { lead_organisation_id: number | null; created_by: string | null }): Promise<string[]> {
  const ids = bid.lead_organisation_id === null ? [] : await memberUserIds({ db, organisationIds: [bid.lead_organisation_id] });
  return bid.created_by ? [...ids, bid.created_by] : ids;
}

async function participantOrganisations(db: DB, bidId: number, statuses: readonly ("invited" | "accepted")[]): Promise<number[]> {
  const rows = await db
    .selectFrom("joint_bid_participant")
    .select("organisation_id")
    .where("bid_id", "=", bidId)
    .where("status", "in", [...statuses])
    .execute();
  return rows.map((r) => r.organisation_id);
}

const except = (userIds: readonly string[], actorId: string | null) => userIds.filter((id) => id !== actorId);

/** A coordinator named an organisation as the lead of a new bid: its members. */
export async function bidLeadNamed({ db, bidId, actorId }: { db: DB; bidId: number; actorId: string }): Promise<void> {
  const bid = await bidOf(db, bidId);
  if (bid.lead_organisation_id === null) return;
  const userIds = await memberUserIds({ db, organisationIds: [bid.lead_organisation_id] });
  await notifyUsers({ db, userIds: except(userIds, actorId), message: { key: "bids.notify.lead", vars: { ...bid.naming }, link: bid.link } });
}

/** An organisation was invited: its members. */
export async function participantInvited({ db, bidId, organisationId }: { db: DB; bidId: number; organisationId: number }): Promise<void> {
  const bid = await bidOf(db, bidId);
  await notifyUsers({
    db,
    userIds: await memberUserIds({ db, organisationIds: [organisationId] }),
    message: { key: "bids.notify.invited", vars: { ...bid.naming }, link: bid.link },
  });
}

/** What a participating organisation did, told to the bid's managers but the one who did it. */
async function tellManagersAbout(
  db: DB,
  { bidId, organisationId, actorId, key }: { bidId: number; organisationId: number; actorId: string; key: MessageKey },
): Promise<void> {
  const bid = await bidOf(db, bidId);
  await notifyUsers({
    db,
    userIds: except(await managers(db, bid), actorId),
    message: { key, vars: { ...bid.naming, organisation: await organisationName(db, organisationId) }, link: bid.link },
  });
}

/** An invited organisation accepted or declined: the bid's managers. */
export async function invitationAnswered({
  db,
  accepted,
  ...about
}: {
  db: DB;
  bidId: number;
  organisationId: number;
  accepted: boolean;
  actorId: string;
}): Promise<void> {
  await tellManagersAbout(db, { ...about, key: accepted ? "bids.notify.accepted" : "bids.notify.declined" });
}

/** A participant confirmed its commitments: the bid's managers. */
export async function commitmentsConfirmed({ db, ...about }: { db: DB; bidId: number; organisationId: number; actorId: string }): Promise<void> {
  await tellManagersAbout(db, { ...about, key: "bids.notify.confirmed" });
}

/** Submitted, withdrawn, won or lost: the participants, and the buyer too for a submission. */
export async function bidStatusChanged({
  db,
  bidId,
  status,
  actorId,
}: {
  db: DB;
  bidId: number;
  status: Extract<JointBidStatus, "submitted" | "withdrawn" | "won" | "lost">;
  actorId: string;
}): Promise<void> {
  const bid = await bidOf(db, bidId);
  const participants = await participantOrganisations(db, bidId, ["accepted"]);
  const organisationIds = status === "submitted" ? [...participants, bid.buyer_organisation_id] : participants;
  await notifyUsers({
    db,
    userIds: except(await memberUserIds({ db, organisationIds }), actorId),
    message: { key: `bids.notify.${status}`, vars: { ...bid.naming }, link: bid.link },
  });
}

/**
 * The request was amended, so the bid's plan is stale: the lead, every participant (invited ones
 * too, who will answer on the new terms) and whoever started the bid read the buyer's note and what
 * changed. `vars` are the request notice's: title, note, and the changes in each language.
 */
export async function bidRequestAmended({ db, bidId, vars }: { db: DB; bidId: number; vars: Record<string, string> }): Promise<void> {
  const bid = await bidOf(db, bidId);
  const participants = await participantOrganisations(db, bidId, ["invited", "accepted"]);
  const userIds = [...(await managers(db, bid)), ...(await memberUserIds({ db, organisationIds: participants }))];
  await notifyUsers({ db, userIds, message: { key: "bids.notify.amended", vars: { ...vars, ...bid.naming }, link: bid.link } });
}
