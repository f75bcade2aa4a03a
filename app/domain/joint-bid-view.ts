/** What the joint-bid pages and the feasibility panel show: plain data shared by models and components. */
import type { JointBidStatus, ParticipantStatus, RequestKind } from "../../db/schema";
import type { CapacityPeriod } from "./capacity";
import type { EligibilityReason, PlanProblem, PlanSummary, ShortfallRow } from "./joint-bid";

export interface FeasibilityCarrier {
  organisationId: number;
  name: string;
  slug: string;
  allocated: number;
  /** Share of what the network covers, in percent. */
  share: number;
}

export interface FeasibilityView {
  requestId: number;
  reserved: boolean;
  /** Listed organisations with declared capacity that were planned with. */
  organisationsConsidered: number;
  demanded: number;
  covered: number;
  coverage: number;
  /** The request's unit when all its lines share one, else "". */
  unit: string;
  shortfall: ShortfallRow[];
  carriers: FeasibilityCarrier[];
  problem: PlanProblem | null;
}

export interface BidCommitmentView {
  id: number;
  capacityLineId: number;
  offeringTitle: string;
  lineQuantity: number;
  linePeriod: "weekday" | "week";
  lineWeekdays: number[];
  lineSites: string[];
  item: string;
  quantity: number;
  weekdays: number[];
  sites: string[];
  /** Most this commitment could be per delivery, given what other bids hold on the line. */
  available: number;
  deliveries: number;
}

export interface BidParticipantView {
  organisationId: number;
  name: string;
  slug: string;
  orgNumber: string;
  status: ParticipantStatus;
  isLead: boolean;
  confirmedAt: string | null;
  eligibility: EligibilityReason[];
  workforceShare: number | null;
  workforceShareDate: string | null;
  commitments: BidCommitmentView[];
  /** The viewer is a member of this organisation. */
  mine: boolean;
  /** Own capacity lines a commitment can be added from (only for the viewer's own organisations). */
  capacityLines: { id: number; offeringTitle: string; quantity: number; period: CapacityPeriod; sites: string[] }[];
}

export interface BidEventView {
  id: number;
  at: string;
  userName: string | null;
  organisationName: string | null;
  kind: string;
  details: string;
}

export interface BidListItem {
  id: number;
  status: JointBidStatus;
  requestId: number;
  requestTitle: string;
  leadName: string | null;
  participants: number;
  coverage: number | null;
  updatedAt: string;
}

export interface BidRequestView {
  id: number;
  title: string;
  kind: RequestKind;
  status: string;
  cpvCode: string;
  periodFrom: string;
  periodTo: string;
  deliverOnHolidays: boolean;
  buyerName: string;
  items: { item: string; unit: string }[];
  demand: { item: string; unit: string; site: string; weekdays: number[]; quantity: number }[];
}

export interface BidPageView {
  id: number;
  status: JointBidStatus;
  createdAt: string;
  submittedAt: string | null;
  planStale: boolean;
  leadName: string | null;
  request: BidRequestView;
  participants: BidParticipantView[];
  plan: (PlanSummary & { plannedAt: string }) | null;
  events: BidEventView[];
  /** Organisations that can still be invited (managers only). */
  invitable: { id: number; name: string }[];
}

export interface BidPermissions {
  manage: boolean;
  isBuyer: boolean;
  isCoordinator: boolean;
  /** The viewer's organisations taking part (any participant status). */
  ownOrganisationIds: number[];
}
