import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  can,
  menuActions,
  menuOffers,
  pilotAccessOf,
  supplierSideOrganisations,
  type Action,
  type ActingOrganisation,
  type BidResource,
  type RequestResource,
  type Viewer,
} from "../../app/domain/permissions";
import { organisationKinds } from "../../app/domain/organisation";
import { roleNames } from "../../app/domain/roles";

const org = (id: number, kind: ActingOrganisation["kind"], pilotParticipant = false): ActingOrganisation => ({ id, name: `O${id}`, kind, pilotParticipant });
const viewer = (roles: Viewer["roles"], organisations: ActingOrganisation[] = []): Viewer => ({ id: "u", roles, organisations });

const municipality = org(1, "buyer", true);
const supplier = org(2, "work_integrating");
const draft: RequestResource = { status: "draft", buyerOrganisationId: municipality.id };
const published: RequestResource = { status: "published", buyerOrganisationId: municipality.id };
const bid = (overrides: Partial<BidResource> = {}): BidResource => ({
  leadOrganisationId: supplier.id,
  participantOrganisationIds: [supplier.id, 3],
  buyerOrganisationId: municipality.id,
  buyerMaySee: false,
  ...overrides,
});

describe("the permission table", () => {
  it("lets a visitor see published requests and nothing else", () => {
    expect(can(null, "request.see", published)).toBe(true);
    expect(can(null, "request.see", draft)).toBe(false);
    expect(can(null, "request.respond", published)).toBe(false);
    expect(can(null, "bid.see", bid({ buyerMaySee: true }))).toBe(false);
    expect(can(null, "coordinate")).toBe(false);
  });

  it("gives requests to the buyer who acts for their buyer organisation, and drafts to nobody else but coordinators", () => {
    const buyer = viewer(["buyer"], [municipality]);
    expect(can(buyer, "request.manage", draft)).toBe(true);
    expect(can(buyer, "request.respond", published)).toBe(false);
    // The role alone, or the organisation alone, buys for nobody.
    expect(can(viewer(["buyer"]), "request.create")).toBe(false);
    expect(can(viewer([], [municipality]), "request.see", draft)).toBe(false);
    expect(can(viewer(["coordinator"]), "request.see", draft)).toBe(true);
    expect(can(viewer(["coordinator"]), "request.manage", draft)).toBe(false);
    expect(can(viewer([], [supplier]), "request.respond", published)).toBe(true);
    expect(can(viewer([], [supplier]), "request.seeResponses", published)).toBe(false);
  });

  it("shows a bid to its lead, participants and coordinators, to the buyer once submitted, and lets only the lead and coordinators manage it", () => {
    const member = viewer([], [supplier]);
    const participant = viewer([], [org(3, "hybrid")]);
    const buyer = viewer(["buyer"], [municipality]);
    expect([can(member, "bid.see", bid()), can(member, "bid.manage", bid())]).toEqual([true, true]);
    expect([can(participant, "bid.see", bid()), can(participant, "bid.manage", bid())]).toEqual([true, false]);
    expect(can(buyer, "bid.see", bid())).toBe(false);
    expect([can(buyer, "bid.see", bid({ buyerMaySee: true })), can(buyer, "bid.manage", bid({ buyerMaySee: true }))]).toEqual([true, false]);
    expect(can(viewer(["coordinator"]), "bid.manage", bid({ leadOrganisationId: null }))).toBe(true);
    expect(can(member, "bid.lead", { organisationId: null })).toBe(false);
    expect(can(member, "bid.lead", { organisationId: 3 })).toBe(false);
  });

  it("lets a viewer take part in a bid only for an organisation on it that they act for, not as coordinator or buyer", () => {
    const participant = viewer([], [org(3, "hybrid")]);
    expect(can(participant, "bid.participate", { bid: bid(), organisationId: 3 })).toBe(true);
    // Acting for the organisation is not enough once it is not on the bid, nor is being on the bid without acting for it.
    expect(can(participant, "bid.participate", { bid: bid({ participantOrganisationIds: [supplier.id] }), organisationId: 3 })).toBe(false);
    expect(can(participant, "bid.participate", { bid: bid(), organisationId: supplier.id })).toBe(false);
    expect(can(viewer(["coordinator"]), "bid.participate", { bid: bid(), organisationId: 3 })).toBe(false);
    expect(can(viewer(["buyer"], [municipality]), "bid.participate", { bid: bid({ buyerMaySee: true }), organisationId: municipality.id })).toBe(false);
  });

  it("opens the pilot to coordinators and to buyers of a participating organisation, whatever its name", () => {
    expect(pilotAccessOf(viewer(["coordinator"]))).toBe("coordinator");
    expect(pilotAccessOf(viewer(["buyer"], [municipality]))).toBe("participating_buyer");
    expect(pilotAccessOf(viewer(["buyer"], [{ ...municipality, pilotParticipant: false, name: "Lunds kommun" }]))).toBeNull();
    expect(pilotAccessOf(viewer([], [municipality]))).toBeNull();
    expect(can(viewer(["admin"]), "pilot.setParticipation")).toBe(true);
    expect(can(viewer(["admin"]), "pilot.read")).toBe(false);
  });
});

const organisationArb = fc.record({
  id: fc.integer({ min: 1, max: 6 }),
  name: fc.constant("O"),
  kind: fc.constantFrom(...organisationKinds),
  pilotParticipant: fc.boolean(),
});
const viewerArb = fc.record({
  id: fc.constant("u"),
  roles: fc.subarray([...roleNames]),
  organisations: fc.uniqueArray(organisationArb, { selector: (o) => o.id, maxLength: 4 }),
});
const requestArb = fc.record({
  status: fc.constantFrom("draft" as const, "published" as const, "closed" as const, "awarded" as const, "cancelled" as const),
  buyerOrganisationId: fc.integer({ min: 1, max: 6 }),
});
const bidArb = fc.record({
  leadOrganisationId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  participantOrganisationIds: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 4 }),
  buyerOrganisationId: fc.integer({ min: 1, max: 6 }),
  buyerMaySee: fc.boolean(),
});

/** Every check a viewer can be put to against one request and one bid. */
function decisions(v: Viewer, request: RequestResource, b: BidResource): Record<Action, boolean> {
  return {
    administer: can(v, "administer"),
    coordinate: can(v, "coordinate"),
    "meeting.manage": can(v, "meeting.manage"),
    "meeting.seeUnpublished": can(v, "meeting.seeUnpublished"),
    "pilot.read": can(v, "pilot.read"),
    "pilot.manage": can(v, "pilot.manage"),
    "pilot.setParticipation": can(v, "pilot.setParticipation"),
    "request.create": can(v, "request.create"),
    "request.see": can(v, "request.see", request),
    "request.manage": can(v, "request.manage", request),
    "request.seeResponses": can(v, "request.seeResponses", request),
    "request.respond": can(v, "request.respond", request),
    "request.ask": can(v, "request.ask", request),
    "response.write": can(v, "response.write", { request, organisationId: b.leadOrganisationId ?? 1 }),
    "bid.start": can(v, "bid.start"),
    "bid.lead": can(v, "bid.lead", { organisationId: b.leadOrganisationId }),
    "bid.see": can(v, "bid.see", b),
    "bid.manage": can(v, "bid.manage", b),
    "bid.participate": b.participantOrganisationIds.some((organisationId) => can(v, "bid.participate", { bid: b, organisationId })),
    "menu.ownOrganisations": can(v, "menu.ownOrganisations"),
    "menu.pilot": can(v, "menu.pilot"),
    "organisation.edit": can(v, "organisation.edit", { viewerMembership: { status: "active" } }),
  };
}

describe("the permission table's invariants", () => {
  it("never lets anyone manage what they may not see", () => {
    fc.assert(
      fc.property(viewerArb, requestArb, bidArb, (v, request, b) => {
        const d = decisions(v, request, b);
        if (d["bid.manage"]) expect(d["bid.see"]).toBe(true);
        if (d["bid.participate"]) expect(d["bid.see"]).toBe(true);
        // What the bid's participant checks read before the line was the table's: acting for one of its organisations.
        expect(d["bid.participate"]).toBe(b.participantOrganisationIds.some((id) => v.organisations.some((o) => o.id === id)));
        if (d["request.manage"]) expect(d["request.seeResponses"] && d["request.see"] && d["request.create"]).toBe(true);
        if (d["request.seeResponses"]) expect(d["request.see"]).toBe(true);
        if (d["pilot.manage"]) expect(d["pilot.read"]).toBe(true);
        // A buyer does not answer its own request.
        expect(d["request.manage"] && d["request.respond"]).toBe(false);
      }),
    );
  });

  it("grants nothing more when an organisation is deactivated (leaves the organisations acted for), except answering a request one no longer buys for", () => {
    fc.assert(
      fc.property(viewerArb, requestArb, bidArb, fc.nat(), (v, request, b, pick) => {
        fc.pre(v.organisations.length > 0);
        const gone = v.organisations[pick % v.organisations.length];
        const before = decisions(v, request, b);
        const after = decisions({ ...v, organisations: v.organisations.filter((o) => o !== gone) }, request, b);
        for (const action of Object.keys(before) as Action[]) {
          if (action === "request.respond" || action === "request.ask" || action === "response.write") continue;
          if (after[action]) expect(before[action], action).toBe(true);
        }
      }),
    );
  });

  it("lets a viewer who acts for no organisation do only what their roles allow, whichever organisations own the things", () => {
    fc.assert(
      fc.property(fc.subarray([...roleNames]), requestArb, bidArb, (roles, request, b) => {
        const d = decisions(viewer(roles), request, b);
        const coordinator = roles.includes("coordinator");
        expect(d["request.create"] || d["request.manage"]).toBe(false);
        expect(d["bid.see"]).toBe(coordinator);
        expect(d["bid.manage"]).toBe(coordinator);
        expect(d["bid.participate"]).toBe(false);
        expect(d["request.see"]).toBe(request.status !== "draft" || coordinator);
        expect(d["pilot.read"]).toBe(coordinator);
      }),
    );
  });
});

describe("answering a request", () => {
  // What the request page's routes checked inline before the rules were lines of the table.
  it("lets a viewer respond exactly for the non-buyer organisations they act for, unless they buy for the request", () => {
    fc.assert(
      fc.property(viewerArb, requestArb, fc.integer({ min: 1, max: 6 }), (v, request, organisationId) => {
        const buysForIt = can(v, "request.manage", request);
        const ownSupplier = supplierSideOrganisations(v).some((o) => o.id === organisationId);
        expect(can(v, "response.write", { request, organisationId })).toBe(!buysForIt && ownSupplier);
        expect(can(v, "request.ask", request)).toBe(!buysForIt && supplierSideOrganisations(v).length > 0);
      }),
    );
  });

  it("keeps a member from responding for another organisation, and a buyer from its own request", () => {
    expect(can(viewer([], [supplier]), "response.write", { request: published, organisationId: supplier.id })).toBe(true);
    expect(can(viewer([], [supplier]), "response.write", { request: published, organisationId: 3 })).toBe(false);
    expect(can(viewer(["buyer"], [municipality]), "response.write", { request: published, organisationId: municipality.id })).toBe(false);
    expect(can(viewer(["coordinator"]), "request.ask", published)).toBe(false);
    expect(can(viewer(["buyer"], [municipality, supplier]), "request.ask", published)).toBe(false);
  });
});

describe("the menu", () => {
  it("reads roles alone: the organisations a user acts for change none of its links", () => {
    fc.assert(
      fc.property(viewerArb, (v) => {
        for (const action of menuActions) expect(can(v, action), action).toBe(menuOffers(v, action));
      }),
    );
  });

  it("offers the links it offered when the layout read the roles itself", () => {
    fc.assert(
      fc.property(fc.subarray([...roleNames]), (roles) => {
        const user = { id: "u", roles };
        expect(menuOffers(user, "coordinate")).toBe(roles.includes("coordinator"));
        expect(menuOffers(user, "administer")).toBe(roles.includes("admin"));
        expect(menuOffers(user, "menu.pilot")).toBe(roles.includes("coordinator") || roles.includes("buyer"));
        expect(menuOffers(user, "menu.ownOrganisations")).toBe(!roles.includes("buyer"));
      }),
    );
  });
});

describe("editing an organisation", () => {
  it("is for its active members, whatever the organisation's status, and for nobody else whatever their roles", () => {
    fc.assert(
      fc.property(viewerArb, fc.constantFrom(null, "pending" as const, "active" as const), (v, status) => {
        expect(can(v, "organisation.edit", { viewerMembership: status ? { status } : null })).toBe(status === "active");
      }),
    );
  });
});
