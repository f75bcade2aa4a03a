/**
 * The tender in Chromium on the demo network: the lead sets a price without JavaScript (a bad one
 * is refused next to its field, with what was typed kept), the figures follow in the page's
 * language; the pack downloads; the buyer records an award, and the request shows it. Axe, a
 * 390-px phone and English on the new pages.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { openDatabase } from "../../db/client.server";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();
let plannedBid: number;
let wonBid: number;
let rfi: number;

beforeAll(async () => {
  const db = openDatabase(suite.server.database);
  try {
    const bids = await db
      .selectFrom("joint_bid as b")
      .innerJoin("request as r", "r.id", "b.request_id")
      .select(["b.id", "b.status", "r.title"])
      .where("b.is_example", "=", true)
      .execute();
    plannedBid = bids.find((b) => b.title === "Sallader till kommunens verksamheter, andra perioden")!.id;
    wonBid = bids.find((b) => b.title === "Sallader till kommunens verksamheter" && b.status === "won")!.id;
    rfi = (await db.selectFrom("request").select("id").where("title", "like", "Informationsförfrågan%").executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
});

async function signedIn(email: string, options: { javaScriptEnabled?: boolean; locale?: string } = {}) {
  const context = await newContext(suite.browser, suite.server.baseUrl, options);
  const page = await context.newPage();
  const { errors } = watchPageErrors(page);
  await logIn(page, email);
  return { page, errors, close: () => context.close() };
}

/** Text as a reader sees it: the no-break spaces Intl puts in numbers read as spaces. */
const text = async (locator: { textContent(): Promise<string | null> }) => ((await locator.textContent()) ?? "").replace(/[\u00a0\u202f]/g, " ");

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${page.url()}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("prices without JavaScript", () => {
  test("a bad price is refused next to its field with what was typed kept; a good one is saved and the figures follow", async () => {
    const lead = await signedIn("member@example.org", { javaScriptEnabled: false });
    const { page } = lead;
    await page.goto(`/bids/${plannedBid}/tender`);
    const stadshuset = page.getByRole("group", { name: "Sallad, dagens – Stadshuset", exact: true });
    const price = stadshuset.getByRole("textbox", { name: sv["tender.form.price"] });
    await price.fill("-65,50");
    await page.getByRole("button", { name: sv["tender.form.savePrices"] }).click();
    await page.getByRole("alert").filter({ hasText: sv["form.errorSummary"] }).waitFor();
    expect(await price.inputValue()).toBe("-65,50");
    expect(await price.getAttribute("aria-invalid")).toBe("true");
    expect(await stadshuset.textContent()).toContain(sv["form.positiveAmount"]);
    // The price that was stored is unchanged.
    await page.goto(`/bids/${plannedBid}/tender`);
    expect(await price.inputValue()).toBe("62,50");

    await price.fill("64,00");
    await page.getByRole("button", { name: sv["tender.form.savePrices"] }).click();
    await page.getByRole("status").filter({ hasText: sv["tender.toast.prices"] }).waitFor();
    const prices = page.getByRole("table", { name: sv["tender.prices"], exact: true });
    const row = prices.getByRole("row", { name: /Stadshuset/ });
    expect(await text(row)).toContain("64,00 kr");
    // 120 portions at 64 kr, 12 % VAT: 7 680 + 921,60 = 8 601,60 kr per delivery.
    expect(await text(row)).toContain("8 601,60 kr inkl. moms (7 680,00 kr + moms 921,60 kr)");
    const months = page.getByRole("table", { name: sv["tender.months"], exact: true });
    expect(await text(months.getByRole("row", { name: new RegExp(sv["tender.total"]) }))).toMatch(/\d kr/);
    expect(lead.errors).toEqual([]);
    await lead.close();
  });
});

describe("the tender's pages", () => {
  test("work on a 390-px phone without sideways scrolling, and axe finds nothing serious on them", async () => {
    const lead = await signedIn("member@example.org");
    const { page } = lead;
    const violations: string[] = [];
    for (const path of [`/bids/${plannedBid}/tender`, `/bids/${wonBid}/tender`, `/bids/${wonBid}/agreement`]) {
      await page.setViewportSize({ width: 1280, height: 900 });
      expect((await page.goto(path))?.status()).toBe(200);
      await waitForHydration(page);
      violations.push(...(await seriousViolations(page)));
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(path);
      await waitForHydration(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
      // On a phone the agreement's wide tables scroll inside their own box, which a keyboard can reach.
      violations.push(...(await seriousViolations(page)));
    }
    expect(violations).toEqual([]);
    expect(lead.errors).toEqual([]);
    await lead.close();
  });

  test("the agreement prints without the site's navigation, and says it is a template; in English on the English page", async () => {
    const lead = await signedIn("member@example.org");
    const { page } = lead;
    await page.goto(`/bids/${wonBid}/agreement`);
    await page.emulateMedia({ media: "print" });
    await page.getByRole("heading", { name: sv["tender.agreement.title"], level: 1 }).waitFor();
    expect(await page.getByRole("navigation").isVisible()).toBe(false);
    expect(await page.getByRole("note").textContent()).toBe(sv["tender.agreement.notice"]);
    expect((await page.pdf({ format: "A4" })).length).toBeGreaterThan(1000);
    await lead.close();

    const english = await signedIn("member@example.org");
    // The language switcher's choice, remembered in its cookie.
    await english.page.context().addCookies([{ name: "lang", value: "en", url: suite.server.baseUrl }]);
    await english.page.goto(`/bids/${wonBid}/agreement`);
    await english.page.getByRole("heading", { name: "Consortium agreement for a joint bid", level: 1 }).waitFor();
    expect(await text(english.page.getByText(/The bid's value for the whole period/))).toMatch(
      /: SEK [\d,]+\.\d\d excluding VAT, SEK [\d,]+\.\d\d including VAT\.$/,
    );
    await english.close();
  });

  test("the lead downloads the tender pack from the page", async () => {
    const lead = await signedIn("member@example.org");
    await lead.page.goto(`/bids/${wonBid}/tender`);
    const [download] = await Promise.all([lead.page.waitForEvent("download"), lead.page.getByRole("link", { name: sv["tender.pack"] }).click()]);
    expect(download.suggestedFilename()).toBe(`tender-pack-bid-${wonBid}.zip`);
    await lead.close();
  });
});

describe("the award", () => {
  test("its page has nothing serious for axe, and fits a phone", async () => {
    const buyer = await signedIn("buyer@example.org");
    const { page } = buyer;
    expect((await page.goto(`/requests/${rfi}/award`))?.status()).toBe(200);
    await waitForHydration(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/requests/${rfi}/award`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(buyer.errors).toEqual([]);
    await buyer.close();
  });

  test("the buyer names the winner without JavaScript, and the request shows the outcome", async () => {
    const buyer = await signedIn("buyer@example.org", { javaScriptEnabled: false });
    const { page } = buyer;
    await page.goto(`/requests/${rfi}`);
    await page.getByRole("link", { name: sv["requests.action.award"] }).click();
    const value = page.getByRole("textbox", { name: sv["award.value"] });
    await value.fill("12 500,5");
    await page.getByRole("button", { name: sv["award.submit"] }).click();
    // No winner chosen: refused at the field, the value kept.
    await page.getByRole("alert").filter({ hasText: sv["form.errorSummary"] }).waitFor();
    expect(await value.inputValue()).toBe("12 500,5");
    await page.getByRole("radio", { name: /Fontänhuset Lund/ }).check();
    await page.getByRole("button", { name: sv["award.submit"] }).click();
    await page.getByRole("status").filter({ hasText: sv["award.toast"] }).waitFor();
    const outcome = page.getByRole("region", { name: sv["award.result"] });
    expect(await text(outcome)).toContain("till Fontänhuset Lund");
    expect(await text(outcome)).toContain("12 500,50 kr");
    // Nothing is left to manage on an awarded request: no empty card of actions.
    expect(await page.getByRole("region", { name: sv["requests.actions"] }).count()).toBe(0);
    await buyer.close();
  });
});
