/**
 * The figures of joint bids and requests that members promise to a municipality, against a real
 * database with the demo network: plans on confirmed commitments only, free capacity (declared
 * minus what other live bids hold), one rule of which capacity serves which demand line in every
 * place it is asked, deadlines for bids, amendments reaching bids, coverage of a reserved
 * procurement by eligible respondents only, closing a request, and notices naming their bid.
 * Every expected figure is worked out here from the capacity and demand the test sets up.
 */
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliveryDates } from "../../app/domain/delivery-dates";
import type { RequestInput } from "../../app/forms/request-form";
import type { Plan, PlanInput } from "../../app/domain/planner";
import { addCommitment, confirmCommitments, updateCommitment } from "../../app/models/joint-bid/commitments.server";
import { changeBidStatus } from "../../app/models/joint-bid/status.server";
import { getBidAccess, type Viewer } from "../../app/models/joint-bid/access.server";
import { listBiddableRequests } from "../../app/models/joint-bid/candidates.server";
import { loadBidPage } from "../../app/models/joint-bid/page.server";
import { loadFeasibility } from "../../app/models/feasibility.server";
import { planBid } from "../../app/models/joint-bid/planning.server";
import { respondToInvitation, startJointBid } from "../../app/models/joint-bid/participants.server";
import { addCapacityLine } from "../../app/models/offering.server";
import { saveResponse } from "../../app/models/request-response.server";
import { createRequest, demandLinesOf, getRequest, transitionRequest, updateRequest } from "../../app/models/request.server";
import { listRequests } from "../../app/models/request-list.server";
import { requestFields } from "../../app/domain/request";
import { loader as csvLoader } from "../../app/routes/requests.$id_.responses[.]csv";
import { loader as requestLoader } from "../../app/routes/requests.$id";
import { loader as newBidLoader } from "../../app/routes/bids.new";
import { weekdaysOf } from "../../app/models/weekdays-and-sites.server";
import { serverTranslator } from "../../app/utils/messages.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { getRequest as httpGet, sessionCookieFor } from "./support/requests";
import { insertSaladRequest } from "./support/salad-request";

let db: DB;
let close: () => Promise<void>;
const org: Record<string, number> = {};
const user: Record<string, Viewer> = {};
const line: Record<string, number> = {};

const catering = "55520000-1";
const preparedMeals = "15894200-3";

async function viewer(email: string, roles: Viewer["roles"] = []): Promise<Viewer> {
  const row = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return { id: row.id, roles };
}

async function offeringId(organisationId: number, title: string): Promise<number> {
  return (await db.selectFrom("offering").select("id").where("organisation_id", "=", organisationId).where("title", "=", title).executeTakeFirstOrThrow()).id;
}

async function capacity(
  name: string,
  organisationId: number,
  offering: string,
  input: { quantity: number; period?: "weekday" | "week"; weekdays: number[]; sites: string[] },
) {
  const added = await addCapacityLine({
    db,
    organisationId,
    offeringId: await offeringId(organisationId, offering),
    input: { period: "weekday", validFrom: null, validTo: null, ...input },
  });
  if (!added?.ok) throw new Error(`capacity line ${name}`);
  line[name] = added.id;
}

/** A published request: Stadshuset 60 Mon–Thu, Kristallen 30 Tue–Thu, Linero 40 Mon–Thu, bought as catering, its lines prepared meals. */
const saladRequest = (kind: "reserved" | "direct_purchase", title: string) => insertSaladRequest(db, { kind, title, startInWeeks: 10 });

async function requestDates(requestId: number) {
  const r = await db.selectFrom("request").select(["period_from", "period_to"]).where("id", "=", requestId).executeTakeFirstOrThrow();
  const dates = (weekdays: number[]) => deliveryDates({ from: r.period_from, to: r.period_to, weekdays, skipHolidays: true }).length;
  return { mondays: dates([1]), tueToThu: dates([2, 3, 4]) };
}

async function commitmentsOf(bidId: number, organisationId: number) {
  return db.selectFrom("joint_bid_commitment").selectAll().where("bid_id", "=", bidId).where("organisation_id", "=", organisationId).orderBy("id").execute();
}

/** A bid led by `lead` with the others invited, accepted and their commitments confirmed (or not). */
async function bidWith(requestId: number, lead: string, others: string[], options: { confirm?: string[]; starter?: Viewer } = {}) {
  const started = await startJointBid({
    db,
    viewer: options.starter ?? user.coordinator,
    requestId,
    leadOrganisationId: org[lead],
    inviteOrganisationIds: others.map((o) => org[o]),
  });
  if (!started.ok) throw new Error(started.error.kind);
  for (const o of others)
    expect((await respondToInvitation({ db, viewer: user[o], bidId: started.bidId, organisationId: org[o], accept: true })).ok).toBe(true);
  for (const o of options.confirm ?? []) await confirmCommitments({ db, viewer: user[o], bidId: started.bidId, organisationId: org[o] });
  return started.bidId;
}

async function storedPlan(bidId: number) {
  const row = await db.selectFrom("joint_bid_plan").selectAll().where("bid_id", "=", bidId).executeTakeFirstOrThrow();
  return { input: JSON.parse(row.input_json) as PlanInput, plan: JSON.parse(row.plan_json) as Plan };
}

/** Units a plan allocates to an organisation. */
const allocatedTo = (plan: Plan, organisationId: number) =>
  plan.allocations.filter((a) => a.orgId === String(organisationId)).reduce((sum, a) => sum + a.quantity, 0);

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  // The demo's bids and salad capacity are replaced by capacity of known shape, with no end date.
  await db.deleteFrom("joint_bid").execute();
  const foodLines = await db
    .selectFrom("capacity_line")
    .innerJoin("offering", "offering.id", "capacity_line.offering_id")
    .select("capacity_line.id")
    .where(sql<string>`substr(offering.cpv_code, 1, 2)`, "in", ["15", "55"])
    .execute();
  await db
    .deleteFrom("capacity_line")
    .where(
      "id",
      "in",
      foodLines.map((l) => l.id),
    )
    .execute();
  for (const slug of ["fontanhuset-lund", "eoscares", "emmaus-lund", "erikshjalpen-second-hand-lund", "iris-kraft", "klintens-webbauktioner"]) {
    org[slug.split("-")[0]] = await organisationIdBySlug(db, slug);
  }
  for (const [key, email] of Object.entries({
    fontanhuset: "member",
    eoscares: "eoscares",
    emmaus: "emmaus",
    erikshjalpen: "erikshjalpen",
    iris: "iris",
    klintens: "klinten",
    buyer: "buyer",
  })) {
    user[key] = await viewer(`${email}@example.org`);
  }
  user.coordinator = await viewer("coordinator@example.org", ["coordinator"]);
  await capacity("catering", org.fontanhuset, "Sallader och lunchcatering", { quantity: 40, weekdays: [1, 2, 3, 4], sites: ["Stadshuset", "Kristallen"] });
  await capacity("fika", org.fontanhuset, "Fika och kafé vid möten", { quantity: 150, period: "week", weekdays: [], sites: [] });
  await capacity("eos", org.eoscares, "Sallader till skolor och förskolor", { quantity: 50, weekdays: [1, 2, 3, 4], sites: [] });
  await capacity("emmaus", org.emmaus, "Kafé: lunchsallader", { quantity: 25, weekdays: [1, 2, 3, 4], sites: [] });
  await capacity("eriks", org.erikshjalpen, "Lunchsallader från kaféet", { quantity: 20, weekdays: [2, 3, 4], sites: ["Stadshuset"] });
});
// Every test starts without bids, so that one test's bids hold no capacity in the next.
afterEach(() => db.deleteFrom("joint_bid").execute());
afterAll(() => close());

describe("planning on confirmed, free capacity", () => {
  it("leaves out members whose confirmation was refused because other bids hold their capacity, and shows the pending figure beside it", async () => {
    const other = await saladRequest("direct_purchase", "Sallader till skolorna (annan förfrågan)");
    // EosCares and Emmaus are fully booked in another bid over the same weeks.
    const elsewhere = await bidWith(other, "eoscares", ["emmaus"], { confirm: ["eoscares", "emmaus"] });
    for (const o of ["eoscares", "emmaus"]) {
      const [c] = await commitmentsOf(elsewhere, org[o]);
      const weekdays = (await weekdaysOf(db, "joint_bid_commitment", [c.id])).get(c.id)!;
      await updateCommitment({
        db,
        viewer: user[o],
        bidId: elsewhere,
        organisationId: org[o],
        commitmentId: c.id,
        input: { item: c.item, quantity: o === "eoscares" ? 50 : 25, weekdays, sites: [] },
      });
      expect((await confirmCommitments({ db, viewer: user[o], bidId: elsewhere, organisationId: org[o] })).ok).toBe(true);
    }

    const requestId = await saladRequest("direct_purchase", "Sallader till kommunens verksamheter (planering)");
    const bidId = await bidWith(requestId, "fontanhuset", ["eoscares", "emmaus"]);
    // They ask for their usual quantities anyway; their confirmations are refused.
    for (const [o, quantity] of [
      ["eoscares", 50],
      ["emmaus", 25],
    ] as const) {
      for (const c of await commitmentsOf(bidId, org[o])) {
        const weekdays = (await weekdaysOf(db, "joint_bid_commitment", [c.id])).get(c.id)!;
        await updateCommitment({
          db,
          viewer: user[o],
          bidId,
          organisationId: org[o],
          commitmentId: c.id,
          input: { item: c.item, quantity, weekdays, sites: [] },
        });
      }
      const refused = await confirmCommitments({ db, viewer: user[o], bidId, organisationId: org[o] });
      expect(!refused.ok && refused.error.kind).toBe("overbooked");
    }
    expect((await confirmCommitments({ db, viewer: user.fontanhuset, bidId, organisationId: org.fontanhuset })).ok).toBe(true);

    const planned = await planBid({ db, viewer: user.coordinator, bidId });
    if (!planned.ok) throw new Error(planned.error.kind);
    const { input, plan } = await storedPlan(bidId);
    expect(allocatedTo(plan, org.eoscares)).toBe(0);
    expect(allocatedTo(plan, org.emmaus)).toBe(0);
    expect(input.capacity.every((o) => o.orgId === String(org.fontanhuset))).toBe(true);
    // Independently: Fontänhuset's 40 a day reach Stadshuset (60 on Mon–Thu) and Kristallen (30 on Tue–Thu) only.
    const { mondays, tueToThu } = await requestDates(requestId);
    expect(plan.covered).toBe(40 * (mondays + tueToThu));
    expect(plan.demanded).toBe(100 * mondays + 130 * tueToThu);
    // Pending commitments are planned only with what is free of them: nothing, so the figure beside it is the same.
    expect(planned.summary.pending?.covered).toBe(plan.covered);

    const page = await loadBidPage({ db, access: (await getBidAccess({ db, bidId, viewer: user.coordinator }))! });
    expect(page.plan!.pending).toEqual({ covered: plan.covered, coverage: page.plan!.coverage });
    const eosPage = await loadBidPage({ db, access: (await getBidAccess({ db, bidId, viewer: user.eoscares }))! });
    expect(eosPage.participants.find((p) => p.organisationId === org.eoscares)!.commitments.map((c) => c.available)).toEqual([0]);
  });

  it("plans on confirmed commitments, and says what the pending ones would add", async () => {
    const requestId = await saladRequest("direct_purchase", "Sallader (väntande åtaganden)");
    const bidId = await bidWith(requestId, "fontanhuset", ["emmaus"], { confirm: ["fontanhuset"] });
    const planned = await planBid({ db, viewer: user.coordinator, bidId });
    if (!planned.ok) throw new Error(planned.error.kind);
    const { mondays, tueToThu } = await requestDates(requestId);
    expect(planned.summary.covered).toBe(40 * (mondays + tueToThu));
    // Emmaus's 25 a day, anywhere, pending: Linero's 40 a day are otherwise short.
    expect(planned.summary.pending?.covered).toBe(65 * (mondays + tueToThu));
  });
});

describe("prefill and the lines a participant may promise from", () => {
  it("never prefills meeting refreshments for salads, ties each commitment to an item it serves, and names idle capacity beside a shortfall", async () => {
    const requestId = await saladRequest("direct_purchase", "Sallader (förifyllning)");
    const lines = await demandLinesOf({ db, requestId });
    // Kristallen takes the vegetarian salad: two items.
    await db
      .updateTable("demand_line")
      .set({ item: "Sallad, vegetarisk" })
      .where("id", "=", lines.find((l) => l.site === "Kristallen")!.id)
      .execute();
    const bidId = await bidWith(requestId, "fontanhuset", []);
    const commitments = await commitmentsOf(bidId, org.fontanhuset);
    expect(commitments.map((c) => c.capacity_line_id)).not.toContain(line.fika);
    expect(commitments.map((c) => c.item).sort()).toEqual(["Sallad", "Sallad, vegetarisk"]);
    // 40 a day shared by what each item takes on its busiest day: Stadshuset 60, Kristallen 30.
    expect(commitments.map((c) => c.quantity)).toEqual([26, 14]);
    expect(commitments.reduce((sum, c) => sum + c.quantity, 0)).toBeLessThanOrEqual(40);

    const page = await loadBidPage({ db, access: (await getBidAccess({ db, bidId, viewer: user.fontanhuset }))! });
    const own = page.participants.find((p) => p.organisationId === org.fontanhuset)!;
    expect(own.capacityLines.map((l) => l.id)).toEqual([line.catering]);
    expect(own.commitments.find((c) => c.item === "Sallad")!.items).toEqual(["Sallad", "Sallad, vegetarisk"]);
    const refused = await addCommitment({ db, viewer: user.fontanhuset, bidId, organisationId: org.fontanhuset, capacityLineId: line.fika });
    expect(!refused.ok && refused.error.kind).toBe("lineDoesNotFit");
    const commitment = commitments[0];
    const wrongItem = await updateCommitment({
      db,
      viewer: user.fontanhuset,
      bidId,
      organisationId: org.fontanhuset,
      commitmentId: commitment.id,
      input: { item: "Kaffe", quantity: 1, weekdays: [1], sites: [] },
    });
    expect(!wrongItem.ok && wrongItem.error.kind).toBe("invalid");

    // On Mondays the vegetarian salad is not delivered, so 14 of the 40 sit idle while Stadshuset is short.
    await confirmCommitments({ db, viewer: user.fontanhuset, bidId, organisationId: org.fontanhuset });
    const planned = await planBid({ db, viewer: user.fontanhuset, bidId });
    if (!planned.ok) throw new Error(planned.error.kind);
    const { mondays } = await requestDates(requestId);
    expect(planned.summary.idle).toContainEqual({
      organisationId: org.fontanhuset,
      item: "Sallad",
      unit: "portions",
      site: "Stadshuset",
      weekday: 1,
      quantity: 14,
      days: mondays,
      shortDays: mondays,
    });
  });
});

describe("feasibility", () => {
  it("headlines free capacity after another bid has taken some, beside declared capacity, in the request's units", async () => {
    const other = await saladRequest("direct_purchase", "Sallader (annan förfrågan, genomförbarhet)");
    const elsewhere = await bidWith(other, "eoscares", ["emmaus"]);
    for (const o of ["eoscares", "emmaus"]) {
      for (const c of await commitmentsOf(elsewhere, org[o])) {
        const weekdays = (await weekdaysOf(db, "joint_bid_commitment", [c.id])).get(c.id)!;
        await updateCommitment({
          db,
          viewer: user[o],
          bidId: elsewhere,
          organisationId: org[o],
          commitmentId: c.id,
          input: { item: c.item, quantity: o === "eoscares" ? 50 : 25, weekdays, sites: [] },
        });
      }
      expect((await confirmCommitments({ db, viewer: user[o], bidId: elsewhere, organisationId: org[o] })).ok).toBe(true);
    }
    const requestId = await saladRequest("direct_purchase", "Sallader (genomförbarhet)");
    const view = (await loadFeasibility({ db, requestId }))!;
    const { mondays, tueToThu } = await requestDates(requestId);
    // Free: Fontänhuset 40 (Stadshuset, Kristallen) every day and Erikshjälpen 20 (Stadshuset) Tue–Thu;
    // EosCares and Emmaus have nothing free. Declared: their 75 a day anywhere cover the rest.
    expect(view.free.covered).toBe(40 * mondays + 60 * tueToThu);
    expect(view.declared.covered).toBe(100 * mondays + 130 * tueToThu);
    expect(view.demanded).toBe(100 * mondays + 130 * tueToThu);
    expect(view.declared.coverage).toBe(100);
    expect(view.free.coverage).toBeLessThan(50);
    expect(view.organisationsConsidered).toBe(4);
    expect(view.carriers.map((c) => c.organisationId).sort()).toEqual([org.fontanhuset, org.erikshjalpen].sort());
    expect(view.carriers.find((c) => c.organisationId === org.fontanhuset)!.free).toBe(40 * (mondays + tueToThu));
    expect(view.units).toEqual([{ unit: "portions", demanded: view.demanded, free: view.free.covered, declared: view.declared.covered }]);
    // No item is credited with meeting refreshments.
    expect(view.carriers.find((c) => c.organisationId === org.fontanhuset)!.declared).toBe(40 * (mondays + tueToThu));
  });
});

describe("deadlines", () => {
  it("refuses starting, confirming, planning and submitting a bid once the request takes no more responses, and offers only open requests", async () => {
    const requestId = await saladRequest("direct_purchase", "Sallader (svarstid)");
    const bidId = await bidWith(requestId, "fontanhuset", ["emmaus"], { confirm: ["fontanhuset"] });
    expect((await planBid({ db, viewer: user.coordinator, bidId })).ok).toBe(true);
    expect((await listBiddableRequests({ db })).map((r) => r.id)).toContain(requestId);

    await db
      .updateTable("request")
      .set({ deadline_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", requestId)
      .execute();
    expect((await listBiddableRequests({ db })).map((r) => r.id)).not.toContain(requestId);
    const newPage = (await newBidLoader({
      request: httpGet(`/bids/new?request=${requestId}`, await sessionCookieFor(db, "coordinator@example.org")),
      params: {},
      context: {},
    })) as Awaited<ReturnType<typeof newBidLoader>>;
    expect(newPage.requests.map((r) => r.id)).not.toContain(requestId);
    expect(newPage.requestId).not.toBe(requestId);

    const refused = { ok: false, error: { kind: "requestClosed" } };
    expect(await startJointBid({ db, viewer: user.coordinator, requestId, leadOrganisationId: org.eoscares, inviteOrganisationIds: [] })).toEqual(refused);
    expect(await confirmCommitments({ db, viewer: user.emmaus, bidId, organisationId: org.emmaus })).toEqual(refused);
    expect(await planBid({ db, viewer: user.coordinator, bidId })).toEqual(refused);
    expect(await changeBidStatus({ db, viewer: user.coordinator, bidId, action: "submit" })).toEqual(refused);
    // A committed bid too: submitting is refused whatever else holds.
    await db.updateTable("joint_bid").set({ status: "committed" }).where("id", "=", bidId).execute();
    expect(await changeBidStatus({ db, viewer: user.coordinator, bidId, action: "submit" })).toEqual(refused);
    expect((await db.selectFrom("joint_bid").select("submitted_at").where("id", "=", bidId).executeTakeFirstOrThrow()).submitted_at).toBeNull();
  });
});

/** A request's stored content as the edit form would send it back, changed by `change`. */
async function amend(requestId: number, note: string, change: (lines: RequestInput["lines"]) => RequestInput["lines"]) {
  const r = (await getRequest({ db, requestId }))!;
  const lines = (await demandLinesOf({ db, requestId })).map((l) => ({
    id: l.id,
    item: l.item,
    unit: l.unit as "portions",
    quantity: l.quantity,
    site: l.site,
    cpvCode: l.cpvCode,
    weekdays: l.weekdays,
  }));
  const input: RequestInput = {
    ...requestFields(r),
    deadlineDate: "",
    deadlineTime: "",
    questions: [],
    changeNote: note,
    lines: change(lines),
  };
  return updateRequest({ db, requestId, buyerOrganisationId: r.buyerOrganisationId, userId: user.buyer.id, input });
}

describe("amendments", () => {
  it("make every plan of the request stale, send a submitted bid back, and tell its lead, participants and coordinator what changed and why", async () => {
    const requestId = await saladRequest("direct_purchase", "Sallader (ändring)");
    const respond = await saveResponse({
      db,
      requestId,
      organisationId: org.emmaus,
      userId: user.emmaus.id,
      input: { organisationId: org.emmaus, interest: "yes", message: "", version: 0, capacity: {}, answers: {} },
    });
    expect(respond.ok).toBe(true);
    const bidId = await bidWith(requestId, "fontanhuset", ["eoscares"], { confirm: ["fontanhuset", "eoscares"] });
    expect((await planBid({ db, viewer: user.coordinator, bidId })).ok).toBe(true);
    expect((await changeBidStatus({ db, viewer: user.coordinator, bidId, action: "submit" })).ok).toBe(true);
    const mailBefore =
      (
        await db
          .selectFrom("email_outbox")
          .select(sql<number>`max(id)`.as("id"))
          .executeTakeFirstOrThrow()
      ).id ?? 0;

    const amended = await amend(requestId, "Fler anställda på Stadshuset.", (lines) =>
      lines.map((l) => (l.site === "Stadshuset" ? { ...l, quantity: 70 } : l)),
    );
    expect(amended).toEqual({ ok: true, change: "amendment" });

    const bid = await db.selectFrom("joint_bid").select(["plan_stale", "status"]).where("id", "=", bidId).executeTakeFirstOrThrow();
    expect(bid).toEqual({ plan_stale: true, status: "committed" });
    const page = await loadBidPage({ db, access: (await getBidAccess({ db, bidId, viewer: user.coordinator }))! });
    expect(page.requestAmendedSincePlan).toBe(true);
    expect(page.request.demand.find((d) => d.site === "Stadshuset")!.quantity).toBe(70);
    expect(await changeBidStatus({ db, viewer: user.coordinator, bidId, action: "submit" })).toEqual({ ok: false, error: { kind: "planStale" } });

    const notes = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select(["user.email", "notification.message_key", "notification.message_vars"])
      .where("notification.link", "=", `/bids/${bidId}`)
      .where("notification.message_key", "=", "bids.notify.amended")
      .execute();
    expect(notes.map((n) => n.email).sort()).toEqual(["coordinator@example.org", "eoscares@example.org", "member@example.org"]);
    const vars = JSON.parse(notes[0].message_vars) as Record<string, string>;
    expect(serverTranslator("sv")("bids.notify.amended", vars)).toContain("Sallad – Stadshuset: 60 → 70 portioner per leverans");
    expect(serverTranslator("sv")("bids.notify.amended", vars)).toContain("Fler anställda på Stadshuset.");
    expect(serverTranslator("en")("bids.notify.amended", vars)).toContain("Sallad – Stadshuset: 60 → 70 portions per delivery");
    expect(serverTranslator("sv")("bids.notify.amended", vars)).toContain(`#${bidId}`);

    const mail = await db.selectFrom("email_outbox").select(["to_address", "body_text"]).where("id", ">", mailBefore).execute();
    const toRespondent = mail.find((m) => m.to_address === "emmaus@example.org")!;
    expect(toRespondent.body_text).toContain("Fler anställda på Stadshuset.");
    expect(toRespondent.body_text).toContain("60 → 70");
    expect(mail.find((m) => m.to_address === "coordinator@example.org")!.body_text).toContain("Fler anställda på Stadshuset.");
  });
});

describe("the fit rule, the same in all five places", () => {
  it("decides who hears of a request, whom it matches, whose capacity feasibility counts, who is prefilled and who may promise, alike", async () => {
    const buyerOrganisationId = await organisationIdBySlug(db, "lunds-kommun-upphandlingsenheten");
    const start = new Date(Date.now() + 70 * 86_400_000);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const requestId = await createRequest({
      db,
      buyerOrganisationId,
      userId: user.buyer.id,
      input: {
        kind: "direct_purchase",
        title: "Salladscatering (fem platser)",
        description: "",
        cpvCode: catering,
        periodFrom: iso(start),
        periodTo: iso(new Date(start.getTime() + 56 * 86_400_000)),
        deadlineDate: "",
        deadlineTime: "",
        deadlineAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        contactName: "B",
        contactEmail: "buyer@example.org",
        contactPhone: null,
        questions: [],
        changeNote: "",
        lines: [
          { id: null, item: "Sallad", unit: "portions", quantity: 60, site: "Stadshuset", cpvCode: preparedMeals, weekdays: [1, 2, 3, 4] },
          { id: null, item: "Sallad", unit: "portions", quantity: 40, site: "Linero", cpvCode: preparedMeals, weekdays: [1, 2, 3, 4] },
        ],
      },
    });
    expect((await transitionRequest({ db, requestId, buyerOrganisationId, userId: user.buyer.id, action: "publish" })).ok).toBe(true);
    // Worked out from the capacity set up above: salads (prepared meals) and catering serve it; meeting
    // refreshments, cleaning, gardening and auctions do not.
    const expected = ["fontanhuset", "eoscares", "emmaus", "erikshjalpen"].map((o) => org[o]).sort();
    const members = ["fontanhuset", "eoscares", "emmaus", "erikshjalpen", "iris", "klintens"];

    // 1. The publish notifications.
    const told = await db
      .selectFrom("notification")
      .innerJoin("membership", "membership.user_id", "notification.user_id")
      .select("membership.organisation_id")
      .distinct()
      .where("notification.link", "=", `/requests/${requestId}`)
      .where("notification.message_key", "=", "requests.notify.published")
      .execute();
    expect(
      told
        .map((t) => t.organisation_id)
        .filter((id) => members.some((m) => org[m] === id))
        .sort(),
    ).toEqual(expected);

    // 2. "Bara förfrågningar som passar oss".
    const matching = [];
    for (const m of members) {
      const list = await listRequests({
        db,
        query: { q: "", kind: [], cpvCategory: [], site: [], within: null, state: "open", matchingOrganisationId: org[m], page: 1, pageSize: 500 },
      });
      if (list.items.some((r) => r.id === requestId)) matching.push(org[m]);
    }
    expect(matching.sort()).toEqual(expected);

    // 3. The feasibility panel.
    const feasibility = (await loadFeasibility({ db, requestId }))!;
    expect(feasibility.organisationsConsidered).toBe(expected.length);
    expect(feasibility.carriers.every((c) => expected.includes(c.organisationId))).toBe(true);

    // 4 and 5. Prefill, and the lines a participant may promise from.
    const bidId = await bidWith(
      requestId,
      "fontanhuset",
      members.filter((m) => m !== "fontanhuset"),
    );
    const prefilled = (await db.selectFrom("joint_bid_commitment").select("organisation_id").distinct().where("bid_id", "=", bidId).execute()).map(
      (c) => c.organisation_id,
    );
    expect(prefilled.sort()).toEqual(expected);
    const mayPromise = [];
    for (const m of members) {
      const page = await loadBidPage({ db, access: (await getBidAccess({ db, bidId, viewer: user[m] }))! });
      if (page.participants.find((p) => p.organisationId === org[m])!.capacityLines.length > 0) mayPromise.push(org[m]);
    }
    expect(mayPromise.sort()).toEqual(expected);
  });
});

describe("reserved procurement coverage", () => {
  it("counts only eligible respondents, Ja and Kanske apart, says what the others would add, and shows eligibility in the table and the CSV", async () => {
    const requestId = await saladRequest("reserved", "Sallader (reserverad täckning)");
    const [stadshuset] = (await demandLinesOf({ db, requestId })).filter((l) => l.site === "Stadshuset");
    const respond = (o: string, interest: "yes" | "maybe", quantity: number) =>
      saveResponse({
        db,
        requestId,
        organisationId: org[o],
        userId: user[o].id,
        input: { organisationId: org[o], interest, message: "", version: 0, capacity: { [stadshuset.id]: quantity }, answers: {} },
      });
    await respond("eoscares", "yes", 20);
    await respond("emmaus", "maybe", 10);
    // Erikshjälpen is not verified and declares 20 %: not eligible.
    await respond("erikshjalpen", "yes", 30);

    const cookie = await sessionCookieFor(db, "buyer@example.org");
    const page = (await requestLoader({ request: httpGet(`/requests/${requestId}`, cookie), params: { id: String(requestId) }, context: {} })) as Awaited<
      ReturnType<typeof requestLoader>
    >;
    const coverage = page.coverage!;
    expect(coverage.answers).toEqual({ yes: { counted: 1, uncounted: 1 }, maybe: { counted: 1, uncounted: 0 }, no: { counted: 0, uncounted: 0 } });
    const line = (c: typeof coverage.yes) => c.lines.find((l) => l.lineId === stadshuset.id)!.offered;
    expect(line(coverage.yes)).toBe(20);
    expect(line(coverage.yesOrMaybe)).toBe(30);
    expect(line(coverage.withUncounted!)).toBe(60);
    // A week: Stadshuset 4 × 60, Kristallen 3 × 30, Linero 4 × 40 = 490 units.
    expect(coverage.yes.overall).toBeCloseTo((4 * 20) / 490);
    expect(page.responses.find((r) => r.organisationId === org.erikshjalpen)!.eligibility).toContain("notVerified");
    expect(page.responses.find((r) => r.organisationId === org.eoscares)!.eligibility).toEqual([]);

    const csv = await (
      (await csvLoader({ request: httpGet(`/requests/${requestId}/responses.csv`, cookie), params: { id: String(requestId) }, context: {} })) as Response
    ).text();
    const rows = csv.trim().split("\r\n").map(semicolonCells);
    const column = rows[0].indexOf("Krav för reserverad upphandling");
    expect(column).toBeGreaterThan(0);
    expect(rows.find((r) => r[0] === "EosCares")![column]).toBe("Uppfyller kraven");
    expect(rows.find((r) => r[0] === "Erikshjälpen Second Hand Lund")![column]).toMatch(/^Uppfyller inte kraven: /);
    // Times in Lund's wall clock, as Excel reads a date.
    expect(rows[1][rows[0].indexOf("Senast ändrat")]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  });
});

describe("closing a request and the notices of a bid", () => {
  it("tells every respondent when the buyer closes a request for responses", async () => {
    const requestId = await saladRequest("direct_purchase", "Sallader (stängs)");
    for (const o of ["eoscares", "emmaus"]) {
      await saveResponse({
        db,
        requestId,
        organisationId: org[o],
        userId: user[o].id,
        input: { organisationId: org[o], interest: "maybe", message: "", version: 0, capacity: {}, answers: {} },
      });
    }
    const buyerOrganisationId = (await db.selectFrom("request").select("buyer_organisation_id").where("id", "=", requestId).executeTakeFirstOrThrow())
      .buyer_organisation_id;
    expect(await transitionRequest({ db, requestId, buyerOrganisationId, userId: user.buyer.id, action: "close" })).toEqual({ ok: true, status: "closed" });
    const told = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select("user.email")
      .where("notification.link", "=", `/requests/${requestId}`)
      .where("notification.message_key", "=", "requests.notify.closed")
      .execute();
    expect(told.map((t) => t.email).sort()).toEqual(["emmaus@example.org", "eoscares@example.org"]);
  });

  it("names the bid and the request in every notice", async () => {
    const requestId = await saladRequest("direct_purchase", "Sallader (aviseringar)");
    const bidId = await bidWith(requestId, "fontanhuset", ["emmaus"], { confirm: ["emmaus"] });
    const notes = await db.selectFrom("notification").select(["message_key", "message_vars"]).where("link", "=", `/bids/${bidId}`).execute();
    expect([...new Set(notes.map((n) => n.message_key))].sort()).toEqual([
      "bids.notify.accepted",
      "bids.notify.confirmed",
      "bids.notify.invited",
      "bids.notify.lead",
    ]);
    for (const n of notes) {
      const text = serverTranslator("sv")(n.message_key as "bids.notify.lead", JSON.parse(n.message_vars) as Record<string, string>);
      expect(text, n.message_key).toContain(`#${bidId}`);
      expect(text, n.message_key).toContain("Sallader (aviseringar)");
    }
  });
});

/** The cells of one line of semicolon-separated CSV, quotes undone. */
function semicolonCells(row: string): string[] {
  return [...row.matchAll(/("(?:[^"]|"")*"|[^;]*)(?:;|$)/g)].map((m) => m[1].replace(/^"|"$/g, "").replace(/""/g, '"')).slice(0, -1);
}
