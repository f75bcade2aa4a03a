/**
 * Who may do what, for every route and method: the data behind the authorisation matrix test
 * (tests/integration/authorisation-matrix.test.ts) and the pages the browser sweep visits
 * (tests/e2e/every-page.test.ts).
 *
 * A route file without an entry here fails the matrix test, so a new route cannot be forgotten.
 * To add a route: one entry with its module's file name (without extension), a sample URL, and
 * the answer each role should get for each method it exports (`loader` → GET, `action` → POST;
 * a page without a loader is a GET that everyone gets).
 *
 * The roles, all about the organisation under test (Fontänhuset Lund, slug `fontanhuset-lund`):
 * - anonymous: no session;
 * - member: an active editor of the organisation;
 * - otherMember: an active editor of another organisation;
 * - owner: its active owner;
 * - pending: has asked to join it and waits for an answer;
 * - buyer, coordinator, admin: the network roles (members of none of it); the buyer acts for one
 *   of the municipality's units, which takes part in the pilot;
 * - renamedBuyer: a buyer whose own buyer organisation does not take part in the pilot, renamed
 *   by its owner to "Lunds kommun – Matrix": a name opens nothing.
 *
 * Answers: 200 (or 400 for a POST whose deliberately empty form passed the access check and then
 * failed validation: nothing is changed by the test), "login" (302 to /login), 302 (another
 * redirect), 403, 404. POST forms are empty unless given, so no entry changes data.
 */
import type { ViewerAction } from "../../app/domain/permissions";

export const roles = ["anonymous", "member", "otherMember", "owner", "pending", "buyer", "coordinator", "admin", "renamedBuyer"] as const;
export type Role = (typeof roles)[number];
export type Expected = 200 | 302 | 400 | 403 | 404 | 409 | 503 | "login";
export type ByRole = Record<Role, Expected>;

export interface RouteAccess {
  /** The route module's file name in app/routes, without extension. */
  route: string;
  /** What this entry checks, when a route has more than one. */
  note?: string;
  /**
   * A sample URL. Placeholders are replaced by ids from the test's database (see `placeholders`):
   * `{offeringId}` an offering of the organisation under test, `{requestId}` a published request of
   * the buyer's organisation, `{draftRequestId}` a draft of it, `{bidId}` a joint bid led by the
   * organisation under test (not submitted), `{wonBidId}` one it led that won an award,
   * `{organisationId}` the organisation under test, `{meetingId}` a scheduled meeting,
   * `{procurementId}` a pilot procurement, `{reportVersionId}` a published pilot report.
   */
  path: string;
  params?: Record<string, string>;
  get?: ByRole;
  post?: ByRole;
  /**
   * What a browser opening `path` gets, where it differs from `get` (a child route without a
   * loader answers 200 on its own, while the page at its URL is its parent's).
   */
  browserGet?: ByRole;
  /** Fields of the POST form (default: none). */
  form?: Record<string, string>;
  /**
   * The action of the permission table (`app/domain/permissions.ts`) that alone decides who gets
   * past the route's guard, per method: the matrix test checks that `get`/`post` above let exactly
   * the roles through that the table lets do it.
   */
  guard?: { get?: ViewerAction; post?: ViewerAction };
}

/** The same answer for every role. */
export function all(expected: Expected): ByRole {
  return Object.fromEntries(roles.map((role) => [role, expected])) as ByRole;
}

/** Anonymous visitors go to login; every signed-in role gets `signedIn`; `overrides` win. */
export function signedIn(expected: Expected, overrides: Partial<ByRole> = {}): ByRole {
  return { ...all(expected), anonymous: "login", ...overrides };
}

/** Routes for those who may edit the organisation under test (its owner and editors). */
const editorsOnly = (allowed: Expected): ByRole => signedIn(403, { member: allowed, owner: allowed });

export const organisationSlug = "fontanhuset-lund";
/** An applicant (unlisted) organisation created by the matrix test with no members. */
export const unlistedSlug = "matrix-unlisted-applicant";

const org = { slug: organisationSlug };

/** The placeholders a sample URL or its params may contain. */
export const placeholders = [
  "offeringId",
  "requestId",
  "draftRequestId",
  "bidId",
  "wonBidId",
  "organisationId",
  "meetingId",
  "procurementId",
  "reportVersionId",
] as const;
export type Placeholder = (typeof placeholders)[number];

/** Coordinators only (e.g. meeting creation and follow-up). */
const coordinatorsOnly = (allowed: Expected): ByRole => signedIn(403, { coordinator: allowed });
/** The pilot: coordinators and buyers of organisations that take part (the buyer account is one; renamedBuyer is not). */
const pilotUsers = (allowed: Expected): ByRole => signedIn(403, { buyer: allowed, coordinator: allowed });
/** A joint bid led by the organisation under test: its members and coordinators; everyone else 404. */
const bidInsiders = (allowed: Expected): ByRole => signedIn(404, { member: allowed, owner: allowed, coordinator: allowed });
/** A draft request: its buyer organisation and coordinators; it does not exist for anyone else. */
const draftInsiders = (allowed: Expected): ByRole => signedIn(404, { buyer: allowed, coordinator: allowed });
const reportYear = String(new Date().getFullYear());

export const routeAccess: RouteAccess[] = [
  { route: "$", path: "/no-such-page", params: { "*": "no-such-page" }, get: all(404) },
  { route: "_index", path: "/", get: all(200) },
  { route: "healthz", path: "/healthz", get: all(200) },
  // The CPV vocabulary's suggestions: public, as the vocabulary is.
  { route: "cpv", path: "/cpv?q=cykel", get: all(200) },
  { route: "lang", path: "/lang", get: all(302), post: all(302), form: { lang: "en", redirectTo: "/" } },
  { route: "login", path: "/login", get: signedIn(302, { anonymous: 200 }), post: all(400) },
  { route: "signup", path: "/signup", get: signedIn(302, { anonymous: 200 }), post: all(400) },
  { route: "logout", path: "/logout", get: all(302), post: all(302) },
  { route: "organisations._index", path: "/organisations", get: all(200) },
  { route: "organisations.new", path: "/organisations/new", get: signedIn(200), post: signedIn(400) },
  {
    route: "organisations.$slug",
    path: `/organisations/${organisationSlug}`,
    params: org,
    get: all(200),
    post: signedIn(400),
  },
  {
    route: "organisations.$slug",
    note: "unlisted organisation",
    path: `/organisations/${unlistedSlug}`,
    params: { slug: unlistedSlug },
    get: { ...all(404), coordinator: 200 },
    post: signedIn(404, { coordinator: 400 }),
  },
  {
    route: "organisations.$slug_.edit",
    path: `/organisations/${organisationSlug}/edit`,
    params: org,
    get: editorsOnly(200),
    post: editorsOnly(400),
  },
  {
    route: "organisations.$slug_.edit",
    note: "unlisted organisation",
    path: `/organisations/${unlistedSlug}/edit`,
    params: { slug: unlistedSlug },
    get: signedIn(404, { coordinator: 403 }),
    post: signedIn(404, { coordinator: 403 }),
  },
  {
    // Upload and removal by its editors; an empty form names no intent.
    route: "organisations.$slug_.logo",
    path: `/organisations/${organisationSlug}/logo`,
    params: org,
    get: all(200),
    post: editorsOnly(400),
  },
  {
    route: "organisations.$slug_.offerings.new",
    path: `/organisations/${organisationSlug}/offerings/new`,
    params: org,
    get: editorsOnly(200),
    post: editorsOnly(400),
  },
  {
    route: "organisations.$slug_.offerings.$offeringId",
    path: `/organisations/${organisationSlug}/offerings/{offeringId}`,
    params: { ...org, offeringId: "{offeringId}" },
    get: editorsOnly(200),
    post: editorsOnly(400),
  },
  {
    route: "coordinator",
    path: "/coordinator",
    get: signedIn(403, { coordinator: 200 }),
    // An empty form names no organisation: 404 once past the role check.
    post: signedIn(403, { coordinator: 404 }),
    guard: { get: "coordinate", post: "coordinate" },
  },
  { route: "admin", path: "/admin", get: signedIn(403, { admin: 200 }), post: signedIn(403, { admin: 400 }), guard: { get: "administer", post: "administer" } },
  { route: "privacy", path: "/privacy", get: all(200) },
  { route: "accessibility", path: "/accessibility", get: all(200) },
  // Without a token: back to login, or to the page that sends a new link.
  { route: "verify-email", path: "/verify-email", get: signedIn(302) },
  // Every matrix account is verified: a POST says so and redirects.
  { route: "account_.verify", path: "/account/verify", get: signedIn(200), post: signedIn(302) },
  // "Log out everywhere" ends with the login page.
  { route: "account_.sessions", path: "/account/sessions", get: signedIn(200), post: all("login") },
  { route: "account_.export", path: "/account/export", get: signedIn(200) },
  // An empty password is a wrong one: nothing is deleted.
  { route: "account_.delete", path: "/account/delete", get: signedIn(200), post: signedIn(400) },
  { route: "coordinator_.audit", path: "/coordinator/audit", get: signedIn(403, { coordinator: 200 }), guard: { get: "coordinate" } },

  // Account pages.
  // An empty form names no intent.
  { route: "account", path: "/account", get: signedIn(200), post: signedIn(400) },
  { route: "forgot-password", path: "/forgot-password", get: all(200), post: all(400) },
  {
    route: "reset-password.$token",
    note: "unknown token",
    path: "/reset-password/no-such-token",
    params: { token: "no-such-token" },
    get: all(200),
    post: all(400),
  },
  { route: "notifications", path: "/notifications", get: signedIn(200), post: signedIn(400) },

  // Members of an organisation: its editors see them, only its owner changes them.
  {
    route: "organisations.$slug_.members",
    path: `/organisations/${organisationSlug}/members`,
    params: org,
    get: editorsOnly(200),
    post: signedIn(403, { owner: 400 }),
  },
  {
    // Capacity lines; the page is rendered under organisations.$slug_.offerings.$offeringId, whose loader checks.
    route: "organisations.$slug_.offerings.$offeringId._index",
    path: `/organisations/${organisationSlug}/offerings/{offeringId}`,
    params: { ...org, offeringId: "{offeringId}" },
    get: all(200),
    post: editorsOnly(400),
    // In a browser this URL is the parent's page, for which only editors get 200.
    browserGet: editorsOnly(200),
  },

  // Requests: published ones are public, drafts only for their buyer organisation and coordinators.
  { route: "requests._index", path: "/requests", get: all(200) },
  { route: "requests.ocds[.]json", path: "/requests/ocds.json", get: all(200) },
  {
    // Every buyer posts for their own organisation.
    route: "requests.new",
    path: "/requests/new",
    get: signedIn(403, { buyer: 200, renamedBuyer: 200 }),
    post: signedIn(403, { buyer: 400, renamedBuyer: 400 }),
    guard: { get: "request.create", post: "request.create" },
  },
  {
    route: "requests.$id",
    path: "/requests/{requestId}",
    params: { id: "{requestId}" },
    get: all(200),
    post: signedIn(400),
  },
  {
    route: "requests.$id",
    note: "draft",
    path: "/requests/{draftRequestId}",
    params: { id: "{draftRequestId}" },
    get: { ...all(404), buyer: 200, coordinator: 200 },
    post: draftInsiders(400),
  },
  {
    // Responses; the page at this address is the request page (requests.$id), whose loader checks.
    // An empty form names no intent.
    route: "requests.$id.responses",
    path: "/requests/{requestId}/responses",
    params: { id: "{requestId}" },
    get: all(200),
    post: signedIn(400),
  },
  {
    route: "requests.$id.responses",
    note: "draft",
    path: "/requests/{draftRequestId}/responses",
    params: { id: "{draftRequestId}" },
    get: all(200),
    post: draftInsiders(400),
    browserGet: { ...all(404), buyer: 200, coordinator: 200 },
  },
  {
    // The question thread, likewise shown in the request page.
    route: "requests.$id.qa",
    path: "/requests/{requestId}/qa",
    params: { id: "{requestId}" },
    get: all(200),
    post: signedIn(400),
  },
  {
    route: "requests.$id.qa",
    note: "draft",
    path: "/requests/{draftRequestId}/qa",
    params: { id: "{draftRequestId}" },
    get: all(200),
    post: draftInsiders(400),
    browserGet: { ...all(404), buyer: 200, coordinator: 200 },
  },
  {
    route: "requests.$id_.edit",
    path: "/requests/{requestId}/edit",
    params: { id: "{requestId}" },
    get: signedIn(403, { buyer: 200 }),
    post: signedIn(403, { buyer: 400 }),
  },
  {
    // Another buyer organisation's draft does not exist for a buyer.
    route: "requests.$id_.edit",
    note: "draft",
    path: "/requests/{draftRequestId}/edit",
    params: { id: "{draftRequestId}" },
    get: signedIn(403, { buyer: 200, renamedBuyer: 404 }),
    post: signedIn(403, { buyer: 400, renamedBuyer: 404 }),
  },
  { route: "requests.$id_.ocds[.]json", path: "/requests/{requestId}/ocds.json", params: { id: "{requestId}" }, get: all(200) },
  {
    route: "requests.$id_.ocds[.]json",
    note: "draft",
    path: "/requests/{draftRequestId}/ocds.json",
    params: { id: "{draftRequestId}" },
    get: all(404),
  },
  {
    route: "requests.$id_.responses[.]csv",
    path: "/requests/{requestId}/responses.csv",
    params: { id: "{requestId}" },
    get: signedIn(403, { buyer: 200, coordinator: 200 }),
  },
  {
    route: "requests.$id_.responses[.]csv",
    note: "draft",
    path: "/requests/{draftRequestId}/responses.csv",
    params: { id: "{draftRequestId}" },
    get: draftInsiders(200),
  },

  // Joint bids: invisible (404) to everyone but their participants, the buyer once submitted, and coordinators.
  { route: "bids._index", path: "/bids", get: signedIn(200) },
  {
    // Organisations that can offer start bids, and coordinators; an empty form names no request.
    route: "bids.new",
    path: "/bids/new",
    get: signedIn(403, { member: 200, owner: 200, otherMember: 200, coordinator: 200 }),
    post: signedIn(403, { member: 400, owner: 400, otherMember: 400, coordinator: 400 }),
    guard: { get: "bid.start", post: "bid.start" },
  },
  { route: "bids.$id", path: "/bids/{bidId}", params: { id: "{bidId}" }, get: bidInsiders(200), post: bidInsiders(400) },
  {
    // A participant's commitments; the page at this address is the bid page (bids.$id), whose loader checks.
    route: "bids.$id.commitments",
    path: "/bids/{bidId}/commitments",
    params: { id: "{bidId}" },
    get: all(200),
    post: bidInsiders(400),
    browserGet: bidInsiders(200),
  },
  { route: "bids.$id_.summary", path: "/bids/{bidId}/summary", params: { id: "{bidId}" }, get: bidInsiders(200) },
  {
    route: "bids.$id_.allocations[.]csv",
    path: "/bids/{bidId}/allocations.csv",
    params: { id: "{bidId}" },
    get: bidInsiders(200),
  },
  { route: "bids.$id_.export[.]json", path: "/bids/{bidId}/export.json", params: { id: "{bidId}" }, get: bidInsiders(200) },

  // The tender: the bid's insiders see it; prices and terms change only by the lead and
  // coordinators (an empty form names no intent), details by each organisation for itself.
  { route: "bids.$id_.tender", path: "/bids/{bidId}/tender", params: { id: "{bidId}" }, get: bidInsiders(200), post: bidInsiders(400) },
  { route: "bids.$id_.agreement", path: "/bids/{bidId}/agreement", params: { id: "{bidId}" }, get: bidInsiders(200) },
  {
    // A member downloads its own organisation's ESPD; the lead and coordinators every member's.
    route: "bids.$id_.espd.$organisationId",
    path: "/bids/{bidId}/espd/{organisationId}",
    params: { id: "{bidId}", organisationId: "{organisationId}" },
    get: bidInsiders(200),
  },
  {
    // The demo bid has a participant that is not eligible for the reserved procurement: 409, in words.
    route: "bids.$id_.tender-pack[.]zip",
    path: "/bids/{bidId}/tender-pack.zip",
    params: { id: "{bidId}" },
    get: bidInsiders(409),
  },
  {
    // The won demo bid is complete; once submitted, the buyer sees the bid but not its pack.
    route: "bids.$id_.tender-pack[.]zip",
    note: "complete, won",
    path: "/bids/{wonBidId}/tender-pack.zip",
    params: { id: "{wonBidId}" },
    get: signedIn(404, { member: 200, owner: 200, coordinator: 200, buyer: 403 }),
  },
  {
    // The buyer's own request; awarding it before its deadline is refused on the page, and an empty form fails validation.
    route: "requests.$id_.award",
    path: "/requests/{requestId}/award",
    params: { id: "{requestId}" },
    get: signedIn(403, { buyer: 200 }),
    post: signedIn(403, { buyer: 400 }),
  },
  {
    route: "requests.$id_.award",
    note: "draft",
    path: "/requests/{draftRequestId}/award",
    params: { id: "{draftRequestId}" },
    // Another buyer organisation is not told that the draft exists.
    get: signedIn(403, { buyer: 200, renamedBuyer: 404 }),
    post: signedIn(403, { buyer: 400, renamedBuyer: 404 }),
  },

  // Network meetings: public to read, created and followed up by coordinators.
  { route: "meetings._index", path: "/meetings", get: all(200) },
  { route: "meetings[.]ics", path: "/meetings.ics", get: all(200) },
  { route: "meetings.actions", path: "/meetings/actions", get: all(200) },
  {
    route: "meetings.new",
    path: "/meetings/new",
    get: coordinatorsOnly(200),
    post: coordinatorsOnly(400),
    guard: { get: "meeting.manage", post: "meeting.manage" },
  },
  {
    route: "meetings.conveners",
    path: "/meetings/conveners",
    get: coordinatorsOnly(200),
    post: coordinatorsOnly(400),
    guard: { get: "meeting.manage", post: "meeting.manage" },
  },
  { route: "meetings.statistics", path: "/meetings/statistics", get: coordinatorsOnly(200), guard: { get: "meeting.manage" } },
  {
    // An empty form names no intent: nothing to do, whoever asks.
    route: "meetings.$id",
    path: "/meetings/{meetingId}",
    params: { id: "{meetingId}" },
    get: all(200),
    post: all(400),
  },
  {
    route: "meetings.$id_.calendar[.]ics",
    path: "/meetings/{meetingId}/calendar.ics",
    params: { id: "{meetingId}" },
    get: all(200),
  },
  {
    route: "meetings.$id_.edit",
    path: "/meetings/{meetingId}/edit",
    params: { id: "{meetingId}" },
    get: coordinatorsOnly(200),
    post: coordinatorsOnly(400),
    guard: { get: "meeting.manage", post: "meeting.manage" },
  },
  {
    route: "meetings.$id_.follow-up",
    path: "/meetings/{meetingId}/follow-up",
    params: { id: "{meetingId}" },
    get: coordinatorsOnly(200),
    post: coordinatorsOnly(400),
    guard: { get: "meeting.manage", post: "meeting.manage" },
  },

  // The pilot: coordinators and buyers of participating organisations; parameters, publishing and report
  // texts for coordinators; which organisations take part, coordinators and admins.
  { route: "pilot._index", path: "/pilot", get: pilotUsers(200), post: pilotUsers(400), guard: { get: "pilot.read", post: "pilot.read" } },
  { route: "pilot.estimate", path: "/pilot/estimate", get: pilotUsers(200), post: coordinatorsOnly(400), guard: { get: "pilot.read", post: "pilot.manage" } },
  {
    route: "pilot.procurements.$procurementId",
    path: "/pilot/procurements/{procurementId}",
    params: { procurementId: "{procurementId}" },
    get: pilotUsers(200),
    post: pilotUsers(400),
    guard: { get: "pilot.read", post: "pilot.read" },
  },
  { route: "pilot.report", path: "/pilot/report", get: pilotUsers(200), post: coordinatorsOnly(400), guard: { get: "pilot.read", post: "pilot.manage" } },
  { route: "pilot.report[.csv]", path: "/pilot/report.csv", get: pilotUsers(200), guard: { get: "pilot.read" } },
  { route: "pilot.report[.json]", path: "/pilot/report.json", get: pilotUsers(200), guard: { get: "pilot.read" } },
  {
    // An empty form names no intent.
    route: "pilot.participants",
    path: "/pilot/participants",
    get: signedIn(403, { coordinator: 200, admin: 200 }),
    post: signedIn(403, { coordinator: 400, admin: 400 }),
    guard: { get: "pilot.setParticipation", post: "pilot.setParticipation" },
  },
  {
    // A published report version is public (only publishing makes a version).
    route: "pilot.reports.$versionId",
    path: "/pilot/reports/{reportVersionId}",
    params: { versionId: "{reportVersionId}" },
    get: all(200),
  },
  {
    route: "pilot.reports.$versionId",
    note: "no such version",
    path: "/pilot/reports/999999",
    params: { versionId: "999999" },
    get: all(404),
  },
  {
    route: "reports.$year",
    path: `/reports/${reportYear}`,
    params: { year: reportYear },
    get: pilotUsers(200),
    post: coordinatorsOnly(400),
    guard: { get: "pilot.read", post: "pilot.manage" },
  },
];
