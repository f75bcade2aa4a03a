/**
 * Joint bids in Chromium on the demo data: a coordinator starts a joint bid on the salad request
 * with three members, each accepts and confirms, the plan shows coverage and shortfall, the bid is
 * submitted and the buyer sees it; once with JavaScript and once without. Axe on the bid page and
 * the feasibility panel, and the printable summary. A refused confirmation's message at the
 * participant's card, taking the focus, on a desktop and a phone, with and without JavaScript.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { confirmCommitments, updateCommitment } from "../../app/models/joint-bid/commitments.server";
import { respondToInvitation, startJointBid } from "../../app/models/joint-bid/participants.server";
import { weekdaysOf } from "../../app/models/weekdays-and-sites.server";
import { openDatabase, type DB } from "../../db/client.server";
import { seedDemoBid } from "../../seed/demo-bids.server";
import { insertSaladRequest } from "../integration/support/salad-request";
import { launchBrowser, logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;
let browser: Browser;
/** The salad request of the demo, and a later one for the run without JavaScript. */
const requests: number[] = [];
let demoBidId: number;
/** A bid in which Emmaus asks for capacity another bid already holds: its confirmation is refused. */
let refusedBidId: number;

const t = (key: keyof typeof sv, vars: Record<string, string | number> = {}) => sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Without the requests demo (on this branch alone) the salad request and its demo bid are made here.
  const db = openDatabase(server.database);
  try {
    let salad = await db
      .selectFrom("request")
      .select("id")
      .where("title", "like", "Sallad%")
      .where("status", "=", "published")
      .orderBy("id")
      .executeTakeFirst();
    if (!salad) {
      salad = { id: await insertSaladRequest(db) };
      await seedDemoBid(db);
    }
    // Each run bids on a request of its own, in weeks where the demo bid holds no capacity.
    requests.push(
      await insertSaladRequest(db, { title: "Sallader till vinterlägret", startInWeeks: 40 }),
      await insertSaladRequest(db, { title: "Sallader till sommarskolan", startInWeeks: 52 }),
    );
    // The demo's salad bid (the demo also holds a finished, won procurement's bid).
    demoBidId = (
      await db
        .selectFrom("joint_bid")
        .innerJoin("request", "request.id", "joint_bid.request_id")
        .select("joint_bid.id")
        .where("joint_bid.is_example", "=", true)
        .where("request.title", "=", "Sallader till kommunens verksamheter, andra perioden")
        .executeTakeFirstOrThrow()
    ).id;
    refusedBidId = await bidEmmausCannotConfirm(db, await insertSaladRequest(db, { title: "Sallader till höstterminen", startInWeeks: 70 }));
  } finally {
    await db.destroy();
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Two bids on the request, each with all of Emmaus's salads; the first confirmed. Returns the second. */
async function bidEmmausCannotConfirm(db: DB, requestId: number): Promise<number> {
  const id = async (table: "user" | "organisation", column: "email" | "slug", value: string) =>
    (await db.selectFrom(table).select("id").where(column, "=", value).executeTakeFirstOrThrow()).id as string | number;
  const coordinator = { id: String(await id("user", "email", "coordinator@example.org")), roles: ["coordinator" as const] };
  const emmaus = { id: String(await id("user", "email", "emmaus@example.org")), roles: [] };
  const organisationId = Number(await id("organisation", "slug", "emmaus-lund"));
  const bids: number[] = [];
  for (const lead of ["fontanhuset-lund", "eoscares"]) {
    const started = await startJointBid({
      db,
      viewer: coordinator,
      requestId,
      leadOrganisationId: Number(await id("organisation", "slug", lead)),
      inviteOrganisationIds: [organisationId],
    });
    if (!started.ok) throw new Error(started.error.kind);
    await respondToInvitation({ db, viewer: emmaus, bidId: started.bidId, organisationId, accept: true });
    for (const c of await db
      .selectFrom("joint_bid_commitment")
      .selectAll()
      .where("bid_id", "=", started.bidId)
      .where("organisation_id", "=", organisationId)
      .execute()) {
      const weekdays = (await weekdaysOf(db, "joint_bid_commitment", [c.id])).get(c.id)!;
      await updateCommitment({
        db,
        viewer: emmaus,
        bidId: started.bidId,
        organisationId,
        commitmentId: c.id,
        input: { item: c.item, quantity: 25, weekdays, sites: [] },
      });
    }
    bids.push(started.bidId);
  }
  const first = await confirmCommitments({ db, viewer: emmaus, bidId: bids[0], organisationId });
  if (!first.ok) throw new Error(first.error.kind);
  return bids[1];
}

async function signedIn(email: string, javaScriptEnabled: boolean): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await newContext(browser, server.baseUrl, { javaScriptEnabled });
  const page = await context.newPage();
  const { errors } = watchPageErrors(page);
  await logIn(page, email);
  return { page, errors, close: () => context.close() };
}

async function seeToast(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole("status").filter({ hasText: text }).waitFor();
}

describe.each([
  { javaScript: "enabled", javaScriptEnabled: true, request: 0 },
  { javaScript: "disabled", javaScriptEnabled: false, request: 1 },
])("a joint bid with JavaScript $javaScript", ({ javaScriptEnabled, request }) => {
  test("coordinator starts it with three members, each confirms, the plan shows coverage and shortfall, the buyer sees it submitted", async () => {
    const ready = (page: Page) => waitForHydration(page, javaScriptEnabled);
    const coordinator = await signedIn("coordinator@example.org", javaScriptEnabled);
    const page = coordinator.page;
    await page.goto(`/bids/new?request=${requests[request]}`);
    await ready(page);
    await page.getByRole("heading", { name: sv["feasibility.title"] }).waitFor();
    expect(await page.getByText(/kan nätverket täcka [\d,]+ % av behovet/).count()).toBe(1);
    for (const name of ["Fontänhuset Lund", "EosCares", "Emmaus Lund"]) await page.getByRole("checkbox", { name, exact: true }).check();
    await page.getByRole("button", { name: sv["bids.new.submit"] }).click();
    await seeToast(page, sv["bids.toast.started"]);
    const bidPath = new URL(page.url()).pathname;
    expect(bidPath).toMatch(/^\/bids\/\d+$/);

    for (const email of ["member@example.org", "eoscares@example.org", "emmaus@example.org"]) {
      const member = await signedIn(email, javaScriptEnabled);
      await member.page.goto(bidPath);
      await ready(member.page);
      await member.page.getByRole("button", { name: sv["bids.accept"] }).click();
      await seeToast(member.page, sv["bids.toast.accepted"]);
      await ready(member.page);
      await member.page.getByRole("button", { name: sv["bids.confirm"] }).click();
      await seeToast(member.page, sv["bids.toast.confirmed"]);
      expect(member.errors).toEqual([]);
      await member.close();
    }

    await page.goto(bidPath);
    await ready(page);
    expect(await page.getByText(sv["bids.status.committed"], { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: sv["bids.plan.run"], exact: true }).click();
    await seeToast(page, /Planen är gjord/);
    const coverage = await page.getByText(/^Täckning: [\d,]+ %$/).textContent();
    const percent = Number(coverage!.replace(/[^\d,]/g, "").replace(",", "."));
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    expect(await page.getByTestId("shortfall").getByRole("listitem").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("shortfall").textContent()).toMatch(/(Måndagar|Tisdagar|Onsdagar|Torsdagar) på \S+/);
    const load = page.getByRole("table", { name: sv["bids.load"], exact: true });
    expect(await load.getByRole("row").count()).toBeGreaterThanOrEqual(2);
    expect(await load.textContent()).toContain("Emmaus Lund");

    await ready(page);
    await page.getByRole("button", { name: sv["bids.submit"] }).click();
    await seeToast(page, sv["bids.toast.submit"]);
    expect(await page.getByText(sv["bids.status.submitted"], { exact: true }).count()).toBeGreaterThan(0);
    expect(coordinator.errors).toEqual([]);
    await coordinator.close();

    const buyer = await signedIn("buyer@example.org", javaScriptEnabled);
    await buyer.page.goto("/bids");
    await buyer.page
      .getByRole("link", { name: /Sallad/ })
      .first()
      .waitFor();
    const response = await buyer.page.goto(bidPath);
    expect(response?.status()).toBe(200);
    expect(await buyer.page.getByText(sv["bids.status.submitted"], { exact: true }).count()).toBeGreaterThan(0);
    expect(await buyer.page.getByRole("button", { name: sv["bids.plan.run"] }).count()).toBe(0);
    expect(buyer.errors).toEqual([]);
    await buyer.close();
  });
});

describe.each([
  { javaScript: "enabled", javaScriptEnabled: true },
  { javaScript: "disabled", javaScriptEnabled: false },
])("a refused confirmation with JavaScript $javaScript", ({ javaScriptEnabled }) => {
  test.each([
    { device: "desktop", width: 1280, height: 900 },
    { device: "phone", width: 390, height: 844 },
  ])("shows its message at the participant's card, with the focus, on a $device", async ({ width, height }) => {
    const emmaus = await signedIn("emmaus@example.org", javaScriptEnabled);
    const page = emmaus.page;
    await page.setViewportSize({ width, height });
    await page.goto(`/bids/${refusedBidId}`);
    await waitForHydration(page, javaScriptEnabled);
    const card = page.getByRole("article", { name: "Emmaus Lund" });
    await card.getByRole("button", { name: sv["bids.confirm"] }).click();
    const message = card.getByRole("alert");
    await message.waitFor();
    expect(await message.textContent()).toContain("Emmaus Lund");
    // It has the focus, so the browser has brought it into view, and it is the only message on the page.
    await expect.poll(() => message.evaluate((element) => element === document.activeElement)).toBe(true);
    await expect
      .poll(() =>
        message.evaluate((element) => {
          const box = element.getBoundingClientRect();
          return box.top >= 0 && box.top < window.innerHeight;
        }),
      )
      .toBe(true);
    expect(await page.getByRole("alert").filter({ hasText: "Emmaus Lund" }).count()).toBe(1);
    expect(emmaus.errors).toEqual([]);
    await emmaus.close();
  });
});

describe("the demo bid", () => {
  async function demoBidPath(page: Page): Promise<string> {
    const path = `/bids/${demoBidId}`;
    await page.goto("/bids");
    await page.locator(`a[href="${path}"]`).waitFor();
    await page.goto(path);
    return path;
  }

  test("names the participant that is not eligible, and axe finds nothing serious on it or the feasibility panel", async () => {
    const lead = await signedIn("member@example.org", true);
    const path = await demoBidPath(lead.page);
    await waitForHydration(lead.page);
    await lead.page
      .getByText(/Erikshjälpen Second Hand Lund hindrar anbudet/)
      .first()
      .waitFor();
    expect(await lead.page.getByText(sv["bids.eligibility.blocksSubmit"]).count()).toBe(1);
    await lead.page.getByRole("heading", { name: sv["feasibility.title"] }).waitFor();
    for (const target of [path, `/bids/new?request=${requests[0]}`]) {
      await lead.page.goto(target);
      await waitForHydration(lead.page);
      const result = await new AxeBuilder({ page: lead.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${target}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
    // No horizontal overflow on a phone.
    await lead.page.setViewportSize({ width: 390, height: 800 });
    await lead.page.goto(path);
    expect(await lead.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(lead.errors).toEqual([]);
    await lead.close();
  });

  test("prints a summary with the consortium, organisation numbers, eligibility and coverage", async () => {
    const lead = await signedIn("member@example.org", true);
    const path = await demoBidPath(lead.page);
    await lead.page.goto(`${path}/summary`);
    await lead.page.emulateMedia({ media: "print" });
    await lead.page.getByRole("heading", { name: sv["bids.summary"] }).waitFor();
    expect(await lead.page.getByRole("navigation").isVisible()).toBe(false);
    const consortium = lead.page.getByRole("region", { name: sv["bids.summary.consortium"] });
    expect(await consortium.getByRole("row").count()).toBe(4);
    expect(await consortium.textContent()).toMatch(/\d{6}-\d{4}/);
    expect(await lead.page.getByText(/^Täckning: [\d,]+ %$/).isVisible()).toBe(true);
    expect(await lead.page.getByRole("table", { name: sv["bids.allocations"] }).isVisible()).toBe(true);
    const csv = await lead.page.request.get(`${path}/allocations.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const json = await lead.page.request.get(`${path}/export.json`);
    expect(json.status()).toBe(200);
    expect(Object.keys(await json.json())).toEqual(["bid", "input", "plan"]);
    const pdf = await lead.page.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(1000);
    expect(t("bids.summary")).toBe(sv["bids.summary"]);
    expect(lead.errors).toEqual([]);
    await lead.close();
  });
});
