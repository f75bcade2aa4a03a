/** What the request page shows: plain data shared by the models that read it and the components that draw it. */
import type { EligibilityReason } from "./joint-bid";
import type { ResponseInterest } from "./request";

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
