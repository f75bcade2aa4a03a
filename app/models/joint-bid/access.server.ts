/**
 * Who may see and change a joint bid: the bid with what the viewer may do, decided by the
 * permission table (decision 026). Every change in this folder asks it first.
 */
import type { RoleName } from "../../../db/schema";
import { buyerMaySee, isOpenForChanges, type JointBidStatus } from "../../domain/joint-bid";
import type { BidPermissions } from "../../domain/joint-bid-view";
import { actsFor, can, type BidResource } from "../../domain/permissions";
import { loadViewer } from "../acting-organisations.server";
import { fail, type ActionResult, type Trx } from "./change.server";

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
      ownOrganisationIds: resource.participantOrganisationIds.filter((organisationId) => can(acting, "bid.participate", { bid: resource, organisationId })),
    },
  };
}

/** Who asks about which bid, in the transaction of the change they make. */
export interface BidChange {
  db: Trx;
  bidId: number;
  viewer: Viewer;
}

/** The bid, when it is there for the viewer, the permission allows the change and the bid is still open for changes. */
async function openBidWhere({ db, bidId, viewer }: BidChange, allowed: (permissions: BidPermissions) => boolean): Promise<ActionResult<BidAccess>> {
  const access = await getBidAccess({ db, bidId, viewer });
  if (!access) return fail({ kind: "notFound" });
  if (!allowed(access.permissions)) return fail({ kind: "forbidden" });
  if (!isOpenForChanges(access.bid.status)) return fail({ kind: "closed" });
  return { ok: true, ...access };
}

/** The bid, when the viewer manages it and it is open: every manager's change (participants, plan, tender) asks this first. */
export const managedOpenBid = (change: BidChange) => openBidWhere(change, (p) => p.manage);

/** The bid, when the viewer acts for the participating organisation and the bid is open: every participant's own change asks this first. */
export const participatingOpenBid = ({ organisationId, ...change }: BidChange & { organisationId: number }) =>
  openBidWhere(change, (p) => p.ownOrganisationIds.includes(organisationId));
