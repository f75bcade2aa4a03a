import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type RoleName = "coordinator" | "buyer" | "admin";
export type OrganisationKind = "work_integrating" | "social_organisation" | "hybrid" | "buyer" | "support";
export type OrganisationStatus = "applicant" | "active" | "deactivated";
export type MembershipRole = "owner" | "editor";
export type MembershipStatus = "pending" | "active";
export type CapacityPeriod = "weekday" | "week";

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: RoleName;
  granted_at: string;
  granted_by: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  /** Unix milliseconds; slides forward while the session is used. */
  expires_at: number;
  /** Unix milliseconds; the absolute lifetime is measured from here. */
  created_at: number;
}

export interface LoginFailureTable {
  id: Generated<number>;
  key: string;
  failed_at: number;
}

export interface OrganisationTable {
  id: Generated<number>;
  slug: string;
  name: string;
  org_number: string;
  kind: OrganisationKind;
  description: Generated<string>;
  contact_email: string | null;
  contact_phone: string | null;
  website: string | null;
  target_groups: Generated<string>;
  workforce_share: number | null;
  workforce_share_date: string | null;
  status: OrganisationStatus;
  verified_at: string | null;
  verified_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  is_example: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface OrganisationServiceAreaTable {
  organisation_id: number;
  area: string;
}

export interface OrganisationLogoTable {
  organisation_id: number;
  mime_type: string;
  bytes: Buffer;
  updated_at: string;
}

export interface MembershipTable {
  user_id: string;
  organisation_id: number;
  role: MembershipRole;
  status: MembershipStatus;
  created_at: string;
}

export interface OfferingTable {
  id: Generated<number>;
  organisation_id: number;
  title: string;
  description: Generated<string>;
  cpv_code: string;
  unit: string;
  created_at: string;
  updated_at: string;
}

export interface CapacityLineTable {
  id: Generated<number>;
  offering_id: number;
  quantity: number;
  period: CapacityPeriod;
  weekdays: Generated<string>;
  valid_from: string | null;
  valid_to: string | null;
  sites: Generated<string>;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  created_at: number;
  attempts: Generated<number>;
  next_attempt_at: Generated<number>;
  last_error: string | null;
}

export interface OrganisationFtsTable {
  rowid: number;
  name: string;
  offerings: string;
  description: string;
}

export interface Database {
  user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  login_failure: LoginFailureTable;
  organisation: OrganisationTable;
  organisation_service_area: OrganisationServiceAreaTable;
  organisation_logo: OrganisationLogoTable;
  membership: MembershipTable;
  offering: OfferingTable;
  capacity_line: CapacityLineTable;
  search_outbox: SearchOutboxTable;
  organisation_fts: OrganisationFtsTable;
}

export type User = Selectable<UserTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type Offering = Selectable<OfferingTable>;
export type CapacityLineRow = Selectable<CapacityLineTable>;
export type Membership = Selectable<MembershipTable>;
