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

export type ResponseInterest = "yes" | "maybe" | "no";
export type RequestChangeKind = "correction" | "amendment" | "status";

export interface RfiQuestionTable {
  id: Generated<number>;
  request_id: number;
  position: number;
  text: string;
}

/** One organisation's response to a request; `version` goes up on every save (optimistic concurrency). */
export interface RequestResponseTable {
  id: Generated<number>;
  request_id: number;
  organisation_id: number;
  interest: ResponseInterest;
  message: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
  is_example: Generated<number>;
}

/** Indicative capacity per delivery that a response offers for one demand line. */
export interface ResponseCapacityTable {
  response_id: number;
  demand_line_id: number;
  quantity: number;
}

export interface ResponseAnswerTable {
  response_id: number;
  question_id: number;
  answer: string;
}

/** The public question-and-answer thread of a request. */
export interface RequestQuestionTable {
  id: Generated<number>;
  request_id: number;
  asked_by: string | null;
  question: string;
  answer: string | null;
  answered_by: string | null;
  asked_at: string;
  answered_at: string | null;
  is_example: Generated<number>;
}

/** A dated note shown on the request: a wording correction, an amendment, or a status change. */
export interface RequestChangeTable {
  id: Generated<number>;
  request_id: number;
  kind: RequestChangeKind;
  note: string;
  created_by: string | null;
  created_at: string;
}

/** The distinct delivery sites of a request (from its demand lines), for filtering and counting. */
export interface RequestSiteTable {
  request_id: number;
  site: string;
}

export interface RequestFtsTable {
  rowid: number;
  title: string;
  body: string;
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
  rfi_question: RfiQuestionTable;
  request_response: RequestResponseTable;
  response_capacity: ResponseCapacityTable;
  response_answer: ResponseAnswerTable;
  request_question: RequestQuestionTable;
  request_change: RequestChangeTable;
  request_fts: RequestFtsTable;
  request_site: RequestSiteTable;
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
