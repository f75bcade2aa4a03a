import type { OrganisationStatus } from "./organisation";

/** An organisation's owner approves join requests; an editor edits the profile and offerings. */
export type MembershipRole = "owner" | "editor";
/** A join request is pending until an owner approves it. */
export type MembershipStatus = "pending" | "active";

/** A member of an organisation as its members page reads it (the membership model maps the rows to it). */
export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
  status: MembershipStatus;
}

/** One of a user's memberships as their organisations page reads it: the organisation and where the user stands in it. */
export interface OwnMembershipView {
  slug: string;
  name: string;
  organisationStatus: OrganisationStatus;
  organisationRejectedAt: string | null;
  role: MembershipRole;
  status: MembershipStatus;
}
