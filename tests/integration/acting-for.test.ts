/**
 * A member acts for an organisation only while both the membership and the organisation are
 * active. Once a coordinator deactivates an organisation, its members lose what they could do for
 * it in joint bids, as they already did for requests, meetings and the pilot; reactivating it gives
 * it back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBidsForViewer } from "../../app/models/joint-bid/page.server";
import { listOwnBidOrganisations } from "../../app/models/joint-bid/candidates.server";
import { startJointBid } from "../../app/models/joint-bid/participants.server";
import type { Viewer } from "../../app/models/joint-bid/access.server";
import { deactivateOrganisation, reactivateOrganisation } from "../../app/models/organisation.server";
import { action as bidAction, loader as bidLoader } from "../../app/routes/bids.$id";
import type { DB } from "../../db/client.server";
import { seedDemoBid } from "../../seed/demo-bids.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor } from "./support/requests";
import { insertSaladRequest } from "./support/salad-request";

let db: DB;
let close: () => Promise<void>;
let bidId: number;
let requestId: number;
let lead: number;
let coordinatorId: string;
let member: Viewer;
let cookie: string;

const args = (request: Request) => ({ request, params: { id: String(bidId) }, context: {} });
const load = () => answerOf(() => bidLoader(args(getRequest(`/bids/${bidId}`, cookie))));
const act = (fields: Record<string, string>) => answerOf(() => bidAction(args(formRequest(`/bids/${bidId}`, fields, cookie))));

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  await db.deleteFrom("joint_bid").execute();
  requestId = await insertSaladRequest(db);
  bidId = (await seedDemoBid(db, { requestId }))!;
  // The demo bid's lead is Fontänhuset, whose member is member@example.org.
  lead = await organisationIdBySlug(db, "fontanhuset-lund");
  const row = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
  member = { id: row.id, roles: [] };
  coordinatorId = (await db.selectFrom("user").select("id").where("email", "=", "coordinator@example.org").executeTakeFirstOrThrow()).id;
  cookie = await sessionCookieFor(db, "member@example.org");
});
afterAll(() => close());

describe("a deactivated organisation's member in joint bids", () => {
  it("leads the bid while the organisation is active", async () => {
    expect((await load()).status).toBe(200);
    expect((await listBidsForViewer({ db, viewer: member })).map((b) => b.id)).toContain(bidId);
    expect((await listOwnBidOrganisations({ db, viewer: member })).map((o) => o.id)).toContain(lead);
  });

  it("neither sees nor changes the bid, nor starts one, once the organisation is deactivated", async () => {
    expect(await deactivateOrganisation({ db, organisationId: lead, coordinatorId })).not.toBeNull();
    const statusBefore = (await db.selectFrom("joint_bid").select("status").where("id", "=", bidId).executeTakeFirstOrThrow()).status;

    expect((await load()).status).toBe(404);
    for (const intent of ["plan", "withdraw", "submit"]) expect((await act({ intent })).status, intent).toBe(404);
    expect((await db.selectFrom("joint_bid").select("status").where("id", "=", bidId).executeTakeFirstOrThrow()).status).toBe(statusBefore);
    expect((await listBidsForViewer({ db, viewer: member })).map((b) => b.id)).not.toContain(bidId);
    expect(await listOwnBidOrganisations({ db, viewer: member })).toEqual([]);
    const started = await startJointBid({ db, viewer: member, requestId, leadOrganisationId: lead, inviteOrganisationIds: [] });
    expect(started).toEqual({ ok: false, error: { kind: "forbidden" } });
  });

  it("leads it again once the organisation is reactivated", async () => {
    expect(await reactivateOrganisation({ db, organisationId: lead, coordinatorId })).not.toBeNull();
    expect((await load()).status).toBe(200);
    expect((await listBidsForViewer({ db, viewer: member })).map((b) => b.id)).toContain(bidId);
  });
});
