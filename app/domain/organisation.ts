import type { CapacityLine } from "./capacity";

export const organisationKinds = ["work_integrating", "social_organisation", "hybrid", "buyer", "support"] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** An applicant waits for a coordinator's approval; only active organisations are listed. */
export type OrganisationStatus = "applicant" | "active" | "deactivated";

/** Kinds that sell to buyers: what the directory lists unless asked for other kinds. */
export const supplierKinds: readonly OrganisationKind[] = ["work_integrating", "social_organisation", "hybrid"];

/** Areas an organisation serves: Lund and its neighbouring municipalities, and Skåne as a whole. */
export const serviceAreas = ["Lund", "Malmö", "Eslöv", "Kävlinge", "Lomma", "Staffanstorp", "Höör", "Hörby", "Burlöv", "Skåne"] as const;

export const offeringUnits = ["portions", "hours", "square_metres", "pieces", "kilograms", "visits", "deliveries"] as const;
export type OfferingUnit = (typeof offeringUnits)[number];

export function isOfferingUnit(unit: string): unit is OfferingUnit {
  return (offeringUnits as readonly string[]).includes(unit);
}

/** LOU 4 kap. 18 §: a reserved contract needs at least 30 % of the workforce from disadvantaged groups. */
export const RESERVED_CONTRACT_THRESHOLD = 30;

/** The organisation's own figure reaches the threshold, whether or not anyone has checked it. */
export function declaresReservedShare(org: { workforce_share: number | null }): boolean {
  return org.workforce_share !== null && org.workforce_share >= RESERVED_CONTRACT_THRESHOLD;
}

/**
 * Eligibility that buyers may rely on: the declared figure reaches the threshold AND a coordinator
 * has verified the organisation. A freshly registered organisation's own figure is only
 * "self-declared" and earns no badge.
 */
export function isEligibleForReservedContracts(org: { workforce_share: number | null; verified_at: string | null }): boolean {
  return declaresReservedShare(org) && org.verified_at !== null;
}

/**
 * The facts a coordinator vouches for by verifying an organisation: what it is, which legal
 * person, and its workforce share with the date that share rests on. A change to any of them by
 * the organisation ends the verification until a coordinator has looked again.
 */
export const verifiedFactNames = ["kind", "org_number", "workforce_share", "workforce_share_date"] as const;
export type VerifiedFactName = (typeof verifiedFactNames)[number];
export type VerifiedFacts = { kind: OrganisationKind; org_number: string; workforce_share: number | null; workforce_share_date: string | null };

export interface ChangedFact {
  fact: VerifiedFactName;
  /** As verified; null when it had no value then. */
  verified: string | number | null;
  now: string | number | null;
}

/** The verified facts that differ now, in the order of `verifiedFactNames`. */
export function changedFacts(verified: { [K in VerifiedFactName]: VerifiedFacts[K] | null }, now: VerifiedFacts): ChangedFact[] {
  return verifiedFactNames.filter((fact) => verified[fact] !== now[fact]).map((fact) => ({ fact, verified: verified[fact], now: now[fact] }));
}

/** An organisation's verified facts as they were verified (its `verified_*` columns). */
export function factsAsVerified(org: {
  verified_kind: OrganisationKind | null;
  verified_org_number: string | null;
  verified_workforce_share: number | null;
  verified_workforce_share_date: string | null;
}): { [K in VerifiedFactName]: VerifiedFacts[K] | null } {
  return {
    kind: org.verified_kind,
    org_number: org.verified_org_number,
    workforce_share: org.verified_workforce_share,
    workforce_share_date: org.verified_workforce_share_date,
  };
}

/** URL-safe slug from a name: lower case, å/ä→a, ö→o, other marks dropped. */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "organisation"
  );
}

export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An organisation as pages and rules read it (the models map the stored row to it). */
export interface OrganisationView {
  id: number;
  slug: string;
  name: string;
  orgNumber: string;
  kind: OrganisationKind;
  status: OrganisationStatus;
  description: string;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  workforceShare: number | null;
  workforceShareDate: string | null;
  verifiedAt: string | null;
  verificationEndedAt: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  isExample: boolean;
  createdAt: string;
}

/** An offering as pages read it (the offering model maps the stored row to it), with its capacity lines. */
export interface OfferingView {
  id: number;
  title: string;
  description: string;
  cpvCode: string;
  unit: string;
  capacity: CapacityLine[];
}
