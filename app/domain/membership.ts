/** An organisation's owner approves join requests; an editor edits the profile and offerings. */
export type MembershipRole = "owner" | "editor";
/** A join request is pending until an owner approves it. */
export type MembershipStatus = "pending" | "active";
