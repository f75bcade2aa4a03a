/**
 * Network meetings in Chromium: a coordinator creates a meeting with an agenda and one place, two
 * members register (the second goes on the waitlist), the first cancels and the second is
 * promoted; once with JavaScript and once without. Then axe and a 390 px phone width on every
 * meeting page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { addCalendarDays, stockholmDate } from "../../app/domain/lund-time";
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
    // The message shows in the error summary and under the field.
    await page.getByText(sv["meetings.form.endAfterStart"], { exact: true }).last().waitFor();
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
  const contexts = new Map<"visitor" | "member" | "coordinator", BrowserContext>();
  const demo = { upcoming: "", past: "" };
  beforeAll(async () => {
    const coordinator = await signedIn("coordinator@example.org");
    const member = await signedIn("member@example.org");
    contexts.set("coordinator", coordinator.context);
    contexts.set("member", member.context);
    contexts.set("visitor", await newContext(suite.browser, suite.server.baseUrl));
    // The demo's full upcoming meeting and a past one with published minutes.
    await coordinator.page.goto("/meetings");
    demo.upcoming = (await coordinator.page.getByRole("link", { name: "Planering av det gemensamma anbudet" }).first().getAttribute("href"))!;
    demo.past = (await coordinator.page.getByRole("link", { name: "Nätverksmöte: dialog om salladsupphandlingen" }).first().getAttribute("href"))!;
    await coordinator.page.close();
    await member.page.close();
  });
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
  });

  const pages: { who: "visitor" | "member" | "coordinator"; name: string; path: () => string; prepare?: (page: Page) => Promise<void> }[] = [
    { who: "visitor", name: "list", path: () => "/meetings" },
    { who: "visitor", name: "upcoming full meeting", path: () => demo.upcoming },
    { who: "visitor", name: "past meeting with minutes", path: () => demo.past },
    { who: "visitor", name: "actions overview", path: () => "/meetings/actions" },
    { who: "member", name: "upcoming full meeting", path: () => demo.upcoming },
    { who: "member", name: "past meeting with minutes", path: () => demo.past },
    { who: "coordinator", name: "list", path: () => "/meetings" },
    { who: "coordinator", name: "upcoming meeting with registrations and needs", path: () => demo.upcoming },
    { who: "coordinator", name: "cancel confirmation", path: () => `${demo.upcoming}?cancel=1` },
    { who: "coordinator", name: "past meeting", path: () => demo.past },
    { who: "coordinator", name: "new meeting form", path: () => "/meetings/new" },
    {
      who: "coordinator",
      name: "new meeting form with errors",
      path: () => "/meetings/new#with-errors",
      prepare: async (page) => {
        await page.getByRole("button", { name: sv["meetings.form.save"] }).click();
        await page.getByText(sv["form.errorSummary"]).waitFor();
      },
    },
    { who: "coordinator", name: "edit form", path: () => `${demo.upcoming}/edit` },
    { who: "coordinator", name: "follow-up: attendance, minutes, actions", path: () => `${demo.past}/follow-up` },
    { who: "coordinator", name: "actions overview", path: () => "/meetings/actions" },
    { who: "coordinator", name: "statistics chart and table", path: () => "/meetings/statistics" },
    { who: "coordinator", name: "convener handover", path: () => "/meetings/conveners" },
  ];

  test.each(pages)("$who, $name: axe clean and no overflow at 390 px", async (check) => {
    const page = await contexts.get(check.who)!.newPage();
    const { errors } = watchPageErrors(page);
    const problems: string[] = [];
    try {
      const response = await page.goto(check.path());
      expect(response?.status()).toBe(200);
      await waitForHydration(page);
      if (check.prepare) await check.prepare(page);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      for (const v of results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        problems.push(
          `${v.id} ${v.help} at ${v.nodes
            .map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)}`)
            .slice(0, 3)
            .join(" | ")}`,
        );
      }
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(() => window.innerWidth === 390);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) problems.push(`${overflow}px horizontal overflow at 390 px`);
      expect(problems, `${check.path()}`).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
