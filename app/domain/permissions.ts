/**
 * Who may do what: one table, read by the server helper (`app/route-helpers/permissions.server.ts`), the
 * models that check inside a transaction, the pages that show or hide a form, and the
 * authorisation matrix test. Pure: the viewer comes with the organisations they act for already
 * loaded (`actingOrganisations` in `app/models/acting-organisations.server.ts`, the one query that
 * says what acting for an organisation means). See docs/decisions/026-one-permission-table.md.
 */
import type { MembershipStatus } from "./membership";
import type { OrganisationKind } from "./organisation";
import type { RequestStatus } from "./request";
import type { RoleName } from "./roles";

/** An organisation the viewer acts for: an active membership of an active organisation. */
export interface ActingOrganisation {
  id: number;
  name: string;
  kind: OrganisationKind;
  pilotParticipant: boolean;
}

/** A signed-in user as the permission table sees them. */
export interface Viewer {
  id: string;
  roles: readonly RoleName[];
  organisations: readonly ActingOrganisation[];
}

/** A request, as far as who may see and answer it goes. */
export interface RequestResource {
  status: RequestStatus;
  buyerOrganisationId: number;
}

/** An organisation's response to a request: the request, and the organisation it is for. */
export interface ResponseResource {
  request: RequestResource;
  organisationId: number;
}

/**
 * An organisation, as far as who may edit it goes: the viewer's own membership of it, whatever the
 * organisation's status (acting for it needs an active organisation; editing does not).
 */
export interface OrganisationResource {
  viewerMembership: { status: MembershipStatus } | null;
}

/** A joint bid, as far as who may see and manage it goes. */
export interface BidResource {
  leadOrganisationId: number | null;
  /** Every organisation on the bid, whatever its answer to the invitation. */
  participantOrganisationIds: readonly number[];
  buyerOrganisationId: number;
  /** The buyer sees a bid only once it was submitted (`buyerMaySee` in `joint-bid.ts`). */
  buyerMaySee: boolean;
}

const has = (viewer: Viewer, role: RoleName) => viewer.roles.includes(role);
const coordinator = (viewer: Viewer) => has(viewer, "coordinator");

/** Whether the viewer acts for the organisation (an active member of it while it is active). */
export function actsFor(viewer: Viewer, organisationId: number | null): boolean {
  return organisationId !== null && viewer.organisations.some((o) => o.id === organisationId);
}

/** The buyer organisations the viewer buys for: needs the buyer role, and acting for a buyer-kind organisation. */
export function buyerOrganisations(viewer: Viewer): ActingOrganisation[] {
  return has(viewer, "buyer") ? viewer.organisations.filter((o) => o.kind === "buyer") : [];
}

/** The organisations the viewer may answer requests and take part in bids for: every one they act for that is not a buyer. */
export function supplierSideOrganisations(viewer: Viewer): ActingOrganisation[] {
  return viewer.organisations.filter((o) => o.kind !== "buyer");
}

const buysFor = (viewer: Viewer, organisationId: number) => buyerOrganisations(viewer).some((o) => o.id === organisationId);

type Rule<Resource> = (viewer: Viewer, resource: Resource) => boolean;

/**
 * The table. Each line: an action, then who may do it. Rules about the state of the thing (a
 * request still open, a bid still a draft) are the domain's and stay with it; this table says only
 * who.
 */
const permissionTable = {
  administer: (v) => has(v, "admin"),
  coordinate: (v) => coordinator(v),
  "meeting.manage": (v) => coordinator(v),
  "meeting.seeUnpublished": (v) => coordinator(v),
  // An applicant's founders fill in its profile and offerings before it is listed, so an active
  // membership is enough, whatever the organisation's status.
  "organisation.edit": ((_v, o) => o.viewerMembership?.status === "active") as Rule<OrganisationResource>,
  "pilot.read": (v) => coordinator(v) || (has(v, "buyer") && v.organisations.some((o) => o.pilotParticipant)),
  "pilot.manage": (v) => coordinator(v),
  "pilot.setParticipation": (v) => coordinator(v) || has(v, "admin"),
  "request.create": (v) => buyerOrganisations(v).length > 0,
  "request.see": ((v, r) => r.status !== "draft" || buysFor(v, r.buyerOrganisationId) || coordinator(v)) as Rule<RequestResource>,
  "request.manage": ((v, r) => buysFor(v, r.buyerOrganisationId)) as Rule<RequestResource>,
  "request.seeResponses": ((v, r) => buysFor(v, r.buyerOrganisationId) || coordinator(v)) as Rule<RequestResource>,
  "request.respond": ((v, r) => !buysFor(v, r.buyerOrganisationId) && (coordinator(v) || supplierSideOrganisations(v).length > 0)) as Rule<RequestResource>,
  "request.ask": ((v, r) => !buysFor(v, r.buyerOrganisationId) && supplierSideOrganisations(v).length > 0) as Rule<RequestResource>,
  "response.write": ((v, { request, organisationId }) =>
    !buysFor(v, request.buyerOrganisationId) && supplierSideOrganisations(v).some((o) => o.id === organisationId)) as Rule<ResponseResource>,
  "bid.start": (v) => coordinator(v) || supplierSideOrganisations(v).length > 0,
  "bid.lead": ((v, lead) => coordinator(v) || actsFor(v, lead.organisationId)) as Rule<{ organisationId: number | null }>,
  "bid.see": ((v, b) =>
    coordinator(v) ||
    actsFor(v, b.leadOrganisationId) ||
    b.participantOrganisationIds.some((id) => actsFor(v, id)) ||
    (b.buyerMaySee && actsFor(v, b.buyerOrganisationId))) as Rule<BidResource>,
  "bid.manage": ((v, b) => coordinator(v) || actsFor(v, b.leadOrganisationId)) as Rule<BidResource>,
  // Acting for one of the bid's organisations: answering its invitation, its own commitments, its
  // tender details and its own prices. A coordinator manages the bid but takes part for nobody.
  "bid.participate": ((v, { bid, organisationId }) => bid.participantOrganisationIds.includes(organisationId) && actsFor(v, organisationId)) as Rule<{
    bid: BidResource;
    organisationId: number;
  }>,
  // What the menu offers, where no page's own rule says it: the frame of every page knows a user's
  // roles but loads no organisations, so these read roles alone.
  "menu.ownOrganisations": (v) => !has(v, "buyer"),
  "menu.pilot": (v) => coordinator(v) || has(v, "buyer"),
} satisfies Record<string, Rule<never>>;

export type Action = keyof typeof permissionTable;
type ResourceOf<A extends Action> = Parameters<(typeof permissionTable)[A]>[1];
/** Actions that need no resource: only the viewer's roles and organisations decide. */
export type ViewerAction = { [A in Action]: ResourceOf<A> extends undefined ? A : never }[Action];

/** A visitor: no roles, no organisations; they may do what the table gives everyone. */
const visitor: Viewer = { id: "", roles: [], organisations: [] };

/** Whether the viewer (null for a visitor) may do the action to the resource. */
export function can<A extends Action>(viewer: Viewer | null, action: A, ...resource: ResourceOf<A> extends undefined ? [] : [ResourceOf<A>]): boolean {
  const rule = permissionTable[action] as Rule<unknown>;
  return rule(viewer ?? visitor, resource[0]);
}

/** The actions the menu asks about: each reads the user's roles alone (a unit test checks it). */
export const menuActions = ["administer", "coordinate", "menu.ownOrganisations", "menu.pilot"] as const satisfies readonly ViewerAction[];
export type MenuAction = (typeof menuActions)[number];

/**
 * Whether the menu offers a signed-in user a link: the table asked with their roles, as the frame
 * of every page does not load the organisations they act for (and these rules do not read them).
 */
export function menuOffers(user: { id: string; roles: readonly RoleName[] }, action: MenuAction): boolean {
  return can({ id: user.id, roles: user.roles, organisations: [] }, action);
}

/** What a pilot page shows its viewer: coordinators everything, participating buyers the reports. */
export type PilotAccess = "coordinator" | "participating_buyer";

export function pilotAccessOf(viewer: Viewer | null): PilotAccess | null {
  if (!can(viewer, "pilot.read")) return null;
  return can(viewer, "pilot.manage") ? "coordinator" : "participating_buyer";
}
