/**
 * The pilot's report, a published version and the annual report as documents to hand in:
 * printed by Chromium (`page.pdf()`, A4 from the page's own print styles) and read back with
 * PDF.js: a cover with the title, the municipality, the period, the version and the date; a
 * running header and "sida 3 av 11" on every other page; no navigation; no table cut at the
 * page's edge; charts drawn. Each page is kept as an image in test-results/pilot-print/.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { en } from "../../app/locales/en";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration } from "./support/browser";
import { type PdfPage, pdfPages, savePdfPageImages } from "./support/pdf";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();
const outputDir = path.resolve("test-results/pilot-print");

/** The text as read: a word broken at a line's end (at a hyphen, which PDF.js reads as "‐") joined again, lines as spaces. */
const flat = (text: string) =>
  text
    .replace(/\u00ad/g, "")
    .replace(/[-\u2010]\s*\n/g, "")
    .replace(/\s+/g, " ");
/** A heading as printed, soft hyphens and hyphens aside (a heading may break at either). */
const loose = (text: string) => text.replace(/[\u00ad\u2010-]/g, "").replace(/\s+/g, " ");

async function print(page: Page, url: string, name: string): Promise<PdfPage[]> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  await waitForHydration(page);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = await pdfPages(pdf);
  await savePdfPageImages(suite.browser, pdf, outputDir, name);
  return pages;
}

/** A4 portrait, a cover without header or number, then "sida n av N" and the running header on every page, nothing cut at the edges, no menu. */
function expectDocument(pages: PdfPage[], { header, pageNumber, navigation }: { header: string; pageNumber: string; navigation: string[] }) {
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const page of pages) {
    expect(Math.abs(page.width - 595.3), `page ${page.number} width`).toBeLessThan(2);
    expect(Math.abs(page.height - 841.9), `page ${page.number} height`).toBeLessThan(2);
    // Text runs from the left margin to the right one: a table wider than the page would reach past it.
    expect(page.textRight, `page ${page.number} reaches ${page.textRight}`).toBeLessThanOrEqual(page.width - 30);
    expect(page.textLeft, `page ${page.number}`).toBeGreaterThanOrEqual(30);
    for (const item of navigation) expect(flat(page.text), `page ${page.number}: ${item}`).not.toContain(item);
  }
  const total = pages.length;
  expect(flat(pages[0].text)).not.toContain(pageNumber.replace("{page}", "1").replace("{pages}", String(total)));
  for (const page of pages.slice(1)) {
    expect(flat(page.text), `page ${page.number}`).toContain(pageNumber.replace("{page}", String(page.number)).replace("{pages}", String(total)));
    expect(flat(page.text), `page ${page.number}`).toContain(header);
  }
}

const svNavigation = [sv["nav.logout"], sv["nav.menu"], sv["nav.account"], sv["nav.languageSwitch"]];

describe("the reports as documents", () => {
  test("the eight-point report: cover, page numbers, every table whole, charts drawn", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl);
    const page = await context.newPage();
    await logIn(page, "coordinator@example.org");
    const pages = await print(page, "/pilot/report", "pilot-report-sv");
    const cover = flat(pages[0].text);
    for (const text of [
      sv["pilot.report.title"],
      sv["pilot.report.municipality"],
      sv["pilot.report.pilotName"],
      "1 jan. 2023 – 31 dec. 2024",
      sv["pilot.report.draft"],
    ]) {
      expect(cover).toContain(text);
    }
    expectDocument(pages, {
      header: `${sv["pilot.report.title"]} · ${sv["pilot.report.municipality"]}`,
      pageNumber: sv["pilot.report.pageNumber"],
      navigation: svNavigation,
    });
    const all = flat(pages.map((p) => p.text).join("\n"));
    for (let n = 1; n <= 8; n += 1) expect(all).toContain(`${n}. ${sv[`pilot.point.${n}` as keyof typeof sv]}`);
    // The outcome table's last columns, which the first version cut off.
    for (const key of ["pilot.outcome.not_followed_up", "pilot.outcome.workOrStudiesShare", "pilot.outcome.benefitOrAssistanceShare"] as const) {
      expect(loose(all)).toContain(loose(sv[key]));
    }
    expect(all).not.toContain("<5");
    // The outcome chart has bars (the whole pilot's work, studies, not followed up) and says what it leaves out.
    expect(all).toContain(sv["pilot.report.chartHidden"].replace("{mark}", ".."));
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".count-chart svg rect").count()).toBeGreaterThan(0);
    await context.close();
  });

  test("a published version: its number and date on the cover, for anyone", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl);
    const page = await context.newPage();
    const pages = await print(page, "/pilot/reports/1", "pilot-version-1-sv");
    expect(flat(pages[0].text)).toMatch(new RegExp(sv["pilot.report.versionOf"].replace("{version}", "1").replace("{date}", "\\d{1,2} \\S+ \\d{4}")));
    expect(flat(pages[0].text)).toContain("1 jan. 2023 – 31 dec. 2023");
    expectDocument(pages, {
      header: sv["pilot.report.title"],
      pageNumber: sv["pilot.report.pageNumber"],
      navigation: [sv["nav.login"], sv["nav.menu"], sv["nav.languageSwitch"]],
    });
    await context.close();
  });

  test("the annual report: the project's name, cover and numbers, and — for costs not entered", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl);
    const page = await context.newPage();
    await logIn(page, "coordinator@example.org");
    const pages = await print(page, "/reports/2023", "annual-report-2023-sv");
    const cover = flat(pages[0].text);
    for (const text of [sv["annual.title"].replace("{year}", "2023"), sv["annual.project"], sv["pilot.report.municipality"], "1 jan. 2023 – 31 dec. 2023"])
      expect(cover).toContain(text);
    expectDocument(pages, {
      header: `${sv["annual.title"].replace("{year}", "2023")} · ${sv["annual.project"]}`,
      pageNumber: sv["pilot.report.pageNumber"],
      navigation: svNavigation,
    });
    const all = flat(pages.map((p) => p.text).join("\n"));
    expect(all).toContain("—");
    expect(all).not.toMatch(/(^|\s)0 kr/);
    // No section alone on a mostly empty page: a few pages for a few sections.
    expect(pages.length).toBeLessThanOrEqual(4);
    await context.close();
  });

  test("the annual report's year picker works without JavaScript and is not printed", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, "coordinator@example.org");
    await page.goto("/reports/2023");
    await page.getByRole("combobox", { name: sv["annual.year"] }).selectOption("2024");
    await page.getByRole("button", { name: sv["annual.showYear"] }).click();
    await page.waitForURL(/\/reports\/2024$/);
    await page.getByRole("heading", { level: 1, name: sv["annual.title"].replace("{year}", "2024") }).waitFor();
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("combobox", { name: sv["annual.year"] }).isVisible()).toBe(false);
    await context.close();
  });

  test("in English: page numbers, amounts in SEK, the municipality, and no Swedish figures' words", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl);
    const page = await context.newPage();
    await logIn(page, "coordinator@example.org");
    await page.getByRole("button", { name: sv["nav.languageSwitch"] }).first().click();
    await page.getByRole("button", { name: en["nav.languageSwitch"] }).first().waitFor();
    const pages = await print(page, "/pilot/report", "pilot-report-en");
    expectDocument(pages, {
      header: `${en["pilot.report.title"]} · ${en["pilot.report.municipality"]}`,
      pageNumber: en["pilot.report.pageNumber"],
      navigation: [en["nav.logout"], en["nav.menu"], en["nav.account"], en["nav.languageSwitch"]],
    });
    const all = flat(pages.map((p) => p.text).join("\n"));
    expect(all).toMatch(/SEK \d/);
    expect(all).not.toMatch(/\d kr\b/);
    for (const word of ["Kommunen", "Deltagare", "Försörjningsstöd", "Periodens summa", "kr/månad"]) expect(all).not.toContain(word);
    for (const text of [en["pilot.estimate.periodTitle"], en["pilot.unit.sekPerMonth"].replace("{amount}", "20,500"), en["pilot.stakeholder.society"]])
      expect(all).toContain(text);
    await context.close();
  });
});
