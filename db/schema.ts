import type { Generated, Insertable, Selectable, Updateable } from "kysely";

import type { CapacityPeriod } from "../app/domain/capacity";
import type { MembershipRole, MembershipStatus } from "../app/domain/membership";
import type { OrganisationKind, OrganisationStatus } from "../app/domain/organisation";
import type { RoleName } from "../app/domain/roles";
import type { Locale } from "../app/domain/locale";
import type { RequestKind, RequestStatus, ResponseInterest } from "../app/domain/request";
import type { JointBidStatus, ParticipantStatus } from "../app/domain/joint-bid";
import type { Gender as PilotGender, ProcurementKind as PilotProcurementKind, ProcurementStatus as PilotProcurementStatus } from "../app/domain/pilot";
import type { CompanySize } from "../app/domain/tender/tender";
import type { VatRate } from "../app/domain/tender/money";

// The domain owns these names; they are re-exported so table types read as one vocabulary.
export type { CapacityPeriod, MembershipRole, MembershipStatus, OrganisationKind, OrganisationStatus, RoleName };

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  /** True: notifications are also sent by e-mail; false: in the app only. */
  email_notifications: Generated<boolean>;
  /** ISO time the address was confirmed; until then the account cannot act for an organisation. */
  email_verified_at: string | null;
  /** The language of the account's e-mails: set at sign-up and by the language switcher. */
  locale: Generated<Locale>;
}

/** A password reset link's token, by its SHA-256 hash (the token itself is only in the e-mail). */
export interface PasswordResetTokenTable {
  token_hash: string;
  user_id: string;
  /** ISO time. */
  expires_at: string;
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
  /** ISO time; slides forward while the session is used. */
  expires_at: string;
  /** ISO time; the absolute lifetime is measured from here. */
  created_at: string;
}

export interface LoginFailureTable {
  id: Generated<number>;
  key: string;
  failed_at: string;
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
  workforce_share: number | null;
  workforce_share_date: string | null;
  status: OrganisationStatus;
  verified_at: string | null;
  verified_by: string | null;
  /** The facts as the coordinator verified them (null when never verified). */
  verified_kind: OrganisationKind | null;
  verified_org_number: string | null;
  verified_workforce_share: number | null;
  verified_workforce_share_date: string | null;
  /** When the owner's change to a verified fact ended the verification; null once verified again. */
  verification_ended_at: string | null;
  approved_at: string | null;
  approved_by: string | null;
  /** Set when a coordinator turned the application down; the applicant sees the reason. */
  rejected_at: string | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  /** Takes part in the employment-requirement pilot: its buyers may use /pilot. Set by a coordinator or an admin. */
  pilot_participant: Generated<boolean>;
  is_example: Generated<boolean>;
  created_at: string;
  updated_at: string;
}

export interface OrganisationServiceAreaTable {
  organisation_id: number;
  area: string;
}

/** The groups an organisation employs or works with, one row each, in the order written. */
export interface OrganisationTargetGroupTable {
  organisation_id: number;
  position: number;
  name: string;
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
  valid_from: string | null;
  valid_to: string | null;
}

/** The ISO weekdays (Monday is 1) a capacity line of period "weekday" delivers on, one row each. */
export interface CapacityLineWeekdayTable {
  capacity_line_id: number;
  weekday: number;
}

/** Where a capacity line delivers, one row per site in the order written; none means anywhere. */
export interface CapacityLineSiteTable {
  capacity_line_id: number;
  position: number;
  site: string;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: Generated<string>;
  last_error: string | null;
  /** ISO time until which the worker that took the row has it to itself; null when nobody has it. */
  lease_until: string | null;
}

/** Search markers: "reindex" (running), "reindex-done" (kept an hour), "resync" (Meilisearch missed changes). */
export interface SearchMarkerTable {
  id: Generated<number>;
  kind: "reindex" | "reindex-done" | "resync";
  index_uid: string | null;
  created_at: string;
  error: string | null;
}

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
  /** True: deliveries also fall on Swedish public holidays. */
  deliver_on_holidays: Generated<boolean>;
  /** True: each demand line is a lot of its own in open data; fixed once published. */
  lines_are_lots: Generated<boolean>;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  closed_at: string | null;
  is_example: Generated<boolean>;
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
  /** What is delivered, when the buyer names it besides the request's code; null: the request's code alone. */
  cpv_code: string | null;
}

/** The ISO weekdays (Monday is 1) a demand line is delivered on, one row each. */
export interface DemandLineWeekdayTable {
  demand_line_id: number;
  weekday: number;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  /** ISO time. */
  created_at: string;
  attempts: Generated<number>;
  next_attempt_at: Generated<string>;
  /** A worker holds the row until then (ISO time); another worker may take it after. */
  lease_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  /** JSON array of attachments (a meeting's calendar entry), or null. */
  attachments: string | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: string;
  /** A locale key, rendered in the reader's language when shown. */
  message_key: string;
  /** JSON object of the message's variables. */
  message_vars: Generated<string>;
  link: string | null;
  /** JSON array of further lines ({ key, vars }): what changed, old → new; when; where. */
  details: Generated<string>;
  created_at: string;
  read_at: string | null;
}

/** One counted event for a rate limit (login attempt, signup), by key such as `signup:ip:…`. */
export interface RateEventTable {
  id: Generated<number>;
  key: string;
  /** ISO time. */
  at: string;
}

/** The one row readiness rewrites to see that a write commits (db/write-failures.ts). */
export interface ReadinessProbeTable {
  id: number;
  /** ISO time. */
  probed_at: string;
}

/** A browser the account has logged in from, by a long-lived cookie (decision 002). */
export interface LoginDeviceTable {
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  /** ISO time. */
  created_at: string;
  /** ISO time. */
  expires_at: string;
}

export interface EmailVerificationTable {
  /** SHA-256 (hex) of the token in the link; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  email: string;
  /** ISO time. */
  expires_at: string;
}

/** Append-only (triggers refuse updates and deletes). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** No foreign key: shown as "a former member" once the account is gone. */
  actor_user_id: string | null;
  organisation_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  /** JSON object. */
  details: Generated<string>;
}

export type MeetingStatus = "scheduled" | "cancelled";
export type RegistrationStatus = "confirmed" | "waitlisted";
export type ActionStatus = "open" | "done";

export interface MeetingTable {
  id: Generated<number>;
  /** iCalendar UID, stable across edits. */
  uid: string;
  title: string;
  description: Generated<string>;
  /** UTC instants, ISO 8601; shown in Europe/Stockholm. */
  starts_at: string;
  ends_at: string;
  registration_deadline: string;
  place: string | null;
  online_url: string | null;
  /** Number of places; null is unlimited. */
  capacity: number | null;
  status: Generated<MeetingStatus>;
  /** iCalendar SEQUENCE: raised by every change that calendar subscribers should see. */
  sequence: Generated<number>;
  /** Markdown. */
  minutes: Generated<string>;
  minutes_published: Generated<boolean>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  is_example: Generated<boolean>;
  /** True: the registered are reminded the day before. */
  send_reminder: Generated<boolean>;
  /** When the reminder was queued; cleared when the meeting's time changes. */
  reminder_sent_at: string | null;
  /** Who last saved the minutes (no foreign key; cleared when the account is deleted). */
  minutes_by: string | null;
}

export interface MeetingConvenerTable {
  meeting_id: number;
  organisation_id: number;
}

export interface MeetingAgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title: string;
  duration_minutes: number;
  request_id: number | null;
  /** A joint bid's id; no foreign key (see docs/decisions/009). */
  joint_bid_id: number | null;
}

export interface MeetingRegistrationTable {
  id: Generated<number>;
  meeting_id: number;
  user_id: string;
  organisation_id: number;
  status: RegistrationStatus;
  needs: string | null;
  attended: Generated<boolean>;
  created_at: string;
  promoted_at: string | null;
}

export interface MeetingActionTable {
  id: Generated<number>;
  meeting_id: number;
  text: string;
  organisation_id: number;
  /** YYYY-MM-DD (Europe/Stockholm). */
  due_date: string;
  status: Generated<ActionStatus>;
  done_at: string | null;
  reminder_sent_at: string | null;
  created_at: string;
}

export interface ConvenerHandoverTable {
  id: Generated<number>;
  from_organisation_id: number;
  to_organisation_id: number;
  meetings_moved: number;
  handed_over_by: string | null;
  handed_over_at: string;
}

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
  is_example: Generated<boolean>;
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
  is_example: Generated<boolean>;
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
  /** The compound parts of its words (decision 017). */
  parts: string;
}

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
  plan_stale: Generated<boolean>;
  is_example: Generated<boolean>;
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
  updated_at: string;
}

/** The ISO weekdays a commitment delivers on, one row each. */
export interface JointBidCommitmentWeekdayTable {
  commitment_id: number;
  weekday: number;
}

/** The request's sites a commitment delivers to, in order; none means every site. */
export interface JointBidCommitmentSiteTable {
  commitment_id: number;
  position: number;
  site: string;
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

/** A joint bid's price per demand line, excluding VAT, in öre (decision 023). */
export interface JointBidPriceTable {
  bid_id: number;
  demand_line_id: number;
  unit_price_ore: number;
  vat_rate: VatRate;
}

/** A participant's payment per unit on a demand line, where it differs from the price less the lead's share. */
export interface JointBidPaymentTable {
  bid_id: number;
  organisation_id: number;
  demand_line_id: number;
  unit_payment_ore: number;
}

/** The consortium's terms: the lead's administration share, the group's name, payment and notice terms. */
export interface JointBidTermsTable {
  bid_id: number;
  /** Basis points of the price (1 % = 100). */
  admin_share_bp: number;
  group_name: string;
  /** Days after the buyer's payment within which the lead pays each participant. */
  payment_days: number;
  notice_months: number;
  /** Organisations outside the bid named to take over, as the consortium wrote them. */
  substitutes: string;
  updated_at: string;
  updated_by: string | null;
}

/** The consortium agreement's content (parties, deliveries, prices, terms) as it stood when the bid was submitted, as JSON. */
export interface JointBidAgreementTable {
  bid_id: number;
  content_json: string;
  frozen_at: string;
  frozen_by: string | null;
}

/** What an organisation's ESPD and signature need beyond its profile: postal address, size, signatory. */
export interface OrganisationTenderDetailsTable {
  organisation_id: number;
  street_address: string;
  postal_code: string;
  city: string;
  company_size: CompanySize;
  signatory_name: string;
  signatory_role: string;
  updated_at: string;
  updated_by: string | null;
}

/** A request's outcome: the winning joint bid or responding organisation, the contract's value (öre) and period. */
export interface RequestAwardTable {
  request_id: number;
  joint_bid_id: number | null;
  organisation_id: number | null;
  value_ore: number;
  /** YYYY-MM-DD, inclusive. */
  contract_from: string;
  contract_to: string;
  awarded_at: string;
  awarded_by: string | null;
}

export interface OrganisationFtsTable {
  rowid: number;
  name: string;
  offerings: string;
  description: string;
  sites: string;
  /** The compound parts of its words (decision 017). */
  parts: string;
}

export type AnnualGoalArea = "internal_collaboration" | "external_collaboration";

export interface PilotProcurementTable {
  id: Generated<number>;
  title: string;
  buying_unit: string;
  /** A listed organisation, or else the free-text name below. */
  supplier_organisation_id: number | null;
  supplier_name: string | null;
  kind: PilotProcurementKind;
  cpv_code: string | null;
  status: PilotProcurementStatus;
  /** YYYY-MM-DD. */
  start_date: string | null;
  end_date: string | null;
  contract_value_sek: number | null;
  request_id: number | null;
  is_example: Generated<boolean>;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface PilotNoteTable {
  id: Generated<number>;
  /** null: the note is about the pilot as a whole. */
  procurement_id: number | null;
  /** Reporting point 2, 3, 4, 7 or 8. */
  point: number;
  body: string;
  updated_at: string;
  updated_by: string | null;
}

export interface PilotExtraCostTable {
  id: Generated<number>;
  procurement_id: number | null;
  description: string;
  amount_sek: number;
  proposal: string;
  is_example: Generated<boolean>;
  created_at: string;
  created_by: string | null;
}

/** Counts only: no column may ever hold anything about one person. */
export interface PilotOutcomeTable {
  id: Generated<number>;
  procurement_id: number;
  period_from: string;
  period_to: string;
  gender: PilotGender;
  participants: number;
  on_social_assistance: number;
  work: number;
  studies: number;
  unemployment_benefit: number;
  social_assistance: number;
  other_unknown: number;
  is_example: Generated<boolean>;
  updated_at: string;
  updated_by: string | null;
}

/** A value of an estimate parameter from the day it begins (YYYY-MM-DD) until the next value of the same parameter begins. */
export interface PilotParameterValueTable {
  id: Generated<number>;
  key: string;
  value: number;
  valid_from: string;
  source: string;
  is_example: Generated<boolean>;
  updated_at: string;
  updated_by: string | null;
}

export interface PilotReportVersionTable {
  id: Generated<number>;
  period_from: string;
  period_to: string;
  version: number;
  /** The frozen, suppressed report as JSON. */
  content: string;
  /**
   * Private: the register rows, procurements and hidden cells the version's suppression was
   * computed from, so that later publications are audited against it. Null for versions
   * published before it was kept.
   */
  audit_input: string | null;
  published_at: string;
  published_by: string | null;
}

export interface PilotChangeTable {
  id: Generated<number>;
  entity: string;
  entity_id: string;
  action: string;
  summary: Generated<string>;
  changed_at: string;
  changed_by: string | null;
}

export interface AnnualReportTextTable {
  year: number;
  section: string;
  introduction: Generated<string>;
  conclusion: Generated<string>;
  updated_at: string;
  updated_by: string | null;
}

export interface AnnualActivityTable {
  id: Generated<number>;
  year: number;
  goal_area: AnnualGoalArea;
  activity: string;
  hours: number | null;
  percent_of_time: number | null;
  /** Null: no cost entered (the report shows "—"), unlike a cost of 0. */
  cost_sek: number | null;
  is_example: Generated<boolean>;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  password_reset_token: PasswordResetTokenTable;
  login_failure: LoginFailureTable;
  organisation: OrganisationTable;
  organisation_service_area: OrganisationServiceAreaTable;
  organisation_target_group: OrganisationTargetGroupTable;
  organisation_logo: OrganisationLogoTable;
  membership: MembershipTable;
  offering: OfferingTable;
  capacity_line: CapacityLineTable;
  capacity_line_weekday: CapacityLineWeekdayTable;
  capacity_line_site: CapacityLineSiteTable;
  search_outbox: SearchOutboxTable;
  search_marker: SearchMarkerTable;
  organisation_fts: OrganisationFtsTable;
  request: RequestTable;
  demand_line: DemandLineTable;
  demand_line_weekday: DemandLineWeekdayTable;
  email_outbox: EmailOutboxTable;
  notification: NotificationTable;
  rate_event: RateEventTable;
  login_device: LoginDeviceTable;
  readiness_probe: ReadinessProbeTable;
  email_verification: EmailVerificationTable;
  audit_log: AuditLogTable;
  meeting: MeetingTable;
  meeting_convener: MeetingConvenerTable;
  meeting_agenda_item: MeetingAgendaItemTable;
  meeting_registration: MeetingRegistrationTable;
  meeting_action: MeetingActionTable;
  convener_handover: ConvenerHandoverTable;
  pilot_procurement: PilotProcurementTable;
  pilot_note: PilotNoteTable;
  pilot_extra_cost: PilotExtraCostTable;
  pilot_outcome: PilotOutcomeTable;
  pilot_parameter_value: PilotParameterValueTable;
  pilot_report_version: PilotReportVersionTable;
  pilot_change: PilotChangeTable;
  annual_report_text: AnnualReportTextTable;
  annual_activity: AnnualActivityTable;
  rfi_question: RfiQuestionTable;
  request_response: RequestResponseTable;
  response_capacity: ResponseCapacityTable;
  response_answer: ResponseAnswerTable;
  request_question: RequestQuestionTable;
  request_change: RequestChangeTable;
  request_fts: RequestFtsTable;
  request_site: RequestSiteTable;
  joint_bid: JointBidTable;
  joint_bid_participant: JointBidParticipantTable;
  joint_bid_commitment: JointBidCommitmentTable;
  joint_bid_commitment_weekday: JointBidCommitmentWeekdayTable;
  joint_bid_commitment_site: JointBidCommitmentSiteTable;
  joint_bid_plan: JointBidPlanTable;
  joint_bid_event: JointBidEventTable;
  joint_bid_price: JointBidPriceTable;
  joint_bid_payment: JointBidPaymentTable;
  joint_bid_terms: JointBidTermsTable;
  joint_bid_agreement: JointBidAgreementTable;
  organisation_tender_details: OrganisationTenderDetailsTable;
  request_award: RequestAwardTable;
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
