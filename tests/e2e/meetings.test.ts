/**
 * Network meetings in Chromium: a coordinator creates a meeting with an agenda and one place, two
 * members register (the second goes on the waitlist), the first cancels and the second is
 * promoted; once with JavaScript and once without. Then axe and a 390 px phone width on every
 * meeting page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { addCalendarDays, stockholmDate } from "../../app/domain/meeting-time";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

const t = (key: keyof typeof sv, vars: Record<string, string | number> = {}) => sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

async function signedIn(email: string, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled });
  const page = await context.newPage();
  const { errors } = watchPageErrors(page);
  await logIn(page, email);
  return { context, page, errors };
}

describe.each([
  { javaScript: "enabled", javaScriptEnabled: true, title: "Nätverksmöte med en plats", days: 30 },
  { javaScript: "disabled", javaScriptEnabled: false, title: "Nätverksmöte utan JavaScript", days: 31 },
])("meeting registration with JavaScript $javaScript", ({ javaScriptEnabled, title, days }) => {
  test("create with an agenda, two register for one place, one cancels, the waitlisted one is promoted", async () => {
    const ready = (page: Page) => waitForHydration(page, javaScriptEnabled);
    const coordinator = await signedIn("coordinator@example.org", javaScriptEnabled);
    const date = addCalendarDays(stockholmDate(new Date()), days);

    // The coordinator's first try has the end before the start: told so, nothing lost.
    let page = coordinator.page;
    await page.goto("/meetings/new");
    await ready(page);
    await page.locator('input[name="title"]').fill(title);
    await page.locator('input[name="startsAt"]').fill(`${date}T10:00`);
    await page.locator('input[name="endsAt"]').fill(`${date}T09:00`);
    await page.locator('input[name="registrationDeadline"]').fill(`${addCalendarDays(date, -2)}T12:00`);
    await page.getByRole("textbox", { name: sv["meetings.form.place"] }).fill("Stadshallen, Lund");
    await page.getByRole("textbox", { name: sv["meetings.form.capacity"] }).fill("1");
    await page.getByRole("checkbox", { name: "Coompanion Skåne" }).check();
    const first = page.getByRole("group", { name: t("meetings.form.agendaRow", { n: 1 }) });
    await first.getByRole("textbox", { name: sv["meetings.form.agendaTitle"] }).fill("Planering av det gemensamma anbudet");
    await first.getByRole("textbox", { name: sv["meetings.form.agendaMinutes"] }).fill("45");
    const second = page.getByRole("group", { name: t("meetings.form.agendaRow", { n: 2 }) });
    await second.getByRole("textbox", { name: sv["meetings.form.agendaTitle"] }).fill("Språkintroduktion för unga entreprenörer");
    await second.getByRole("textbox", { name: sv["meetings.form.agendaMinutes"] }).fill("30");
    await page.getByRole("button", { name: sv["meetings.form.save"] }).click();
    await page.getByText(sv["meetings.form.endAfterStart"], { exact: true }).waitFor();
    expect(await page.locator('input[name="title"]').inputValue()).toBe(title);

    await ready(page);
    await page.locator('input[name="endsAt"]').fill(`${date}T12:00`);
    await page.getByRole("button", { name: sv["meetings.form.save"] }).click();
    await page.getByText(sv["meetings.created"], { exact: true }).waitFor();
    const meetingPath = new URL(page.url()).pathname;
    expect(meetingPath).toMatch(/^\/meetings\/\d+$/);
    const agenda = page.getByRole("region", { name: sv["meetings.agenda"] }).getByRole("listitem");
    expect(await agenda.allTextContents()).toEqual([
      expect.stringContaining("Planering av det gemensamma anbudet"),
      expect.stringContaining("Språkintroduktion för unga entreprenörer"),
    ]);
    expect(await page.getByText("10:00–12:00").count()).toBeGreaterThan(0);

    // Two members register for the one place.
    const maria = await signedIn("member@example.org", javaScriptEnabled);
    await maria.page.goto(meetingPath);
    await ready(maria.page);
    await maria.page.getByRole("button", { name: sv["meetings.register.submit"] }).click();
    await maria.page.getByText(sv["meetings.register.done"], { exact: true }).waitFor();
    await maria.page.getByText(t("meetings.register.confirmed", { organisation: "Fontänhuset Lund" })).waitFor();

    const ivar = await signedIn("iris@example.org", javaScriptEnabled);
    await ivar.page.goto(meetingPath);
    await ready(ivar.page);
    await ivar.page.getByRole("textbox", { name: sv["meetings.register.needs"] }).fill("Rullstolsplats");
    await ivar.page.getByRole("button", { name: sv["meetings.register.submitWaitlist"] }).click();
    await ivar.page.getByText(sv["meetings.register.doneWaitlist"], { exact: true }).waitFor();
    await ivar.page.getByText(t("meetings.register.waitlisted", { organisation: "Iris Kraft", position: 1 })).waitFor();

    // The coordinator sees the needs; the members do not.
    await page.goto(meetingPath);
    expect(await page.getByRole("region", { name: sv["meetings.registrations"] }).getByText("Rullstolsplats").count()).toBe(1);
    expect(await maria.page.getByText("Rullstolsplats").count()).toBe(0);

    // The first cancels; the waitlisted one has the place and a notification.
    await ready(maria.page);
    await maria.page.getByRole("button", { name: sv["meetings.register.cancel"] }).click();
    await maria.page.getByText(sv["meetings.register.cancelled"], { exact: true }).waitFor();
    await ivar.page.goto(meetingPath);
    await ivar.page.getByText(t("meetings.register.confirmed", { organisation: "Iris Kraft" })).waitFor();

    await page.goto("/meetings");
    const card = page.getByRole("article").filter({ hasText: title });
    expect(await card.textContent()).toContain(sv["meetings.full"]);

    for (const who of [coordinator, maria, ivar]) {
      expect(who.errors).toEqual([]);
      await who.context.close();
    }
  });
});

describe("every meeting page", () => {
  test("is axe clean and fits a 390 px phone, for visitors, members and coordinators", async () => {
    const coordinator = await signedIn("coordinator@example.org");
    const member = await signedIn("member@example.org");
    const visitor = await newContext(suite.browser, suite.server.baseUrl);
    // The demo's full upcoming meeting and a past one with minutes.
    const listing = coordinator.page;
    await listing.goto("/meetings");
    const upcomingHref = await listing.getByRole("link", { name: "Planering av det gemensamma anbudet" }).first().getAttribute("href");
    const pastHref = await listing.getByRole("link", { name: "Nätverksmöte: dialog om salladsupphandlingen" }).first().getAttribute("href");
    const pages: { who: BrowserContext; path: string; prepare?: (page: Page) => Promise<void> }[] = [
      { who: visitor, path: "/meetings" },
      { who: visitor, path: upcomingHref! },
      { who: visitor, path: pastHref! },
      { who: visitor, path: "/meetings/actions" },
      { who: member.context, path: upcomingHref! },
      { who: member.context, path: pastHref! },
      { who: coordinator.context, path: "/meetings" },
      { who: coordinator.context, path: upcomingHref! },
      { who: coordinator.context, path: `${upcomingHref}?cancel=1` },
      { who: coordinator.context, path: pastHref! },
      { who: coordinator.context, path: "/meetings/new" },
      {
        who: coordinator.context,
        path: "/meetings/new",
        prepare: async (page) => {
          await page.getByRole("button", { name: sv["meetings.form.save"] }).click();
          await page.getByText(sv["form.errorSummary"]).waitFor();
        },
      },
      { who: coordinator.context, path: `${upcomingHref}/edit` },
      { who: coordinator.context, path: `${pastHref}/follow-up` },
      { who: coordinator.context, path: "/meetings/actions" },
      { who: coordinator.context, path: "/meetings/statistics" },
      { who: coordinator.context, path: "/meetings/conveners" },
    ];
    const problems: string[] = [];
    for (const check of pages) {
      const page = await check.who.newPage();
      const { errors } = watchPageErrors(page);
      try {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          const response = await page.goto(check.path);
          if (response?.status() !== 200) problems.push(`${check.path}: HTTP ${response?.status()}`);
          await waitForHydration(page);
          if (check.prepare) await check.prepare(page);
          const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
          for (const v of results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
            problems.push(`${check.path} at ${width}px: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`${check.path} at ${width}px: ${overflow}px horizontal overflow`);
        }
        problems.push(...errors.map((e) => `${check.path}: ${e}`));
      } finally {
        await page.close();
      }
    }
    expect(problems).toEqual([]);
    await coordinator.context.close();
    await member.context.close();
    await visitor.close();
  });
});
