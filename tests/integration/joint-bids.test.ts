/**
 * Joint bids through the routes and the model on the demo network with a salad request: who may
 * do what, the no-over-booking rule under concurrent confirmations, the stored plan against the
 * planner, planner input errors as messages, eligibility blocking submission, and the exports.
 */
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planJointBid, type PlanInput } from "../../app/domain/planner";
import { confirmCommitments, updateCommitment } from "../../app/models/joint-bid/commitments.server";
import { listBidsForViewer } from "../../app/models/joint-bid/page.server";
import { loadPlanInput, storePlan } from "../../app/models/joint-bid/planning.server";
import { respondToInvitation, startJointBid } from "../../app/models/joint-bid/participants.server";
import type { Viewer } from "../../app/models/joint-bid/access.server";
import { action as bidAction, loader as bidLoader } from "../../app/routes/bids.$id";
import { action as commitmentsAction } from "../../app/routes/bids.$id.commitments";
import { loader as csvLoader } from "../../app/routes/bids.$id_.allocations[.]csv";
import { loader as jsonLoader } from "../../app/routes/bids.$id_.export[.]json";
import { loader as summaryLoader } from "../../app/routes/bids.$id_.summary";
import { loader as listLoader } from "../../app/routes/bids._index";
import { action as newAction, loader as newLoader } from "../../app/routes/bids.new";
import { sitesOf, weekdaysOf } from "../../app/models/weekdays-and-sites.server";
import type { BidRefusal } from "../../app/utils/bid-messages";
import type { DB } from "../../db/client.server";
import { seedDemoBid } from "../../seed/demo-bids.server";
import { testDatabaseLocation } from "./fixtures";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor, type RouteAnswer } from "./support/requests";
import { insertSaladRequest } from "./support/salad-request";

let db: DB;
let close: () => Promise<void>;
let bidId: number;
let requestId: number;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

/** The HTTP status of a loader's or action's answer (see `answerOf`). */
const statusOf = (answer: RouteAnswer): number => answer.status;

const args = (request: Request, id = bidId) => ({ request, params: { id: String(id) }, context: {} });
const get = (who: string, url = `/bids/${bidId}`) => getRequest(url, cookies[who]);
/** A participant's commitment forms post to their own route; every other form to the bid page. */
const commitmentIntents = ["saveCommitment", "addCommitment", "removeCommitment", "confirm"];
const routeOf = (fields: Record<string, string | string[]>) => (commitmentIntents.includes(String(fields.intent)) ? "commitments" : "page");
const post = (who: string, fields: Record<string, string | string[]>, id = bidId) =>
  formRequest(routeOf(fields) === "commitments" ? `/bids/${id}/commitments` : `/bids/${id}`, fields, cookies[who]);
const act = (who: string, fields: Record<string, string | string[]>, id = bidId) =>
  answerOf(() => (routeOf(fields) === "commitments" ? commitmentsAction : bidAction)(args(post(who, fields, id), id)));
const load = (who: string, id = bidId) => answerOf(() => bidLoader(args(get(who, `/bids/${id}`), id)));

async function viewer(email: string, roles: Viewer["roles"] = []): Promise<Viewer> {
  const row = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return { id: row.id, roles };
}

/** An organisation's first commitment in the bid, with its weekdays and sites as the form sends them. */
async function commitmentOf(bid: number, organisationId: number) {
  const row = await db
    .selectFrom("joint_bid_commitment")
    .selectAll()
    .where("bid_id", "=", bid)
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const weekdays = (await weekdaysOf(db, "joint_bid_commitment", [row.id])).get(row.id) ?? [];
  const sites = (await sitesOf(db, "joint_bid_commitment", [row.id])).get(row.id) ?? [];
  return { ...row, weekdays: weekdays.map(String), sites: sites.join(", ") };
}

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  // The demo network comes with a joint bid on its own salad request; these tests build theirs on a
  // request of known shape, so the demo's bids (which hold capacity) are removed first.
  await db.deleteFrom("joint_bid").execute();
  requestId = await insertSaladRequest(db);
  bidId = (await seedDemoBid(db, { requestId }))!;
  for (const email of ["coordinator", "buyer", "member", "eoscares", "emmaus", "erikshjalpen"]) {
    cookies[email] = await sessionCookieFor(db, `${email}@example.org`);
  }
  for (const slug of ["fontanhuset-lund", "eoscares", "emmaus-lund", "erikshjalpen-second-hand-lund", "iris-kraft"]) {
    ids[slug] = await organisationIdBySlug(db, slug);
  }
});
afterAll(() => close());

describe("seeing a bid", () => {
  it("shows the demo bid to the lead, participants and coordinators with a stored plan", async () => {
    for (const who of ["member", "eoscares", "erikshjalpen", "coordinator"]) expect(statusOf(await load(who))).toBe(200);
    const page = (await bidLoader(args(get("member")))) as Awaited<ReturnType<typeof bidLoader>>;
    expect(page.page.status).toBe("committed");
    expect(page.page.plan!.coverage).toBeGreaterThan(0);
    expect(page.page.plan!.coverage).toBeLessThanOrEqual(100);
    // The demo's capacity may cover this request whole (the tender demo adds lines for its period):
    // whatever it covers, a shortfall is listed exactly when the coverage is short of 100 %.
    expect(page.page.plan!.shortfall.length > 0).toBe(page.page.plan!.coverage < 100);
    expect(page.permissions.manage).toBe(true);
  });

  it("hides it from organisations outside the bid and from the buyer before submission", async () => {
    for (const who of ["emmaus", "buyer"]) {
      expect(statusOf(await load(who))).toBe(404);
      expect(statusOf(await answerOf(() => jsonLoader(args(get(who, `/bids/${bidId}/export.json`)))))).toBe(404);
      expect(statusOf(await answerOf(() => csvLoader(args(get(who, `/bids/${bidId}/allocations.csv`)))))).toBe(404);
      expect(statusOf(await answerOf(() => summaryLoader(args(get(who, `/bids/${bidId}/summary`)))))).toBe(404);
      const list = (await listLoader({ request: get(who, "/bids"), params: {}, context: {} })) as Awaited<ReturnType<typeof listLoader>>;
      expect(list.bids.map((b) => b.id)).not.toContain(bidId);
    }
  });

  it("sends visitors to the login page and answers 404 for malformed ids", async () => {
    const visitor = await answerOf(() => bidLoader(args(getRequest(`/bids/${bidId}`))));
    expect(statusOf(visitor)).toBe(302);
    expect(statusOf(await answerOf(() => bidLoader({ request: get("member", "/bids/1e3"), params: { id: "1e3" }, context: {} })))).toBe(404);
  });
});

describe("changing a bid", () => {
  it("lets no outsider do anything, and hides that the bid exists", async () => {
    const eosId = String(ids["eoscares"]);
    const commitment = await commitmentOf(bidId, ids["eoscares"]);
    const attempts: Record<string, string | string[]>[] = [
      { intent: "plan" },
      { intent: "submit" },
      { intent: "withdraw" },
      { intent: "invite", organisationId: String(ids["iris-kraft"]) },
      { intent: "removeParticipant", organisationId: eosId },
      { intent: "confirm", organisationId: eosId },
      { intent: "accept", organisationId: eosId },
      { intent: "decline", organisationId: eosId },
      { intent: "won" },
      { intent: "lost" },
      { intent: "addCommitment", organisationId: eosId, capacityLineId: String(commitment.capacity_line_id) },
      { intent: "saveCommitment", organisationId: eosId, commitmentId: String(commitment.id), item: "Sallad", quantity: "1", weekdays: ["1"], sites: "" },
      { intent: "removeCommitment", organisationId: eosId, commitmentId: String(commitment.id) },
    ];
    for (const fields of attempts) expect(statusOf(await act("emmaus", fields)), fields.intent as string).toBe(404);
    expect((await commitmentOf(bidId, ids["eoscares"])).quantity).toBe(commitment.quantity);
  });

  it("lets a participant change only its own commitment, and not the bid", async () => {
    const fontanhuset = await commitmentOf(bidId, ids["fontanhuset-lund"]);
    const fields = {
      intent: "saveCommitment",
      organisationId: String(ids["fontanhuset-lund"]),
      commitmentId: String(fontanhuset.id),
      item: "Sallad",
      quantity: "1",
      weekdays: ["1"],
      sites: "",
    };
    expect(statusOf(await act("eoscares", fields))).toBe(403);
    // The commitment id of another organisation under one's own organisation id is not found.
    expect(statusOf(await act("eoscares", { ...fields, organisationId: String(ids["eoscares"]) }))).toBe(404);
    for (const intent of ["plan", "submit", "withdraw", "won", "lost"]) expect(statusOf(await act("eoscares", { intent })), intent).toBe(403);
    expect(statusOf(await act("eoscares", { intent: "invite", organisationId: String(ids["iris-kraft"]) }))).toBe(403);
    expect(statusOf(await act("eoscares", { intent: "removeParticipant", organisationId: String(ids["erikshjalpen-second-hand-lund"]) }))).toBe(403);
    expect(statusOf(await act("eoscares", { intent: "confirm", organisationId: String(ids["fontanhuset-lund"]) }))).toBe(403);
    expect(statusOf(await act("eoscares", { intent: "decline", organisationId: String(ids["fontanhuset-lund"]) }))).toBe(403);
    expect(
      statusOf(
        await act("eoscares", {
          intent: "addCommitment",
          organisationId: String(ids["fontanhuset-lund"]),
          capacityLineId: String(fontanhuset.capacity_line_id),
        }),
      ),
    ).toBe(403);
    expect(
      statusOf(await act("eoscares", { intent: "removeCommitment", organisationId: String(ids["fontanhuset-lund"]), commitmentId: String(fontanhuset.id) })),
    ).toBe(403);
    // Its own organisation cannot commit another organisation's capacity line.
    expect(
      statusOf(
        await act("eoscares", { intent: "addCommitment", organisationId: String(ids["eoscares"]), capacityLineId: String(fontanhuset.capacity_line_id) }),
      ),
    ).toBe(404);
    expect((await commitmentOf(bidId, ids["fontanhuset-lund"])).quantity).toBe(fontanhuset.quantity);
  });

  it("lets the lead change the bid but not another participant's commitment", async () => {
    const eos = await commitmentOf(bidId, ids["eoscares"]);
    const fields = {
      intent: "saveCommitment",
      organisationId: String(ids["eoscares"]),
      commitmentId: String(eos.id),
      item: "Sallad",
      quantity: "1",
      weekdays: ["1"],
      sites: "",
    };
    expect(statusOf(await act("member", fields))).toBe(403);
    expect(statusOf(await act("member", { intent: "plan" }))).toBe(302);
  });

  it("refuses bad input with 400, never 500", async () => {
    const own = await commitmentOf(bidId, ids["eoscares"]);
    const base = {
      intent: "saveCommitment",
      organisationId: String(ids["eoscares"]),
      commitmentId: String(own.id),
      item: "Sallad",
      weekdays: ["1"],
      sites: "",
    };
    expect(statusOf(await act("eoscares", { ...base, quantity: "-3" }))).toBe(400);
    expect(statusOf(await act("eoscares", { ...base, quantity: "ten" }))).toBe(400);
    expect(statusOf(await act("eoscares", { ...base, quantity: "5", item: "Pizza" }))).toBe(400);
    expect(statusOf(await act("eoscares", { ...base, quantity: "5", weekdays: [] }))).toBe(400);
    // A refused commitment form names each field's message and brings back what was typed.
    const refused = await act("eoscares", { ...base, quantity: "ten", weekdays: [], sites: "Skola\nRad två" });
    const { reply } = refused.data as BidRefusal;
    expect(reply?.error).toEqual({ quantity: [{ key: "form.positiveInteger" }], weekdays: [{ key: "form.weekdays" }], sites: [{ key: "form.oneLine" }] });
    expect(reply?.initialValue).toMatchObject({ item: "Sallad", quantity: "ten" });
    expect((await commitmentOf(bidId, ids["eoscares"])).quantity).toBe(own.quantity);
    expect(statusOf(await act("eoscares", { intent: "confirm", organisationId: "x" }))).toBe(400);
    expect(statusOf(await act("eoscares", { intent: "nonsense" }))).toBe(400);
  });

  it("lets only coordinators and members start bids, and a member only with its own organisation as lead", async () => {
    expect(statusOf(await answerOf(() => newLoader({ request: get("buyer", "/bids/new"), params: {}, context: {} })))).toBe(403);
    const start = (who: string, fields: Record<string, string | string[]>) =>
      answerOf(() => newAction({ request: formRequest("/bids/new", fields, cookies[who]), params: {}, context: {} }));
    expect(statusOf(await start("member", { requestId: String(requestId), leadOrganisationId: String(ids["eoscares"]), invite: [] }))).toBe(403);
    expect(statusOf(await start("member", { requestId: String(requestId), leadOrganisationId: "", invite: [String(ids["eoscares"])] }))).toBe(403);
    expect(statusOf(await start("coordinator", { requestId: String(requestId), leadOrganisationId: "", invite: [] }))).toBe(400);
    expect(statusOf(await start("member", { requestId: "abc" }))).toBe(400);
  });

  it("tells the lead a coordinator names, and each invitee, in the app and by e-mail", async () => {
    const started = await startJointBid({
      db,
      viewer: await viewer("coordinator@example.org", ["coordinator"]),
      requestId,
      leadOrganisationId: ids["eoscares"],
      inviteOrganisationIds: [ids["emmaus-lund"]],
    });
    if (!started.ok) throw new Error(started.error.kind);
    const link = `/bids/${started.bidId}`;
    const notes = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select(["user.email", "notification.message_key"])
      .where("notification.link", "=", link)
      .execute();
    expect(notes).toContainEqual({ email: "eoscares@example.org", message_key: "bids.notify.lead" });
    expect(notes).toContainEqual({ email: "emmaus@example.org", message_key: "bids.notify.invited" });
    expect(notes.map((n) => n.email)).not.toContain("coordinator@example.org");
    const mail = await db.selectFrom("email_outbox").select("to_address").where("body_text", "like", `%${link}%`).execute();
    expect(mail.map((m) => m.to_address).sort()).toEqual(["emmaus@example.org", "eoscares@example.org"]);

    // The invitee's answer goes to the bid's managers (the lead's members and the coordinator who started it), not back to the invitee.
    const answered = await respondToInvitation({
      db,
      viewer: await viewer("emmaus@example.org"),
      bidId: started.bidId,
      organisationId: ids["emmaus-lund"],
      accept: true,
    });
    expect(answered).toEqual({ ok: true });
    const answers = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select(["user.email", "notification.message_key"])
      .where("notification.link", "=", link)
      .where("notification.message_key", "=", "bids.notify.accepted")
      .execute();
    expect(answers.map((n) => n.email).sort()).toEqual(["coordinator@example.org", "eoscares@example.org"]);
    await db.deleteFrom("joint_bid").where("id", "=", started.bidId).execute();
  });
});

describe("planning", () => {
  it("stores exactly the planner's output for the stored input, and exports both", async () => {
    expect(statusOf(await act("coordinator", { intent: "plan" }))).toBe(302);
    const stored = await db.selectFrom("joint_bid_plan").selectAll().where("bid_id", "=", bidId).executeTakeFirstOrThrow();
    const input = JSON.parse(stored.input_json) as PlanInput;
    expect(JSON.parse(stored.plan_json)).toEqual(planJointBid(input));
    expect(input.capacity.some((line) => line.sites === null)).toBe(true);
    expect(input.capacity.every((line) => line.sites === null || line.sites.length > 0)).toBe(true);

    const exported = (await jsonLoader(args(get("eoscares", `/bids/${bidId}/export.json`)))) as Response;
    expect(exported.headers.get("Content-Type")).toContain("application/json");
    const body = (await exported.json()) as {
      bid: { id: number; status: string; requestId: number; prices: { figures: unknown } };
      input: PlanInput;
      plan: unknown;
    };
    expect(body.bid).toMatchObject({ id: bidId, status: "committed", requestId });
    // No prices are set on this bid yet: the lines without a price, and no figures (app/models/tender).
    expect(body.bid.prices.figures).toBeNull();
    expect(body.plan).toEqual(planJointBid(body.input));
  });

  it("stores no plan whose input changed while the planner ran, and plans again from the new input", async () => {
    const before = await loadPlanInput({ db, bidId });
    if (!before.ok) throw new Error("the bid has no plan input");
    const plan = planJointBid(before.input);
    // A participant changes its commitment while the plan is being computed.
    const own = await commitmentOf(bidId, ids["eoscares"]);
    const changed = await act("eoscares", {
      intent: "saveCommitment",
      organisationId: String(ids["eoscares"]),
      commitmentId: String(own.id),
      item: own.item,
      quantity: String(own.quantity - 1),
      weekdays: own.weekdays,
      sites: own.sites,
    });
    expect(statusOf(changed)).toBe(302);
    const storedBefore = await db.selectFrom("joint_bid_plan").select("input_json").where("bid_id", "=", bidId).executeTakeFirstOrThrow();
    const coordinator = await viewer("coordinator@example.org", ["coordinator"]);
    const late = await storePlan({ db, viewer: coordinator, bidId, loaded: before, plan, pendingPlan: null });
    expect(late).toEqual({ ok: false, error: { kind: "changedWhilePlanning" } });
    const bid = await db.selectFrom("joint_bid").select("plan_stale").where("id", "=", bidId).executeTakeFirstOrThrow();
    expect(bid.plan_stale).toBe(true);
    expect((await db.selectFrom("joint_bid_plan").select("input_json").where("bid_id", "=", bidId).executeTakeFirstOrThrow()).input_json).toBe(
      storedBefore.input_json,
    );

    // "Plan" through the page plans the new input and stores it.
    expect(statusOf(await act("coordinator", { intent: "plan" }))).toBe(302);
    const after = await loadPlanInput({ db, bidId });
    if (!after.ok) throw new Error("the bid has no plan input");
    const stored = await db.selectFrom("joint_bid_plan").select("input_json").where("bid_id", "=", bidId).executeTakeFirstOrThrow();
    expect(stored.input_json).toBe(JSON.stringify(after.input));
    expect(stored.input_json).not.toBe(JSON.stringify(before.input));
    expect((await db.selectFrom("joint_bid").select("plan_stale").where("id", "=", bidId).executeTakeFirstOrThrow()).plan_stale).toBe(false);

    // Put it back as it was.
    await act("eoscares", {
      intent: "saveCommitment",
      organisationId: String(ids["eoscares"]),
      commitmentId: String(own.id),
      item: own.item,
      quantity: String(own.quantity),
      weekdays: own.weekdays,
      sites: own.sites,
    });
  });

  it("exports allocations as CSV a Swedish Excel splits into columns, with a byte-order mark, and an English one too", async () => {
    const response = (await csvLoader(args(get("member", `/bids/${bidId}/allocations.csv`)))) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split("\r\n");
    expect(lines[0].split(";")).toEqual(["Datum", "Veckodag", "Vara", "Enhet", "Plats", "Organisation", "Organisationsnummer", "Antal"]);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((line) => line.split(";").length === 8)).toBe(true);
    expect(text).toContain(";Fontänhuset Lund;");
    const english = (await csvLoader(args(getRequest(`/bids/${bidId}/allocations.csv`, `${cookies.member}; lang=en`)))) as Response;
    expect((await english.text()).split("\r\n")[0].split(",")).toHaveLength(8);
  });

  it("shows a commitment to a site the request lacks as a message, not a 500", async () => {
    const own = await commitmentOf(bidId, ids["eoscares"]);
    const saved = await act("eoscares", {
      intent: "saveCommitment",
      organisationId: String(ids["eoscares"]),
      commitmentId: String(own.id),
      item: "Sallad",
      quantity: String(own.quantity),
      weekdays: ["1", "2"],
      sites: "Månbasen",
    });
    expect(statusOf(saved)).toBe(302);
    const planned = (await act("member", { intent: "plan" })) as { data: { message: { key: string; vars: Record<string, string> } }; status: number };
    expect(planned.status).toBe(400);
    expect(planned.data.message.key).toBe("bids.problem.unknownSite");
    expect(planned.data.message.vars.site).toBe("Månbasen");
    // Put it back as it was.
    await act("eoscares", {
      intent: "saveCommitment",
      organisationId: String(ids["eoscares"]),
      commitmentId: String(own.id),
      item: own.item,
      quantity: String(own.quantity),
      weekdays: own.weekdays,
      sites: own.sites,
    });
  });
});

describe("submitting", () => {
  it("names the participant that blocks a reserved procurement, then submits without it and the buyer sees the bid", async () => {
    for (const org of ["eoscares"]) {
      expect(statusOf(await act(org, { intent: "confirm", organisationId: String(ids[org]) }))).toBe(302);
    }
    expect(statusOf(await act("member", { intent: "plan" }))).toBe(302);
    const blocked = (await act("member", { intent: "submit" })) as { data: { message: { key: string; vars: Record<string, string> } }; status: number };
    expect(blocked.status).toBe(409);
    expect(blocked.data.message.key).toBe("bids.error.notEligible");
    expect(blocked.data.message.vars.names).toBe("Erikshjälpen Second Hand Lund");

    expect(statusOf(await act("member", { intent: "removeParticipant", organisationId: String(ids["erikshjalpen-second-hand-lund"]) }))).toBe(302);
    // Planning is needed again after the change.
    expect(((await act("member", { intent: "submit" })) as { data: { message: { key: string } } }).data.message.key).toBe("bids.error.planStale");
    expect(statusOf(await act("member", { intent: "plan" }))).toBe(302);
    const outboxBefore = (await db.selectFrom("email_outbox").select("id").execute()).length;
    expect(statusOf(await act("member", { intent: "submit" }))).toBe(302);
    // The audit log records the submission, by whom.
    const lead = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_user_id", "action"])
      .where("entity", "=", "bid")
      .where("entity_id", "=", String(bidId))
      .execute();
    expect(audit).toContainEqual({ actor_user_id: lead.id, action: "status.submitted" });
    expect(statusOf(await load("buyer"))).toBe(200);
    // What the request page lists for its buyer.
    const onRequest = await listBidsForViewer({ db, viewer: await viewer("buyer@example.org", ["buyer"]), requestId });
    expect(onRequest.map((b) => [b.id, b.status])).toEqual([[bidId, "submitted"]]);
    expect(statusOf(await answerOf(() => jsonLoader(args(get("buyer", `/bids/${bidId}/export.json`)))))).toBe(200);
    const buyerPage = (await bidLoader(args(get("buyer")))) as Awaited<ReturnType<typeof bidLoader>>;
    expect(buyerPage.permissions.manage).toBe(false);
    expect(statusOf(await act("buyer", { intent: "won" }))).toBe(403);
    // Erikshjälpen is out of the bid now and sees nothing of it.
    expect(statusOf(await load("erikshjalpen"))).toBe(404);
    expect((await db.selectFrom("email_outbox").select("id").execute()).length).toBeGreaterThan(outboxBefore);
    const buyerNotes = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select("message_key")
      .where("user.email", "=", "buyer@example.org")
      .execute();
    expect(buyerNotes.map((n) => n.message_key)).toContain("bids.notify.submitted");

    const history = (await bidLoader(args(get("coordinator")))) as Awaited<ReturnType<typeof bidLoader>>;
    expect(history.page.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["status.submitted", "removed", "planned", "confirmed", "created"]));
    expect(history.page.events.find((e) => e.kind === "status.submitted")!.userName).toBe("Maria Medlem");
  });
});

describe("over-booking", () => {
  /** Two new bids on the request, each with Emmaus committing all its free salad capacity. */
  async function twoCompetingBids(database: DB) {
    const coordinator = await viewer("coordinator@example.org", ["coordinator"]);
    const emmaus = await viewer("emmaus@example.org");
    const bids: number[] = [];
    for (let k = 0; k < 2; k++) {
      const started = await startJointBid({ db: database, viewer: coordinator, requestId, leadOrganisationId: ids["emmaus-lund"], inviteOrganisationIds: [] });
      if (!started.ok) throw new Error(started.error.kind);
      bids.push(started.bidId);
    }
    const [a, b] = await Promise.all(bids.map((id) => commitmentOf(id, ids["emmaus-lund"])));
    expect(a.quantity).toBe(25);
    expect(b.quantity).toBe(25);
    return { bids, emmaus };
  }

  it("lets exactly one of two concurrent confirmations through, and tells the other why", async () => {
    const { bids, emmaus } = await twoCompetingBids(db);
    const results = await Promise.all(bids.map((id) => confirmCommitments({ db, viewer: emmaus, bidId: id, organisationId: ids["emmaus-lund"] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(!loser.ok && loser.error.kind).toBe("overbooked");
    if (!loser.ok && loser.error.kind === "overbooked") {
      expect(loser.error.organisationName).toBe("Emmaus Lund");
      expect(loser.error.overbooking).toMatchObject({ capacity: 25, held: 25, wanted: 25 });
    }
    const confirmed = await db.selectFrom("joint_bid_participant").select("bid_id").where("bid_id", "in", bids).where("confirmed_at", "is not", null).execute();
    expect(confirmed).toHaveLength(1);

    // A commitment that fits beside the other one goes through.
    const loserBid = bids.find((id) => id !== confirmed[0].bid_id)!;
    const c = await commitmentOf(loserBid, ids["emmaus-lund"]);
    const page = (await bidLoader(args(get("emmaus", `/bids/${loserBid}`), loserBid))) as Awaited<ReturnType<typeof bidLoader>>;
    expect(page.page.participants[0].commitments[0].available).toBe(0);
    await updateCommitment({
      db,
      viewer: emmaus,
      bidId: loserBid,
      organisationId: ids["emmaus-lund"],
      commitmentId: c.id,
      input: { item: "Sallad", quantity: 0, weekdays: [1, 2, 3, 4], sites: [] },
    });
    expect((await confirmCommitments({ db, viewer: emmaus, bidId: loserBid, organisationId: ids["emmaus-lund"] })).ok).toBe(true);
  });

  it("holds across two processes confirming at the same moment, as two app servers would", async () => {
    // Free Emmaus's capacity first: withdraw the bids it confirmed in.
    await db.updateTable("joint_bid").set({ status: "withdrawn" }).where("lead_organisation_id", "=", ids["emmaus-lund"]).execute();
    const { bids, emmaus } = await twoCompetingBids(db);
    const file = testDatabaseLocation(db);
    const confirmElsewhere = (bid: number) =>
      new Promise<{ ok: boolean; error?: { kind: string } }>((resolve, reject) => {
        execFile(
          process.execPath,
          ["--import", "tsx", "tests/integration/support/confirm-in-process.ts", file, emmaus.id, String(bid), String(ids["emmaus-lund"])],
          { timeout: 60_000 },
          (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
        );
      });
    const results = await Promise.all(bids.map(confirmElsewhere));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error?.kind === "overbooked")).toHaveLength(1);
  });
});
