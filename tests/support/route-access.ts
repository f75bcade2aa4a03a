/**
 * Who may do what, for every route and method: the data behind the authorisation matrix test
 * (tests/integration/authorisation-matrix.test.ts) and the pages the CSP browser test visits
 * (tests/e2e/content-security-policy.test.ts).
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
 * - buyer, coordinator, admin: the network roles (members of none of it).
 *
 * Answers: 200 (or 400 for a POST whose deliberately empty form passed the access check and then
 * failed validation: nothing is changed by the test), "login" (302 to /login), 302 (another
 * redirect), 403, 404. POST forms are empty unless given, so no entry changes data.
 */
export const roles = ["anonymous", "member", "otherMember", "owner", "pending", "buyer", "coordinator", "admin"] as const;
export type Role = (typeof roles)[number];
export type Expected = 200 | 302 | 400 | 403 | 404 | 503 | "login";
export type ByRole = Record<Role, Expected>;

export interface RouteAccess {
  /** The route module's file name in app/routes, without extension. */
  route: string;
  /** What this entry checks, when a route has more than one. */
  note?: string;
  /** A sample URL; `{offeringId}` is replaced by an offering of the organisation under test. */
  path: string;
  params?: Record<string, string>;
  get?: ByRole;
  post?: ByRole;
  /** Fields of the POST form (default: none). */
  form?: Record<string, string>;
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

export const routeAccess: RouteAccess[] = [
  { route: "$", path: "/no-such-page", params: { "*": "no-such-page" }, get: all(404) },
  { route: "_index", path: "/", get: all(200) },
  { route: "healthz", path: "/healthz", get: all(200) },
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
  { route: "organisations.$slug_.logo", path: `/organisations/${organisationSlug}/logo`, params: org, get: all(200) },
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
  },
  { route: "admin", path: "/admin", get: signedIn(403, { admin: 200 }), post: signedIn(403, { admin: 400 }) },
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
  { route: "coordinator_.audit", path: "/coordinator/audit", get: signedIn(403, { coordinator: 200 }) },
];
