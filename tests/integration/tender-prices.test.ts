/**
 * A joint bid's prices through the routes on the demo network: who sees which figures (the lead and
 * coordinators all, a participant the totals and its own payment, the buyer the bid's prices only
 * after the deadline, nobody else anything), the arithmetic to the öre against an independent
 * computation from the allocations CSV, bad input as field messages that change nothing, and the
 * consortium agreement frozen at submission.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as csvLoader } from "../../app/routes/bids.$id_.allocations[.]csv";
import { loader as jsonLoader } from "../../app/routes/bids.$id_.export[.]json";
import { loader as summaryLoader } from "../../app/routes/bids.$id_.summary";
import { action as tenderAction, loader as tenderLoader } from "../../app/routes/bids.$id_.tender";
import { loader as agreementLoader } from "../../app/routes/bids.$id_.agreement";
import type { DB } from "../../db/client.server";
import type { FormReply } from "../../app/components/form-fields";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, responseOf, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
let plannedBid: number;
let wonBid: number;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

type TenderData = Awaited<ReturnType<typeof tenderLoader>>["page"];
const args = (request: Request, id: number) => ({ request, params: { id: String(id) }, context: {} });
const page = async (who: string, id = plannedBid): Promise<TenderData> => (await tenderLoader(args(getRequest(`/bids/${id}/tender`, cookies[who]), id))).page;
const post = (who: string, fields: Record<string, string>, id = plannedBid) =>
  answerOf(() => tenderAction(args(formRequest(`/bids/${id}/tender`, fields, cookies[who]), id)));

/** A refused form's messages, field by field ("" for the form's own), as their locale keys and variables. */
const messagesOf = (answer: { data: unknown }) => (answer.data as { reply: FormReply }).reply.error;
/** What was typed, as the reply brings it back to the form. */
const typedOf = (answer: { data: unknown }) => (answer.data as { reply: FormReply }).reply.initialValue as Record<string, string>;

/** The price form as the page would send it: every line's price and VAT, the share, no own payments. */
function priceForm(p: TenderData, prices: Record<number, [string, string]>, share = "5"): Record<string, string> {
  const fields: Record<string, string> = { intent: "savePrices", share };
  for (const l of p.lines) {
    const [price, vat] = prices[l.demandLineId] ?? ["60", "12"];
    fields[`price-${l.demandLineId}`] = price;
    fields[`vat-${l.demandLineId}`] = vat;
  }
  return fields;
}

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const who of ["coordinator", "buyer", "member", "eoscares", "emmaus", "erikshjalpen", "iris"])
    cookies[who] = await sessionCookieFor(db, `${who}@example.org`);
  for (const slug of ["fontanhuset-lund", "eoscares", "emmaus-lund", "erikshjalpen-second-hand-lund"]) ids[slug] = await organisationIdBySlug(db, slug);
  const bids = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .select(["b.id", "b.status", "r.title"])
    .where("b.is_example", "=", true)
    .execute();
  plannedBid = bids.find((b) => b.title === "Sallader till kommunens verksamheter, andra perioden")!.id;
  wonBid = bids.find((b) => b.title.startsWith("Gröna lunchskålar"))!.id;
});
afterAll(() => close());

describe("who sees which prices", () => {
  it("shows the lead and coordinators every figure: prices, the lead's share and each participant's payment", async () => {
    for (const who of ["member", "coordinator"]) {
      const p = await page(who);
      expect(p.visibility).toMatchObject({ bid: true, all: true });
      expect(Object.keys(p.prices)).toHaveLength(p.lines.length);
      expect(p.figures!.leadShareVisible).toBe(true);
      expect(p.figures!.participants.map((x) => x.organisationId).sort()).toEqual(
        [ids["fontanhuset-lund"], ids["eoscares"], ids["erikshjalpen-second-hand-lund"]].sort(),
      );
      expect(p.figures!.total.leadShare).toBeGreaterThan(0);
      expect(p.editable).toBe(true);
    }
  });

  it("shows a participant the totals and its own payment only, and no form", async () => {
    const p = await page("eoscares");
    expect(p.visibility).toMatchObject({ bid: true, all: false });
    expect(p.figures!.participants.map((x) => x.organisationId)).toEqual([ids["eoscares"]]);
    expect(p.figures!.leadShareVisible).toBe(false);
    expect(p.figures!.total.leadShare).toBe(0);
    expect(p.figures!.total.exVat).toBeGreaterThan(0);
    expect(p.editable).toBe(false);
    const exported = JSON.parse(
      await ((await jsonLoader(args(getRequest(`/bids/${plannedBid}/export.json`, cookies.eoscares), plannedBid))) as Response).text(),
    );
    expect(exported.bid.prices.figures.participants.map((x: { organisationId: number }) => x.organisationId)).toEqual([ids["eoscares"]]);
    expect(exported.bid.prices.figures.total).not.toHaveProperty("leadShare");
    expect(exported.bid.prices.adminShareBasisPoints).toBeUndefined();
  });

  it("hides the bid from other organisations and the buyer before submission", async () => {
    for (const who of ["iris", "buyer"]) {
      expect((await answerOf(() => tenderLoader(args(getRequest(`/bids/${plannedBid}/tender`, cookies[who]), plannedBid)))).status).toBe(404);
      expect((await answerOf(() => jsonLoader(args(getRequest(`/bids/${plannedBid}/export.json`, cookies[who]), plannedBid)))).status).toBe(404);
    }
  });

  it("shows the buyer a submitted bid's prices only once the deadline has passed, never the payments", async () => {
    // The won demo bid's procurement closed long ago.
    const p = await page("buyer", wonBid);
    expect(p.visibility).toMatchObject({ bid: true, all: false, own: [] });
    expect(p.figures!.participants).toEqual([]);
    expect(p.figures!.total.leadShare).toBe(0);
    expect(p.terms).toBeNull();
    expect(p.problems).toEqual([]);
    // Moved before its deadline, the same bid shows the buyer no price at all.
    const request = await db.selectFrom("joint_bid").select("request_id").where("id", "=", wonBid).executeTakeFirstOrThrow();
    const { deadline_at } = await db.selectFrom("request").select("deadline_at").where("id", "=", request.request_id).executeTakeFirstOrThrow();
    await db
      .updateTable("request")
      .set({ deadline_at: new Date(Date.now() + 86_400_000).toISOString() })
      .where("id", "=", request.request_id)
      .execute();
    try {
      const sealed = await page("buyer", wonBid);
      expect(sealed.visibility.bid).toBe(false);
      expect(sealed.prices).toEqual({});
      expect(sealed.figures).toBeNull();
      const exported = JSON.parse(await ((await jsonLoader(args(getRequest(`/bids/${wonBid}/export.json`, cookies.buyer), wonBid))) as Response).text());
      expect(exported.bid.prices).toBeNull();
      const summary = (await summaryLoader(args(getRequest(`/bids/${wonBid}/summary`, cookies.buyer), wonBid))) as Awaited<ReturnType<typeof summaryLoader>>;
      expect(summary.tender.prices).toEqual({});
    } finally {
      await db.updateTable("request").set({ deadline_at }).where("id", "=", request.request_id).execute();
    }
  });

  it("lets the buyer read neither the agreement nor another participant's appendix, and a participant only its own", async () => {
    expect((await answerOf(() => agreementLoader(args(getRequest(`/bids/${wonBid}/agreement`, cookies.buyer), wonBid)))).status).toBe(403);
    const own = (await agreementLoader(args(getRequest(`/bids/${wonBid}/agreement`, cookies.emmaus), wonBid))) as Awaited<ReturnType<typeof agreementLoader>>;
    expect(new Set(own.content.payments.map((x) => x.organisationId))).toEqual(new Set([ids["emmaus-lund"]]));
    const lead = (await agreementLoader(args(getRequest(`/bids/${wonBid}/agreement`, cookies.member), wonBid))) as Awaited<ReturnType<typeof agreementLoader>>;
    expect(new Set(lead.content.payments.map((x) => x.organisationId)).size).toBe(3);
  });
});

/** One line of the Swedish CSV as its cells (RFC 4180 quoting, ";" between cells). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

describe("the arithmetic", () => {
  it("matches an independent computation from the allocations CSV to the öre, and every total is the sum of its parts", async () => {
    const p = await page("member", wonBid);
    const f = p.figures!;
    const csv = await ((await csvLoader(args(getRequest(`/bids/${wonBid}/allocations.csv`, cookies.member), wonBid))) as Response).text();
    const rows = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      // The Swedish download: ";" between cells; a cell holding ";", a quote or a line break is quoted.
      .map(csvCells);
    // Date, weekday, item, unit, site, organisation, organisation number, quantity.
    const priceOf = new Map(p.lines.map((l) => [`${l.item}|${l.site}`, p.prices[l.demandLineId]]));
    const expected = new Map<string, { units: number; exVat: number; vatBase: Map<number, number> }>();
    for (const [date, , item, , site, , , quantity] of rows) {
      const price = priceOf.get(`${item}|${site}`)!;
      const month = date.slice(0, 7);
      const m = expected.get(month) ?? { units: 0, exVat: 0, vatBase: new Map() };
      m.units += Number(quantity);
      m.exVat += Number(quantity) * price.unitPriceOre;
      m.vatBase.set(price.vatRate, (m.vatBase.get(price.vatRate) ?? 0) + Number(quantity) * price.unitPriceOre);
      expected.set(month, m);
    }
    expect(f.months.map((m) => m.month)).toEqual([...expected.keys()].sort());
    for (const m of f.months) {
      const e = expected.get(m.month)!;
      expect(m.units, m.month).toBe(e.units);
      expect(m.exVat, m.month).toBe(e.exVat);
      // VAT once per month and rate, rounded half up to the öre: 12 % of 1 234 öre is 148.08, so 148.
      expect(m.vat, m.month).toBe([...e.vatBase].reduce((s, [rate, base]) => s + Math.floor((base * rate) / 100 + 0.5), 0));
      expect(m.incVat).toBe(m.exVat + m.vat);
    }
    const sum = (pick: (m: (typeof f.months)[number]) => number) => f.months.reduce((s, m) => s + pick(m), 0);
    expect(f.total).toMatchObject({
      units: sum((m) => m.units),
      exVat: sum((m) => m.exVat),
      vat: sum((m) => m.vat),
      incVat: sum((m) => m.incVat),
      leadShare: sum((m) => m.leadShare),
    });
    expect(f.total.exVat).toBe(f.participants.reduce((s, x) => s + x.revenue, 0) + f.total.leadShare);
    for (const x of f.participants) expect(x.revenue).toBe(x.months.reduce((s, m) => s + m.revenue, 0));
    // What a participant is paid: its own payment where it has one (Emmaus on the vegetarian line), else the price less the 6 % share.
    const emmaus = f.participants.find((x) => x.organisationId === ids["emmaus-lund"])!;
    const veg = p.lines.find((l) => l.item === "Grön lunchskål, vegetarisk")!;
    expect(emmaus.payments.find((x) => x.demandLineId === veg.demandLineId)).toEqual({ demandLineId: veg.demandLineId, unitPaymentOre: 6000, explicit: true });
    const dagens = p.lines.find((l) => l.item === "Grön lunchskål, dagens")!;
    expect(emmaus.payments.find((x) => x.demandLineId === dagens.demandLineId)!.unitPaymentOre).toBe(Math.round(6500 * 0.94));
    // The buyer pays per delivery the quantity times the price, with VAT.
    const line = f.lines.find((l) => l.demandLineId === dagens.demandLineId)!;
    expect(line.perDelivery).toEqual({ exVat: 40 * 6500, vat: 40 * 6500 * 0.12, incVat: 40 * 6500 * 1.12 });
  });
});

describe("changing prices", () => {
  it("saves prices, VAT and the share for the lead, with kronor typed the Swedish way", async () => {
    const p = await page("member");
    const [first] = p.lines;
    const answer = await post("member", priceForm(p, { [first.demandLineId]: ["1 234,56", "25"] }, "2,5"));
    expect(answer.status).toBe(302);
    const after = await page("member");
    expect(after.prices[first.demandLineId]).toEqual({ unitPriceOre: 123456, vatRate: 25 });
    expect(after.terms!.adminShareBasisPoints).toBe(250);
  });

  it("refuses a negative price, a missing VAT rate, three decimals and a payment above the price, field by field, and changes nothing", async () => {
    const p = await page("member");
    const before = await db.selectFrom("joint_bid_price").selectAll().where("bid_id", "=", plannedBid).orderBy("demand_line_id").execute();
    const [a, b, c] = p.lines;
    const form = priceForm(p, { [a.demandLineId]: ["-5", "12"], [b.demandLineId]: ["60", ""], [c.demandLineId]: ["60,125", "12"] });
    const refused = await post("member", form);
    expect(refused.status).toBe(400);
    expect(messagesOf(refused)).toEqual({
      [`price-${a.demandLineId}`]: [{ key: "form.positiveAmount" }],
      [`vat-${b.demandLineId}`]: [{ key: "form.vatRate" }],
      [`price-${c.demandLineId}`]: [{ key: "form.kronorDecimals" }],
    });
    // What was typed comes back to the form.
    expect(typedOf(refused)[`price-${c.demandLineId}`]).toBe("60,125");
    const above = await post("member", { ...priceForm(p, {}), [`payment-${ids["eoscares"]}-${a.demandLineId}`]: "61" });
    expect(above.status).toBe(400);
    expect(messagesOf(above)).toEqual({ [`payment-${ids["eoscares"]}-${a.demandLineId}`]: [{ key: "form.paymentAbovePrice" }] });
    expect(typedOf(above)[`payment-${ids["eoscares"]}-${a.demandLineId}`]).toBe("61");
    expect(await db.selectFrom("joint_bid_price").selectAll().where("bid_id", "=", plannedBid).orderBy("demand_line_id").execute()).toEqual(before);
  });

  it("refuses terms out of range with the range in the message, keeps what was typed, and changes nothing", async () => {
    const before = (await page("member")).terms;
    const refused = await post("member", { intent: "saveTerms", groupName: "Konsortiet", paymentDays: "400", noticeMonths: "3", substitutes: "" });
    expect(refused.status).toBe(400);
    // The range goes with the message as numbers, for the page to write ("0 till 365"), not encoded in the key.
    expect(messagesOf(refused)).toEqual({ paymentDays: [{ key: "form.wholeNumberRange", values: { min: 0, max: 365 } }] });
    expect(typedOf(refused)).toMatchObject({ groupName: "Konsortiet", paymentDays: "400" });
    expect((await page("member")).terms).toEqual(before);
  });

  it("lets no participant or outsider change prices or terms, and nobody after submission", async () => {
    const p = await page("member");
    const before = await db.selectFrom("joint_bid_price").selectAll().where("bid_id", "=", plannedBid).execute();
    expect((await post("eoscares", priceForm(p, {}))).status).toBe(403);
    expect((await post("eoscares", { intent: "saveTerms", groupName: "X", paymentDays: "1", noticeMonths: "1", substitutes: "" })).status).toBe(403);
    expect((await post("iris", priceForm(p, {}))).status).toBe(404);
    expect((await post("buyer", priceForm(p, {}))).status).toBe(404);
    expect(await db.selectFrom("joint_bid_price").selectAll().where("bid_id", "=", plannedBid).execute()).toEqual(before);
    const won = await page("member", wonBid);
    expect(won.editable).toBe(false);
    const closed = await post("member", priceForm(won, {}), wonBid);
    expect(closed.status).toBe(409);
  });

  it("lets each organisation fill in its own ESPD details, and not another's", async () => {
    const fields = {
      intent: "saveDetails",
      streetAddress: "Storgatan 1",
      postalCode: "22221",
      city: "Lund",
      companySize: "micro",
      signatoryName: "Eva",
      signatoryRole: "ordförande",
    };
    expect((await post("eoscares", { ...fields, organisationId: String(ids["erikshjalpen-second-hand-lund"]) })).status).toBe(403);
    const bad = await post("erikshjalpen", { ...fields, postalCode: "2222", organisationId: String(ids["erikshjalpen-second-hand-lund"]) });
    expect(bad.status).toBe(400);
    expect(messagesOf(bad)).toEqual({ postalCode: [{ key: "form.postalCode" }] });
    expect(typedOf(bad)).toMatchObject({ streetAddress: "Storgatan 1", postalCode: "2222" });
    expect((await post("erikshjalpen", { ...fields, organisationId: String(ids["erikshjalpen-second-hand-lund"]) })).status).toBe(302);
    const saved = await db
      .selectFrom("organisation_tender_details")
      .selectAll()
      .where("organisation_id", "=", ids["erikshjalpen-second-hand-lund"])
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ street_address: "Storgatan 1", postal_code: "222 21", company_size: "micro" });
  });
});

describe("the agreement", () => {
  it("is frozen at submission: later changes to a member's details do not alter what was submitted", async () => {
    const before = (await agreementLoader(args(getRequest(`/bids/${wonBid}/agreement`, cookies.member), wonBid))) as Awaited<
      ReturnType<typeof agreementLoader>
    >;
    expect(before.frozenAt).not.toBeNull();
    await db.updateTable("organisation_tender_details").set({ signatory_name: "Someone Else" }).where("organisation_id", "=", ids["eoscares"]).execute();
    const after = (await agreementLoader(args(getRequest(`/bids/${wonBid}/agreement`, cookies.member), wonBid))) as Awaited<ReturnType<typeof agreementLoader>>;
    expect(after.content).toEqual(before.content);
    expect(after.content.parties.find((x) => x.organisationId === ids["eoscares"])!.signatoryName).toBe("Elin Eos");
    // The open bid's draft follows the details as they are.
    const draft = (await agreementLoader(args(getRequest(`/bids/${plannedBid}/agreement`, cookies.member), plannedBid))) as Awaited<
      ReturnType<typeof agreementLoader>
    >;
    expect(draft.frozenAt).toBeNull();
    expect(draft.content.parties.find((x) => x.organisationId === ids["eoscares"])!.signatoryName).toBe("Someone Else");
  });

  it("names the parties, the lead, each one's deliveries and the takeover order from the plan", async () => {
    const { content } = (await agreementLoader(args(getRequest(`/bids/${wonBid}/agreement`, cookies.member), wonBid))) as Awaited<
      ReturnType<typeof agreementLoader>
    >;
    expect(content.lead?.name).toBe("Fontänhuset Lund");
    // The lead first, then by name.
    expect(content.parties.map((x) => x.name)).toEqual(["Fontänhuset Lund", "Emmaus Lund", "EosCares"]);
    expect(content.takeover.map((x) => x.name).sort()).toEqual(["Emmaus Lund", "EosCares", "Fontänhuset Lund"]);
    expect(content.deliveries.reduce((s, d) => s + d.units, 0)).toBeGreaterThan(0);
    expect(content.request.reserved).toBe(true);
    expect(content.groupName).toBe("Salladskonsortiet Lund");
  });

  it("answers a malformed bid id with 404, never 500", async () => {
    const answer = await responseOf(() => tenderLoader({ request: getRequest("/bids/x/tender", cookies.member), params: { id: "x" }, context: {} }));
    expect((answer as Response).status).toBe(404);
  });
});
