/**
 * Who hears of an award, and what: the members of every organisation in the winning joint bid
 * that it won, those of every other submitted joint bid on the request that theirs did not, and
 * the members of a responding organisation that won. Called inside the award's transaction, so
 * the notifications and their e-mails commit with it (one outbox, app/models/notification.server.ts).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { memberUserIds, notifyUsers } from "../notification.server";

export async function notifyAward(
  db: Kysely<Database>,
  {
    requestId,
    wonBidIds,
    lostBidIds,
    winningOrganisationIds,
  }: { requestId: number; wonBidIds: number[]; lostBidIds: number[]; winningOrganisationIds: number[] },
): Promise<void> {
  const { title } = await db.selectFrom("request").select("title").where("id", "=", requestId).executeTakeFirstOrThrow();
  const participants = async (bidId: number) =>
    memberUserIds({
      db,
      organisationIds: (
        await db.selectFrom("joint_bid_participant").select("organisation_id").where("bid_id", "=", bidId).where("status", "=", "accepted").execute()
      ).map((p) => p.organisation_id),
    });
  for (const bidId of wonBidIds) {
    await notifyUsers({ db, userIds: await participants(bidId), message: { key: "bids.notify.won", vars: { request: title }, link: `/bids/${bidId}` } });
  }
  for (const bidId of lostBidIds) {
    await notifyUsers({ db, userIds: await participants(bidId), message: { key: "bids.notify.lost", vars: { request: title }, link: `/bids/${bidId}` } });
  }
  if (winningOrganisationIds.length > 0) {
    await notifyUsers({
      db,
      userIds: await memberUserIds({ db, organisationIds: winningOrganisationIds }),
      message: { key: "award.notify.responseWon", vars: { request: title }, link: `/requests/${requestId}` },
    });
  }
}
