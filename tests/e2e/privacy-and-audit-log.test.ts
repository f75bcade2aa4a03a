/**
 * The privacy features and the audit log as people meet them in the browser. /account links to the
 * export, the sign-ins with "log out everywhere", account deletion and the privacy statement; the
 * sign-ins are counted with the language's plural ("på 1 ställe", "på 2 ställen"); the export holds
 * what the person wrote (the organisation's texts, offerings and capacity). Coordinators read the
 * audit log as sentences with their time, filter it by organisation and kind, and page through it;
 * on a 390 px phone every sentence is whole, with and without JavaScript, and axe finds nothing
 * serious.
 */
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { formatNumber } from "../../app/utils/i18n";
import { listAuditLog } from "../../app/models/audit-log.server";
import { auditSentence } from "../../app/utils/audit-text.server";
import { serverTranslator } from "../../app/utils/messages.server";
import { type DB, openDatabase } from "../../db/client.server";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();
let db: DB;
const t = serverTranslator("sv");

beforeAll(() => {
  db = openDatabase(suite.server.database);
});
afterAll(async () => {
  await db?.destroy();
});

async function signedIn(email: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  if (options.width) await page.setViewportSize({ width: options.width, height: 844 });
  await logIn(page, email);
  return page;
}

/** "på 1 ställe", "på 2 ställen": the count's plural form chosen by Intl.PluralRules, apart from the app's own choice. */
function sessionsLine(count: number): string {
  const form = new Intl.PluralRules("sv-SE").select(count) === "one" ? "one" : "other";
  return sv[`security.sessionsCount.${form}`].replace("{count}", formatNumber("sv", count));
}

describe("the account page", () => {
  test("links to the export, the sign-ins, account deletion and the privacy statement; the sign-ins are counted in Swedish plural", async () => {
    const page = await signedIn("member@example.org");
    const other = await signedIn("member@example.org");
    const { errors } = watchPageErrors(page);
    await page.goto("/account");
    await waitForHydration(page);
    const privacy = page.getByRole("region", { name: sv["account.privacySection"] });
    expect(await privacy.getByRole("link", { name: sv["account.exportLink"], exact: true }).getAttribute("href")).toBe("/account/export");
    expect(await privacy.getByRole("link", { name: sv["account.deleteLink"], exact: true }).getAttribute("href")).toBe("/account/delete");
    expect(await privacy.getByRole("link", { name: sv["account.privacyLink"], exact: true }).getAttribute("href")).toBe("/privacy");

    const member = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
    const live = async () =>
      (await db.selectFrom("session").select("id").where("user_id", "=", member.id).where("expires_at", ">", new Date().toISOString()).execute()).length;
    await privacy.getByRole("link", { name: sv["account.sessionsLink"], exact: true }).click();
    const signedInAt = await live();
    expect(signedInAt).toBeGreaterThanOrEqual(2);
    await page.getByText(sessionsLine(signedInAt), { exact: true }).waitFor();

    // "Log out everywhere" ends the other browser's session too; signed in again, one place is counted in the singular.
    await waitForHydration(page);
    await page.getByRole("button", { name: sv["security.logoutEverywhere"], exact: true }).click();
    await page.getByText(sv["security.loggedOutEverywhere"], { exact: true }).waitFor();
    expect(await live()).toBe(0);
    await other.goto("/account");
    expect(new URL(other.url()).pathname).toBe("/login");
    await logIn(page, "member@example.org");
    await page.goto("/account/sessions");
    expect(sessionsLine(1)).toContain("på 1 ställe ");
    await page.getByText(sessionsLine(1), { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await other.context().close();
    await page.context().close();
  });

  test("exports what the person wrote: the organisation's texts, its offerings and their capacity, as stored", async () => {
    const page = await signedIn("member@example.org");
    await page.goto("/account");
    await waitForHydration(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: sv["account.exportLink"], exact: true }).click()]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as {
      organisations: { name: string; description: string; offerings: { title: string; description: string; capacity: { quantity: number }[] }[] }[];
    };
    const organisation = await db
      .selectFrom("organisation")
      .select(["id", "name", "description"])
      .where("slug", "=", "fontanhuset-lund")
      .executeTakeFirstOrThrow();
    const written = exported.organisations.find((o) => o.name === organisation.name);
    expect(written?.description).toBe(organisation.description);
    const offerings = await db.selectFrom("offering").select(["id", "title", "description"]).where("organisation_id", "=", organisation.id).execute();
    expect(offerings.length).toBeGreaterThan(0);
    expect(written!.offerings.map((o) => o.title).sort()).toEqual(offerings.map((o) => o.title).sort());
    for (const offering of offerings) {
      const lines = await db.selectFrom("capacity_line").select("quantity").where("offering_id", "=", offering.id).execute();
      const exportedOffering = written!.offerings.find((o) => o.title === offering.title)!;
      expect(exportedOffering.description).toBe(offering.description);
      expect(exportedOffering.capacity.map((c) => c.quantity).sort()).toEqual(lines.map((l) => l.quantity).sort());
    }
    await page.context().close();
  });
});

/** What the audit log page shows: the count, and each entry's time and sentence. */
async function shownEntries(page: Page): Promise<{ count: string; entries: { time: string; sentence: string }[] }> {
  const count =
    (await page
      .getByRole("status")
      .filter({ hasText: /ändring/ })
      .first()
      .textContent()) ?? "";
  const list = page.getByRole("list", { name: sv["security.auditEntries"] });
  const entries = await list
    .getByRole("listitem")
    .evaluateAll((items) =>
      items.map((li) => ({ time: li.querySelector("time")?.getAttribute("datetime") ?? "", sentence: (li.lastElementChild?.textContent ?? "").trim() })),
    );
  return { count, entries };
}

describe("the audit log", () => {
  test("reads as sentences with their time, filters by organisation and kind, and pages by fifty", async () => {
    const page = await signedIn("coordinator@example.org");
    await page.goto("/coordinator/audit");
    await waitForHydration(page);
    const all = await db.selectFrom("audit_log").select(["id", "at", "organisation_id", "entity"]).orderBy("at", "desc").orderBy("id", "desc").execute();
    expect(all.length).toBeGreaterThan(50);
    const first = await shownEntries(page);
    expect(first.count).toBe(t("security.auditCount.other", { count: formatNumber("sv", all.length) }));
    expect(first.entries.map((e) => e.time)).toEqual(all.slice(0, 50).map((e) => e.at));
    for (const entry of first.entries) {
      expect(entry.sentence, "a sentence, not a raw key").not.toMatch(
        /status\.|\b(organisation|bid|account|request|membership|role) [0-9a-f-]+:|\{|security\.audit/,
      );
      expect(entry.sentence).toMatch(/^\p{Lu}/u);
    }

    await page.getByRole("link", { name: sv["pagination.next"] }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    // With JavaScript the address changes before React has drawn the new page: read until it has.
    const shownTimes = async () => (await shownEntries(page)).entries.map((e) => e.time);
    await expect.poll(shownTimes, { timeout: 10_000 }).toEqual(all.slice(50, 100).map((e) => e.at));

    // Filtered by organisation and kind: exactly the entries the table holds for them.
    const fontanhuset = await db.selectFrom("organisation").select("id").where("name", "=", "Fontänhuset Lund").executeTakeFirstOrThrow();
    await page.goto("/coordinator/audit");
    await waitForHydration(page);
    const filters = page.getByRole("form", { name: sv["security.auditFilters"] });
    await filters.getByRole("combobox", { name: sv["security.auditFilterOrganisation"] }).selectOption({ label: "Fontänhuset Lund" });
    await filters.getByRole("combobox", { name: sv["security.auditFilterKind"] }).selectOption(sv["security.auditKind.organisation"]);
    await filters.getByRole("button", { name: sv["security.auditFilterApply"], exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("kind") === "organisation");
    const expected = all.filter((e) => e.organisation_id === fontanhuset.id && e.entity === "organisation");
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(shownTimes, { timeout: 10_000 }).toEqual(expected.slice(0, 50).map((e) => e.at));
    const filtered = await shownEntries(page);
    for (const entry of filtered.entries) expect(entry.sentence).toContain("Fontänhuset Lund");
    await page.context().close();
  });

  test.each([{ javaScriptEnabled: true }, { javaScriptEnabled: false }])(
    "on a 390 px phone shows each sentence whole, without sideways scrolling (JavaScript $javaScriptEnabled); axe finds nothing serious",
    async ({ javaScriptEnabled }) => {
      const page = await signedIn("coordinator@example.org", { javaScriptEnabled, width: 390 });
      await page.goto("/coordinator/audit");
      await waitForHydration(page, javaScriptEnabled);
      // The newest sentences, written by the app's own sentence rule from the log: each is on the
      // page, whole within the phone's width, in no box that scrolls sideways or cuts it off.
      const { entries } = await listAuditLog({ db, page: 1, pageSize: 5 });
      for (const entry of entries) {
        const sentence = auditSentence("sv", entry);
        const where = await page
          .getByText(sentence, { exact: true })
          .first()
          .evaluate((el) => {
            const width = document.documentElement.clientWidth;
            let clipped = false;
            for (let box: Element | null = el; box; box = box.parentElement) {
              if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible") clipped = true;
            }
            return { right: Math.round(el.getBoundingClientRect().right), width, clipped };
          });
        expect(where.right, `“${sentence}” ends within the phone`).toBeLessThanOrEqual(where.width);
        expect(where.clipped, `“${sentence}” is in a box that scrolls sideways`).toBe(false);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      // axe runs in the page, so it checks the page with JavaScript; without, the same server-written markup is laid out.
      if (javaScriptEnabled) {
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
      }
      await page.context().close();
    },
  );
});
