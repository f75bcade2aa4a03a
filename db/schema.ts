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
  /** 1: notifications are also sent by e-mail; 0: in the app only. */
  email_notifications: Generated<number>;
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

export type RequestKind = "direct_purchase" | "rfi" | "reserved" | "employment_requirement";
export type RequestStatus = "draft" | "published" | "closed" | "awarded" | "cancelled";

export interface RequestTable {
  id: Generated<number>;
  buyer_organisation_id: number;
  kind: RequestKind;
  status: RequestStatus;
  title: string;
  description: Generated<string>;
  cpv_code: string;
  /** YYYY-MM-DD, inclusive. */
  period_from: string;
  period_to: string;
  /** UTC instant, ISO 8601; shown in Europe/Stockholm. */
  deadline_at: string;
  /** 1: deliveries also fall on Swedish public holidays. */
  deliver_on_holidays: Generated<number>;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  closed_at: string | null;
  is_example: Generated<number>;
}

export interface DemandLineTable {
  id: Generated<number>;
  request_id: number;
  position: number;
  item: string;
  unit: string;
  /** Per delivery, a positive integer. */
  quantity: number;
  site: string;
  /** ISO weekdays as "1,2,3,4" (Monday is 1), the same text form as capacity_line.weekdays. */
  weekdays: string;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  /** Unix milliseconds. */
  created_at: number;
  attempts: Generated<number>;
  next_attempt_at: Generated<number>;
  /** A worker holds the row until then (Unix ms); another worker may take it after. */
  lease_until: number | null;
  sent_at: number | null;
  last_error: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: string;
  /** A locale key, rendered in the reader's language when shown. */
  message_key: string;
  /** JSON object of the message's variables. */
  message_vars: Generated<string>;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export type JointBidStatus = "draft" | "committed" | "submitted" | "won" | "lost" | "withdrawn";
export type ParticipantStatus = "invited" | "accepted" | "declined";

export interface JointBidTable {
  id: Generated<number>;
  request_id: number;
  /** The member organisation leading the consortium; null when a coordinator runs it alone. */
  lead_organisation_id: number | null;
  status: JointBidStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** 1 when commitments changed after the stored plan (or there is none yet). */
  plan_stale: Generated<number>;
  is_example: Generated<number>;
}

export interface JointBidParticipantTable {
  bid_id: number;
  organisation_id: number;
  status: ParticipantStatus;
  invited_at: string;
  responded_at: string | null;
  /** Set when the participant confirms its commitments; cleared when they change. */
  confirmed_at: string | null;
  confirmed_by: string | null;
}

export interface JointBidCommitmentTable {
  id: Generated<number>;
  bid_id: number;
  organisation_id: number;
  capacity_line_id: number;
  item: string;
  /** Units per delivery date. */
  quantity: number;
  /** ISO weekdays as "1,2,3,4". */
  weekdays: string;
  /** Newline-separated like capacity_line.sites; empty means every site. */
  sites: Generated<string>;
  updated_at: string;
}

export interface JointBidPlanTable {
  bid_id: number;
  input_json: string;
  plan_json: string;
  summary_json: string;
  planned_at: string;
  planned_by: string | null;
}

export interface JointBidEventTable {
  id: Generated<number>;
  bid_id: number;
  at: string;
  user_id: string | null;
  kind: string;
  organisation_id: number | null;
  details: Generated<string>;
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
  request: RequestTable;
  demand_line: DemandLineTable;
  email_outbox: EmailOutboxTable;
  notification: NotificationTable;
  joint_bid: JointBidTable;
  joint_bid_participant: JointBidParticipantTable;
  joint_bid_commitment: JointBidCommitmentTable;
  joint_bid_plan: JointBidPlanTable;
  joint_bid_event: JointBidEventTable;
}

export type User = Selectable<UserTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type Offering = Selectable<OfferingTable>;
export type CapacityLineRow = Selectable<CapacityLineTable>;
export type Membership = Selectable<MembershipTable>;
export type RequestRow = Selectable<RequestTable>;
export type DemandLineRow = Selectable<DemandLineTable>;
