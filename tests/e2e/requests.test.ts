/**
 * The request core flow in Chromium: a buyer posts the salad request with three demand lines and
 * publishes it, two members respond, a question is asked and answered, and the buyer sees the
 * coverage in words and downloads the CSV. Once with JavaScript and once without. Then axe and
 * no horizontal scrolling at 390 px on the pages in the states the flows left them in.
 */
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

const t = (key: keyof typeof sv, vars: Record<string, string | number> = {}) => sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const lines = [
  { item: "Sallad, dagens", quantity: "120", site: "Stadshuset", days: ["måndag", "tisdag", "onsdag", "torsdag"] },
  { item: "Sallad, vegetarisk", quantity: "60", site: "Kristallen", days: ["måndag", "tisdag", "onsdag", "torsdag"] },
  { item: "Sallad, dagens", quantity: "40", site: "Brunnshög", days: ["måndag", "onsdag"] },
];

async function as(email: string, javaScriptEnabled: boolean) {
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled });
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await logIn(page, email);
  return { context, page, errors, ready: () => waitForHydration(page, javaScriptEnabled) };
}

async function respond(page: Page, ready: () => Promise<void>, path: string, interest: string, capacities: Record<string, string>, message: string) {
  await page.goto(path);
  await ready();
  const region = page.getByRole("region", { name: sv["requests.response"], exact: true });
  await region.getByRole("radio", { name: interest, exact: true }).check();
  for (const [site, quantity] of Object.entries(capacities)) {
    await region.getByRole("textbox", { name: new RegExp(`${site} \\(behov`) }).fill(quantity);
  }
  await region.getByRole("textbox", { name: sv["requests.response.message"] }).fill(message);
  await region.getByRole("button", { name: sv["requests.response.save"], exact: true }).click();
  await page.getByText(sv["requests.response.saved"], { exact: true }).waitFor();
}

describe.each([
  { javaScript: "enabled", javaScriptEnabled: true },
  { javaScript: "disabled", javaScriptEnabled: false },
])("request core flow with JavaScript $javaScript", ({ javaScript, javaScriptEnabled }) => {
  test("post, publish, two responses, a question answered, coverage and CSV", async () => {
    const title = `Sallader till kommunens verksamheter (${javaScript})`;
    const buyer = await as("buyer@example.org", javaScriptEnabled);
    const { page } = buyer;

    await page.goto("/requests");
    await buyer.ready();
    await page.getByRole("link", { name: sv["requests.new"], exact: true }).click();
    await page.getByRole("heading", { name: sv["requests.newTitle"], level: 1 }).waitFor();
    await buyer.ready();
    await page.getByRole("combobox", { name: sv["requests.form.kind"] }).selectOption("reserved");
    await page.getByRole("textbox", { name: sv["requests.form.title"] }).fill(title);
    await page.getByRole("textbox", { name: sv["requests.form.description"] }).fill("Dagens sallad måndag till torsdag.");
    await page.getByRole("combobox", { name: sv["requests.form.cpv"] }).fill("55520000-1 Catering");
    await page.getByLabel(sv["requests.form.periodFrom"]).fill(day(40));
    await page.getByLabel(sv["requests.form.periodTo"]).fill(day(200));
    await page.getByLabel(sv["requests.form.deadlineDate"]).fill(day(14));
    await page.getByLabel(sv["requests.form.deadlineTime"]).fill("12:00");
    for (const [i, line] of lines.entries()) {
      const row = page.getByRole("group", { name: t("requests.form.line", { n: i + 1 }), exact: true });
      await row.getByRole("textbox", { name: sv["requests.form.item"] }).fill(line.item);
      await row.getByRole("textbox", { name: sv["requests.form.quantity"] }).fill(line.quantity);
      await row.getByRole("textbox", { name: sv["requests.form.site"] }).fill(line.site);
      for (const d of line.days) await row.getByRole("checkbox", { name: d, exact: true }).check();
    }
    // Each demand line a lot of its own: a plain checkbox, sent with the form.
    await page.getByRole("checkbox", { name: sv["requests.form.linesAreLots"] }).check();
    await page.getByRole("button", { name: sv["requests.form.saveDraft"], exact: true }).click();
    await page.getByText(sv["requests.saved"], { exact: true }).waitFor();
    await page.getByText(sv["requests.linesAreLots"], { exact: true }).waitFor();
    const path = new URL(page.url()).pathname;
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    await buyer.ready();
    await page.getByRole("button", { name: sv["requests.action.publish"], exact: true }).click();
    await page.getByText(t("requests.statusChanged", { status: sv["requests.status.published"] }), { exact: true }).waitFor();
    expect(await page.getByTestId("time-left").textContent()).toMatch(/^1[34] d /);
    expect(await page.getByRole("table").first().getByRole("row").count()).toBe(4);

    const member = await as("member@example.org", javaScriptEnabled);
    await respond(member.page, member.ready, path, sv["requests.interest.yes"], { Stadshuset: "60", Brunnshög: "40" }, "Vi lagar i vårt kök.");
    // A question in the public thread.
    await member.ready();
    const qa = member.page.getByRole("region", { name: sv["requests.qa"], exact: true });
    await qa.getByRole("textbox", { name: sv["requests.qa.question"] }).fill("Ska salladerna vara vegetariska?");
    await qa.getByRole("button", { name: sv["requests.qa.ask"], exact: true }).click();
    await member.page.getByText(sv["requests.qa.asked"], { exact: true }).waitFor();

    const eos = await as("eoscares@example.org", javaScriptEnabled);
    await respond(eos.page, eos.ready, path, sv["requests.interest.maybe"], { Stadshuset: "36", Kristallen: "60" }, "=1+1 är vårt motto");
    // A competitor's response is not visible to another member.
    await member.page.goto(path);
    expect(await member.page.getByText("=1+1 är vårt motto").count()).toBe(0);

    // The buyer answers; a visitor sees the answer.
    await page.goto(path);
    await buyer.ready();
    const thread = page.getByRole("region", { name: sv["requests.qa"], exact: true });
    await thread.getByRole("textbox", { name: sv["requests.qa.answerLabel"] }).fill("Minst hälften vegetariska.");
    await thread.getByRole("button", { name: sv["requests.qa.answerSubmit"], exact: true }).click();
    await page.getByText(sv["requests.qa.answered"], { exact: true }).waitFor();
    const visitor = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled });
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(path);
    await visitorPage.getByText("Minst hälften vegetariska.", { exact: true }).waitFor();
    expect(await visitorPage.getByText("Vi lagar i vårt kök.").count()).toBe(0);
    await visitor.close();

    // Coverage in words, Ja and Kanske apart: Stadshuset 60 of 120 with Ja (50 %), 96 with Kanske
    // too (80 %) Monday–Thursday; Kristallen only by a Kanske.
    const coverage = page.getByRole("region", { name: sv["requests.coverage"], exact: true });
    await coverage.getByText(t("requests.coverage.answers", { yes: 1, maybe: 1, no: 0 }), { exact: true }).waitFor();
    await coverage.getByText(t("requests.coverage.slot", { percent: 50, maybePercent: 80, weekday: "måndag", site: "Stadshuset" }), { exact: true }).waitFor();
    await coverage.getByText(t("requests.coverage.slot", { percent: 0, maybePercent: 100, weekday: "tisdag", site: "Kristallen" }), { exact: true }).waitFor();
    const responses = page.getByRole("region", { name: t("requests.responses", { count: 2 }), exact: true });
    expect(await responses.getByRole("row").count()).toBe(3);

    const downloadPromise = page.waitForEvent("download");
    await responses.getByRole("link", { name: sv["requests.csv"] }).click();
    const download = await downloadPromise;
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString("utf8");
    expect(text).toContain("Fontänhuset Lund;");
    expect(text).toContain("EosCares;");
    expect(text).toContain("'=1+1 är vårt motto");
    // Swedish Excel's separator, and each respondent's eligibility for the reserved procurement.
    expect(text.split("\r\n")[0].split(";")).toContain(sv["requests.responses.eligibility"]);

    // Closing for responses asks first, like cancelling, and is not the page's main button.
    await page.goto(path);
    await buyer.ready();
    expect(await page.getByRole("button", { name: sv["requests.action.close"], exact: true }).count()).toBe(0);
    await page.getByRole("link", { name: sv["requests.action.close"], exact: true }).click();
    const question = page.getByRole("alertdialog").filter({ hasText: sv["requests.action.closeConfirm"] });
    await question.waitFor();
    const confirmClose = question.getByRole("button", { name: sv["requests.action.close"], exact: true });
    await expect.poll(() => confirmClose.evaluate((button) => button === document.activeElement)).toBe(true);
    await confirmClose.click();
    await page.getByText(t("requests.statusChanged", { status: sv["requests.status.closed"] }), { exact: true }).waitFor();

    for (const s of [buyer, member, eos]) expect(s.errors.errors).toEqual([]);
    await Promise.all([buyer.context.close(), member.context.close(), eos.context.close()]);
  });
});

describe("request pages: axe and phones", () => {
  // Every page as it first opens is checked by tests/e2e/every-page.test.ts; these are the states
  // the flows above made (a request with responses, questions and amendments) and the list's filters.
  test("the request pages after the flows are axe clean and fit 390 px", async () => {
    const buyer = await as("buyer@example.org", true);
    const member = await as("member@example.org", true);
    const visitorContext = await newContext(suite.browser, suite.server.baseUrl);
    const visitor = await visitorContext.newPage();
    await buyer.page.goto("/requests?q=sallader");
    const salad = await buyer.page
      .getByRole("link", { name: "Sallader till kommunens verksamheter, andra perioden", exact: true })
      .first()
      .getAttribute("href");
    const pages: [Page, string][] = [
      [visitor, "/requests?state=closed"],
      [visitor, salad!],
      [member.page, "/requests?matching=1"],
      [member.page, salad!],
      [buyer.page, salad!],
      [buyer.page, `${salad}/edit`],
    ];
    const problems: string[] = [];
    for (const [page, path] of pages) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await waitForHydration(page);
        if (width === 1280) {
          const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
          for (const v of results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
            problems.push(
              `${path}: ${v.id} ${v.nodes
                .map((n) => n.target.join(" "))
                .slice(0, 3)
                .join(" | ")}`,
            );
          }
        } else {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`${path}: ${overflow}px wider than 390`);
          // On a phone the wide tables scroll sideways: each scrolling box must take the keyboard's focus.
          const scrolling = await new AxeBuilder({ page }).withRules(["scrollable-region-focusable"]).analyze();
          for (const v of scrolling.violations)
            problems.push(
              `${path} at 390 px: ${v.id} ${v.nodes
                .map((n) => n.target.join(" "))
                .slice(0, 3)
                .join(" | ")}`,
            );
        }
      }
    }
    expect(problems).toEqual([]);
    expect([...buyer.errors.errors, ...member.errors.errors]).toEqual([]);
    await Promise.all([buyer.context.close(), member.context.close(), visitorContext.close()]);
    // Eleven pages at two widths with axe: about two minutes on a busy two-core machine.
  }, 360_000);
});
