/** What the joint-bid pages and the feasibility panel show: plain data shared by models and components. */
import type { JointBidStatus, ParticipantStatus } from "./joint-bid";
import type { RequestKind } from "./request";
import type { CapacityPeriod } from "./capacity";
import type { BidPlanSummary, EligibilityReason, PlanProblem, ShortfallRow } from "./joint-bid";

export interface FeasibilityCarrier {
  organisationId: number;
  name: string;
  slug: string;
  /** What the plan on free capacity has it deliver. */
  allocated: number;
  /** Share of what the network covers, in percent. */
  share: number;
  /** Its capacity on the request's delivery dates: free after other requests' bids, and declared. */
  free: number;
  declared: number;
}

/** Coverage over the period: units covered, and their share of the demand in percent. */
export interface FeasibilityCoverage {
  covered: number;
  coverage: number;
}

export interface FeasibilityView {
  requestId: number;
  reserved: boolean;
  /** Listed organisations with capacity lines that serve the request's demand. */
  organisationsConsidered: number;
  demanded: number;
  /** On free capacity: what is left after live bids on other requests. The headline. */
  free: FeasibilityCoverage;
  /** On declared capacity, as if nobody had promised any of it elsewhere. */
  declared: FeasibilityCoverage;
  /** Demand and coverage per unit the request counts in ("portions"). */
  units: { unit: string; demanded: number; free: number; declared: number }[];
  /** Shortfall on free capacity. */
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
  /** The request's items the line serves: what the commitment may be for (the viewer's own commitments only). */
  items: string[];
  quantity: number;
  weekdays: number[];
  sites: string[];
  /**
   * Most this commitment could be per delivery: free after other bids and the bid's other
   * commitments on the line. Null unless it is the viewer's own.
   */
  available: number | null;
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
  /** Own capacity lines that serve the request, to add a commitment from (only for the viewer's own organisations). */
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
  deadlineAt: string;
  /** Open for responses: a bid on it may be confirmed, planned and submitted. */
  open: boolean;
  items: { item: string; unit: string }[];
  demand: { item: string; unit: string; site: string; weekdays: number[]; quantity: number }[];
}

export interface BidPageView {
  id: number;
  status: JointBidStatus;
  createdAt: string;
  submittedAt: string | null;
  planStale: boolean;
  /** The buyer amended the request after the stored plan was made. */
  requestAmendedSincePlan: boolean;
  leadName: string | null;
  request: BidRequestView;
  participants: BidParticipantView[];
  plan: (BidPlanSummary & { plannedAt: string }) | null;
  events: BidEventView[];
  /** Organisations that can still be invited (managers only). */
  invitable: { id: number; name: string }[];
}

export interface BidPermissions {
  manage: boolean;
  isBuyer: boolean;
  isCoordinator: boolean;
  /** The bid's organisations (any participant status) the permission table lets the viewer take part for (`bid.participate`). */
  ownOrganisationIds: number[];
}
