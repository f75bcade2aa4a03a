/**
 * Who may see and change a joint bid: the bid with what the viewer may do, decided by the
 * permission table (decision 026). Every change in this folder asks it first.
 */
import type { RoleName } from "../../../db/schema";
import { buyerMaySee, type JointBidStatus } from "../../domain/joint-bid";
import type { BidPermissions } from "../../domain/joint-bid-view";
import { actsFor, can, type BidResource } from "../../domain/permissions";
import { loadViewer } from "../acting-organisations.server";
import type { Trx } from "./change.server";

export interface Viewer {
  id: string;
  roles: readonly RoleName[];
}

export interface BidRow {
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
