/**
 * The award, and the open data of a procurement's whole life: the buyer names the winning joint
 * bid (or response), the value and the period; the bids move to won and lost and their
 * participants are told, in the award's transaction; `/requests/:id/ocds.json` and the package
 * carry the tender, the bids once the deadline has passed (members as tenderers), the award and
 * the contract, each release tagged as OCDS prescribes and valid against the 1.1.5 schemas with
 * the extensions merged in; the open codelists hold the codes used.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BID_STATISTICS, PARTY_ROLES, RESERVED_PARTICIPATION } from "../../app/domain/ocds";
import { changeBidStatus } from "../../app/models/joint-bid/status.server";
import { confirmCommitments } from "../../app/models/joint-bid/commitments.server";
import { planBid } from "../../app/models/joint-bid/planning.server";
import { startJointBid } from "../../app/models/joint-bid/participants.server";
import type { Viewer } from "../../app/models/joint-bid/access.server";
import { action as bidAction } from "../../app/routes/bids.$id";
import type { FormReply } from "../../app/components/form-fields";
import { action as awardAction, loader as awardLoader } from "../../app/routes/requests.$id_.award";
import { action as requestAction, loader as requestLoader } from "../../app/routes/requests.$id";
import { loader as releaseLoader } from "../../app/routes/requests.$id_.ocds[.]json";
import { loader as packageLoader } from "../../app/routes/requests.ocds[.]json";
import type { DB } from "../../db/client.server";
import { seedDemoBid } from "../../seed/demo-bids.server";
import { codelist, ocdsValidators } from "../support/ocds-schema";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor } from "./support/requests";
import { insertSaladRequest } from "./support/salad-request";

let db: DB;
let close: () => Promise<void>;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const { validateRelease, validatePackage } = ocdsValidators();

type Release = {
  id: string;
  date: string;
  tag: string[];
  parties?: { id: string; name: string; roles: string[] }[];
  bids?: { details: { id: string; tenderers: { id: string }[]; value?: { amount: number }; status: string }[]; statistics: { measure: string }[] };
  awards?: { id: string; suppliers: { id: string }[]; relatedBids?: string[]; value: { amount: number; currency: string } }[];
  contracts?: { status: string; awardID: string }[];
  tender?: Record<string, unknown>;
};
type Package = { uri: string; extensions: string[]; releases: Release[] };

const args = (request: Request, id: number) => ({ request, params: { id: String(id) }, context: {} });
const openData = async (id: number): Promise<Package> =>
  (await ((await releaseLoader(args(getRequest(`/requests/${id}/ocds.json`), id))) as Response).json()) as Package;
/** A refused form's messages, each field's first by its key ("" for the form's own). */
const messagesOf = (answer: unknown) =>
  Object.fromEntries(Object.entries((answer as { reply: FormReply }).reply.error ?? {}).map(([name, messages]) => [name, messages?.[0]?.key]));

const award = (who: string, id: number, fields: Record<string, string>) =>
  answerOf(() => awardAction(args(formRequest(`/requests/${id}/award`, fields, cookies[who]), id)));

async function viewer(email: string): Promise<Viewer> {
  return { id: (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id, roles: [] };
}

function expectValid(pkg: Package) {
  expect(validatePackage(pkg), JSON.stringify(validatePackage.errors, null, 2)).toBe(true);
  for (const release of pkg.releases) expect(validateRelease(release), `${release.id}: ${JSON.stringify(validateRelease.errors, null, 2)}`).toBe(true);
}

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const who of ["coordinator", "buyer", "member", "eoscares", "emmaus", "erikshjalpen", "iris"])
    cookies[who] = await sessionCookieFor(db, `${who}@example.org`);
  for (const slug of ["fontanhuset-lund", "eoscares", "emmaus-lund", "erikshjalpen-second-hand-lund", "iris-kraft"])
    ids[slug] = await organisationIdBySlug(db, slug);
});
afterAll(() => close());

/** The demo's won joint bid on the request of this title. */
const wonDemoBid = (title: string) =>
  db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .select(["b.id", "b.request_id"])
    .where("b.status", "=", "won")
    .where("b.is_example", "=", true)
    .where("r.title", "=", title)
    .executeTakeFirstOrThrow();

describe("the demo's salad procurement, won by a consortium", () => {
  it("is in open data from tender to the begun contract, the consortium's members the tenderers and the suppliers", async () => {
    const { id: bidId, request_id } = await wonDemoBid("Sallader till kommunens verksamheter");
    const pkg = await openData(request_id);
    expectValid(pkg);
    // Awarded before its period began, which it now has.
    expect(pkg.releases.map((r) => r.tag)).toEqual([["tender"], ["tenderUpdate"], ["award"], ["contract"], ["contractUpdate"]]);
    const [tender, bids, awarded, contract, started] = pkg.releases;
    expect(tender.tender).toMatchObject({ status: "complete", otherRequirements: { reservedParticipation: ["shelteredWorkshop"] } });
    const members = await db
      .selectFrom("joint_bid_participant as p")
      .innerJoin("organisation as o", "o.id", "p.organisation_id")
      .select(["o.name", "o.org_number"])
      .where("p.bid_id", "=", bidId)
      .where("p.status", "=", "accepted")
      .execute();
    expect(members.map((m) => m.name).sort()).toEqual(["Emmaus Lund", "EosCares", "Fontänhuset Lund"]);
    const memberIds = members.map((m) => `SE-ORG-${m.org_number.replace("-", "")}`).sort();
    expect(bids.bids!.details).toHaveLength(1);
    expect(bids.bids!.details[0].tenderers.map((t) => t.id).sort()).toEqual(memberIds);
    expect(bids.bids!.details[0].status).toBe("valid");
    expect(bids.parties!.find((p) => p.name === "Fontänhuset Lund")!.roles).toEqual(["tenderer", "leadTenderer"]);
    // The bid's and the award's value are the agreement's total frozen at submission, in kronor.
    const agreement = await db.selectFrom("joint_bid_agreement").select("content_json").where("bid_id", "=", bidId).executeTakeFirstOrThrow();
    const frozenOre = (JSON.parse(agreement.content_json) as { total: { exVat: number } }).total.exVat;
    expect(frozenOre).toBeGreaterThan(0);
    expect(bids.bids!.details[0].value!.amount * 100).toBeCloseTo(frozenOre, 6);
    const { value_ore, contract_from, contract_to } = await db
      .selectFrom("request_award")
      .selectAll()
      .where("request_id", "=", request_id)
      .executeTakeFirstOrThrow();
    expect(Number(value_ore)).toBe(frozenOre);
    expect(awarded.awards![0].value).toEqual({ amount: frozenOre / 100, currency: "SEK" });
    expect(awarded.awards![0].suppliers.map((s) => s.id).sort()).toEqual(memberIds);
    expect(awarded.awards![0].relatedBids).toEqual([bids.bids!.details[0].id]);
    const request = await db.selectFrom("request").select(["period_from", "period_to"]).where("id", "=", request_id).executeTakeFirstOrThrow();
    expect([contract_from, contract_to]).toEqual([request.period_from, request.period_to]);
    expect([contract, started].map((r) => r.contracts![0].status)).toEqual(["pending", "active"]);
  });
});

describe("the demo's finished reserved procurement", () => {
  it("shows its whole life in open data: tender, the consortium's bid, award, contract, its start and its end", async () => {
    const { request_id } = await wonDemoBid("Gröna lunchskålar till Stadshuset och Kristallen (pilotperiod)");
    const pkg = await openData(request_id);
    expectValid(pkg);
    expect(pkg.releases.map((r) => r.tag)).toEqual([["tender"], ["tenderUpdate"], ["award"], ["contract"], ["contractUpdate"], ["contractTermination"]]);
    // Oldest first, each release its own id.
    expect(new Set(pkg.releases.map((r) => r.id)).size).toBe(6);
    expect(pkg.releases.slice(1).map((r) => r.date)).toEqual([...pkg.releases.slice(1).map((r) => r.date)].sort());
    const [tender, bids, awarded, contract, started, ended] = pkg.releases;
    expect(tender.tender).toMatchObject({ otherRequirements: { reservedParticipation: ["shelteredWorkshop"] }, contractTerms: { reservedExecution: false } });
    const tenderers = bids.bids!.details[0].tenderers.map((t) => t.id).sort();
    const orgNumbers = await db.selectFrom("organisation").select("org_number").where("name", "in", ["Fontänhuset Lund", "EosCares", "Emmaus Lund"]).execute();
    expect(tenderers).toEqual(orgNumbers.map((o) => `SE-ORG-${o.org_number.replace("-", "")}`).sort());
    const lead = bids.parties!.find((p) => p.name === "Fontänhuset Lund")!;
    expect(lead.roles).toEqual(["tenderer", "leadTenderer"]);
    expect(bids.parties!.find((p) => p.name === "EosCares")!.roles).toEqual(["tenderer"]);
    expect(bids.bids!.details[0].status).toBe("valid");
    expect(bids.bids!.details[0].value!.amount).toBeGreaterThan(0);
    expect(awarded.awards![0].suppliers.map((s) => s.id).sort()).toEqual(tenderers);
    expect(awarded.awards![0].relatedBids).toEqual([bids.bids!.details[0].id]);
    expect(awarded.awards![0].value.currency).toBe("SEK");
    expect(awarded.parties!.find((p) => p.name === "Fontänhuset Lund")!.roles).toEqual(["tenderer", "supplier", "leadTenderer"]);
    expect([contract, started, ended].map((r) => r.contracts![0].status)).toEqual(["pending", "active", "terminated"]);
  });

  it("lists the extensions it uses, and its address comes from PUBLIC_URL, never from the request's Host", async () => {
    process.env.PUBLIC_URL = "https://handel.example.org";
    try {
      const pkg = (await (
        (await packageLoader({ request: new Request("http://evil.example/requests/ocds.json"), params: {}, context: {} })) as Response
      ).json()) as Package;
      expect(pkg.uri).toBe("https://handel.example.org/requests/ocds.json");
      expect(pkg.extensions.map((e) => /open-contracting-extensions\/(\w+)\//.exec(e)![1]).sort()).toEqual(
        ["ocds_bid_extension", "ocds_contractTerms_extension", "ocds_eu_extension", "ocds_otherRequirements_extension"].sort(),
      );
      expectValid(pkg);
    } finally {
      delete process.env.PUBLIC_URL;
    }
  });
});

describe("awarding a request with two joint bids", () => {
  let requestId: number;
  let consortium: number;
  let alone: number;

  beforeAll(async () => {
    // A direct purchase far ahead, so eligibility for reserved contracts does not stop a bid.
    requestId = await insertSaladRequest(db, { kind: "direct_purchase", title: "Sallader till sommarlägret", startInWeeks: 70 });
    consortium = (await seedDemoBid(db, { requestId }))!;
    const lead = await viewer("member@example.org");
    expect((await changeBidStatus({ db, viewer: lead, bidId: consortium, action: "submit" })).ok).toBe(true);
    const emmaus = await viewer("emmaus@example.org");
    const started = await startJointBid({ db, viewer: emmaus, requestId, leadOrganisationId: ids["emmaus-lund"], inviteOrganisationIds: [] });
    if (!started.ok) throw new Error("no bid");
    alone = started.bidId;
    await confirmCommitments({ db, viewer: emmaus, bidId: alone, organisationId: ids["emmaus-lund"] });
    expect((await planBid({ db, viewer: emmaus, bidId: alone })).ok).toBe(true);
    expect((await changeBidStatus({ db, viewer: emmaus, bidId: alone, action: "submit" })).ok).toBe(true);
  });

  it("publishes no bid before the deadline, not even submitted ones, and refuses the award until then", async () => {
    const before = await openData(requestId);
    expectValid(before);
    expect(before.releases.map((r) => r.tag)).toEqual([["tender"]]);
    expect(JSON.stringify(before)).not.toContain('"bids"');
    const page = (await awardLoader(args(getRequest(`/requests/${requestId}/award`, cookies.buyer), requestId))).page;
    expect(page.canAward).toBe(false);
    const refused = await award("buyer", requestId, { winner: `bid-${consortium}`, value: "100000", contractFrom: "2030-01-01", contractTo: "2030-12-31" });
    expect(refused.status).toBe(409);
    expect(messagesOf(refused.data)).toEqual({ "": "award.error.refused" });
  });

  it("lets the buyer, and nobody else, award it once the deadline has passed, naming a winner that bid", async () => {
    await db
      .updateTable("request")
      .set({ deadline_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", requestId)
      .execute();
    const after = await openData(requestId);
    expectValid(after);
    const bids = after.releases.find((r) => r.tag[0] === "tenderUpdate")!;
    expect(bids.bids!.details.map((d) => d.id).sort()).toEqual([`bid-${consortium}`, `bid-${alone}`].sort());
    expect(bids.bids!.details.find((d) => d.id === `bid-${consortium}`)!.tenderers).toHaveLength(3);
    // A bid submitted without prices carries no value.
    expect(bids.bids!.details.every((d) => d.value === undefined)).toBe(true);

    // Won and lost come from the buyer's award, not from the bid's lead.
    const marked = await answerOf(() => bidAction(args(formRequest(`/bids/${consortium}`, { intent: "won" }, cookies.member), consortium)));
    expect(marked.status).toBe(409);
    expect((marked.data as { message: { key: string } }).message.key).toBe("bids.error.awardedByBuyer");
    // "Markera som tilldelad" without a winner is gone.
    expect((await answerOf(() => requestAction(args(formRequest(`/requests/${requestId}`, { intent: "award" }, cookies.buyer), requestId)))).status).toBe(400);

    const valid = { winner: `bid-${consortium}`, value: "1 250 000,50", contractFrom: "2030-01-07", contractTo: "2030-06-28" };
    for (const who of ["member", "coordinator", "iris"]) expect((await award(who, requestId, valid)).status, who).toBe(403);
    const bad = await award("buyer", requestId, { ...valid, winner: "bid-999999", contractTo: "2029-12-31", value: "-1" });
    expect(bad.status).toBe(400);
    expect(messagesOf(bad.data)).toEqual({ value: "form.positiveAmount", contractTo: "form.dateOrder" });
    expect((await award("buyer", requestId, { ...valid, winner: "bid-999999" })).status).toBe(400);
    expect((await db.selectFrom("request").select("status").where("id", "=", requestId).executeTakeFirstOrThrow()).status).toBe("published");

    const outboxBefore = (
      await db
        .selectFrom("email_outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    expect((await award("buyer", requestId, valid)).status).toBe(302);
    const statuses = await db.selectFrom("joint_bid").select(["id", "status"]).where("request_id", "=", requestId).orderBy("id").execute();
    expect(statuses).toEqual([
      { id: consortium, status: "won" },
      { id: alone, status: "lost" },
    ]);
    expect((await db.selectFrom("request").select("status").where("id", "=", requestId).executeTakeFirstOrThrow()).status).toBe("awarded");
    const told = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select(["user.email", "notification.message_key", "notification.link"])
      .where("notification.message_key", "in", ["bids.notify.won", "bids.notify.lost"])
      .where("notification.link", "in", [`/bids/${consortium}`, `/bids/${alone}`])
      .execute();
    expect(
      told
        .filter((n) => n.message_key === "bids.notify.won")
        .map((n) => n.email)
        .sort(),
    ).toEqual(["eoscares@example.org", "erikshjalpen@example.org", "member@example.org"]);
    expect(told.filter((n) => n.message_key === "bids.notify.lost").map((n) => n.email)).toEqual(["emmaus@example.org"]);
    expect(
      Number(
        (
          await db
            .selectFrom("email_outbox")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(Number(outboxBefore));

    const awarded = await openData(requestId);
    expectValid(awarded);
    expect(awarded.releases.map((r) => r.tag)).toEqual([["tender"], ["tenderUpdate"], ["award"], ["contract"]]);
    const a = awarded.releases[2].awards![0];
    expect(a.value).toEqual({ amount: 1250000.5, currency: "SEK" });
    expect(a.suppliers).toHaveLength(3);
    expect(awarded.releases[3].contracts![0]).toMatchObject({ status: "pending", awardID: a.id });
    const bidRelease = awarded.releases[1].bids!;
    expect(bidRelease.details.map((d) => d.status).sort()).toEqual(["valid", "valid"]);

    // The request page shows the outcome, and it cannot be awarded twice.
    const shown = (await requestLoader(args(getRequest(`/requests/${requestId}`), requestId))) as Awaited<ReturnType<typeof requestLoader>>;
    expect(shown.award).toMatchObject({ winner: { kind: "bid", bidId: consortium }, valueOre: 125000050, contractFrom: "2030-01-07" });
    expect((await award("buyer", requestId, valid)).status).toBe(409);
  });
});

describe("awarding a request to a response", () => {
  it("tells the responding organisation it won, with no joint bid in open data", async () => {
    const rfi = await db.selectFrom("request").select("id").where("title", "like", "Informationsförfrågan%").executeTakeFirstOrThrow();
    // The demo RFI, closed, was answered by four members, not by Emmaus.
    expect(
      (await award("buyer", rfi.id, { winner: `organisation-${ids["emmaus-lund"]}`, value: "5000", contractFrom: "2030-01-01", contractTo: "2030-02-01" }))
        .status,
    ).toBe(400);
    expect(
      (await award("buyer", rfi.id, { winner: `organisation-${ids["fontanhuset-lund"]}`, value: "5000", contractFrom: "2030-01-01", contractTo: "2030-02-01" }))
        .status,
    ).toBe(302);
    const told = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select("user.email")
      .where("notification.message_key", "=", "award.notify.responseWon")
      .execute();
    expect(told.map((n) => n.email)).toEqual(["member@example.org"]);
    const pkg = await openData(rfi.id);
    expectValid(pkg);
    expect(pkg.releases.map((r) => r.tag)).toEqual([["tender"], ["award"], ["contract"]]);
    const { org_number } = await db.selectFrom("organisation").select("org_number").where("id", "=", ids["fontanhuset-lund"]).executeTakeFirstOrThrow();
    expect(pkg.releases[1].awards![0].suppliers).toEqual([{ id: `SE-ORG-${org_number.replace("-", "")}`, name: "Fontänhuset Lund" }]);
  });
});

describe("a request whose demand lines are lots", () => {
  it("carries the lots in open data: the tender's lots, each item's lot, the bid's and the award's lots, the Lots extension named", async () => {
    const requestId = await insertSaladRequest(db, { kind: "direct_purchase", title: "Sallader till vinterlovet (delkontrakt)", startInWeeks: 90 });
    await db.updateTable("request").set({ lines_are_lots: true }).where("id", "=", requestId).execute();
    const bidId = (await seedDemoBid(db, { requestId }))!;
    expect((await changeBidStatus({ db, viewer: await viewer("member@example.org"), bidId, action: "submit" })).ok).toBe(true);
    await db
      .updateTable("request")
      .set({ deadline_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", requestId)
      .execute();
    expect((await award("buyer", requestId, { winner: `bid-${bidId}`, value: "480 000", contractFrom: "2031-01-06", contractTo: "2031-06-27" })).status).toBe(
      302,
    );

    const pkg = await openData(requestId);
    expectValid(pkg);
    const extensionNames = pkg.extensions.map((e) => /open-contracting-extensions\/(\w+)\//.exec(e)![1]);
    expect(extensionNames).toEqual(expect.arrayContaining(["ocds_lots_extension", "ocds_submissionTerms_extension"]));
    const lines = await db.selectFrom("demand_line").select(["id", "item", "site"]).where("request_id", "=", requestId).orderBy("position").execute();
    const lotIds = lines.map((l) => `lot-${l.id}`);
    const tender = pkg.releases[0].tender as { lots: { id: string; title: string }[]; items: { id: string; relatedLot: string }[] };
    expect(tender.lots.map((l) => l.id)).toEqual(lotIds);
    expect(tender.lots.map((l) => l.title)).toEqual(lines.map((l) => `${l.item} – ${l.site}`));
    // Every item in exactly the lot of its own line.
    expect(tender.items.map((i) => [i.id, i.relatedLot])).toEqual(lines.map((l) => [String(l.id), `lot-${l.id}`]));
    const bids = pkg.releases.find((r) => r.tag[0] === "tenderUpdate")!.bids!.details as { relatedLots?: string[] }[];
    expect(bids.map((b) => b.relatedLots)).toEqual([lotIds]);
    const awarded = pkg.releases.find((r) => r.tag[0] === "award")!.awards as { relatedLots?: string[] }[];
    expect(awarded.map((a) => a.relatedLots)).toEqual([lotIds]);

    // A request bought whole has none of it, and its package does not name the Lots extension.
    const whole = await wonDemoBid("Sallader till kommunens verksamheter");
    const wholePkg = await openData(whole.request_id);
    expect(JSON.stringify(wholePkg)).not.toMatch(/relatedLots?"|"lots"/);
    expect(wholePkg.extensions.join(" ")).not.toMatch(/lots|submissionTerms/);
  });
});

describe("the codes of open codelists", () => {
  it("are in the extensions' codelists", () => {
    expect(codelist("otherRequirements", "reservedParticipation.csv")).toEqual(expect.arrayContaining([...RESERVED_PARTICIPATION]));
    expect(codelist("bids", "statistic.csv")).toEqual(expect.arrayContaining([...BID_STATISTICS]));
    expect(codelist("eu", "+partyRole.csv")).toContain("leadTenderer");
    expect(PARTY_ROLES).toContain("leadTenderer");
  });
});
