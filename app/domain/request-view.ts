/** What the request page shows: plain data shared by the models that read it and the components that draw it. */
import type { EligibilityReason } from "./joint-bid";
import type { DemandLineFields, RequestFields, RequestStatus, ResponseInterest } from "./request";

/** A stored request with its buyer's name, as models hand it to routes and pages (one mapper makes it from the row). */
export interface RequestRecord extends RequestFields {
  id: number;
  buyerOrganisationId: number;
  buyerName: string;
  buyerOrgNumber: string;
  /** As stored: a published request past its deadline is still "published" here (see `effectiveStatus`). */
  status: RequestStatus;
  /** Each demand line is a lot of its own; fixed once published. */
  linesAreLots: boolean;
  publishedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  isExample: boolean;
}

/** A stored demand line with its weekdays. */
export interface DemandLine extends DemandLineFields {
  id: number;
  position: number;
  /** What is delivered, when the buyer named it besides the request's code. */
  cpvCode: string | null;
}

/** One question of the request's public thread, with the buyer's answer once given. */
export interface QuestionAndAnswer {
  id: number;
  question: string;
  answer: string | null;
  askedAt: string;
  answeredAt: string | null;
}

/** A dated correction, amendment or change of status, as the request page lists them. */
export interface RequestChangeEntry {
  id: number;
  kind: "correction" | "amendment" | "status";
  note: string;
  createdAt: string;
}

/** One organisation's response to a request. */
export interface ResponseView {
  id: number;
  organisationId: number;
  organisationName: string;
  orgNumber: string;
  /** Why the organisation may not take part in a reserved procurement (LOU 4 kap. 18 §); empty when it may. */
  eligibility: EligibilityReason[];
  workforceShare: number | null;
  interest: ResponseInterest;
  message: string;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
  /** demand line id → quantity per delivery. */
  capacity: Record<number, number>;
  /** question id → answer. */
  answers: Record<number, string>;
}

/** Who won a request, and the contract's value and period. */
export interface RecordedAward {
  winner: { kind: "bid"; bidId: number; name: string } | { kind: "response"; organisationId: number; name: string };
  valueOre: number;
  contractFrom: string;
  contractTo: string;
  awardedAt: string;
}
