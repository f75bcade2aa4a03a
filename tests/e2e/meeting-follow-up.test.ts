/**
 * The smaller things of meetings, as a coordinator meets them: minutes wait until a meeting has
 * started (the page says so, and a save sent anyway is refused with nothing stored); action items
 * are added, changed, handed to another organisation and deleted, and an overdue one is marked; the
 * meeting form adds an agenda row without JavaScript ("Lägg till rad") keeping what was typed,
 * refuses a joint bid that does not exist next to its field, and names a time that does not exist
 * in Lund on the day the clocks go forward; the statistics chart's axis counts in whole numbers.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { serverTranslator } from "../../app/utils/messages.server";
import { addCalendarDays, utcToStockholmLocal } from "../../app/domain/lund-time";
import { type DB, openDatabase } from "../../db/client.server";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();
let db: DB;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const t = serverTranslator("sv");

beforeAll(() => {
  db = openDatabase(suite.server.database);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await db?.destroy();
});

async function coordinator(javaScriptEnabled: boolean): Promise<Page> {
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled });
  contexts.push(context);
  const page = await context.newPage();
  errors.push(...watchPageErrors(page).errors);
  await logIn(page, "coordinator@example.org");
  return page;
}

async function meeting(title: string) {
  return db.selectFrom("meeting").select(["id", "starts_at", "minutes"]).where("title", "=", title).executeTakeFirstOrThrow();
}

describe("minutes", () => {
  test("wait until the meeting has started: the page says when, and a save sent anyway is refused with nothing stored", async () => {
    const page = await coordinator(true);
    const upcoming = await meeting("Planering av det gemensamma anbudet");
    expect(upcoming.starts_at > new Date().toISOString()).toBe(true);
    await page.goto(`/meetings/${upcoming.id}/follow-up`);
    await waitForHydration(page);
    await page.getByText(/^Protokoll skrivs när mötet har börjat, /).waitFor();
    expect(await page.getByRole("textbox", { name: sv["meetings.minutes.field"] }).count()).toBe(0);

    // From a page opened earlier, or a form kept in another tab: refused, with the reason.
    const status = await page.evaluate(async (path) => {
      const response = await fetch(path, {
        method: "POST",
        body: new URLSearchParams({ intent: "minutes", minutes: "# Protokoll i förväg" }),
        redirect: "manual",
      });
      return response.status;
    }, `/meetings/${upcoming.id}/follow-up`);
    expect(status).toBe(400);
    expect((await meeting("Planering av det gemensamma anbudet")).minutes).toBe(upcoming.minutes);
  });
});

describe("action items, without JavaScript", () => {
  test("are added, marked overdue once their day has passed, changed and handed to another organisation, and deleted", async () => {
    const page = await coordinator(false);
    const past = await meeting("Nätverksmöte: dialog om salladsupphandlingen");
    const here = `/meetings/${past.id}/follow-up`;
    await page.goto(here);
    const today = utcToStockholmLocal(new Date().toISOString()).slice(0, 10);
    const text = "Skicka kapacitetslistan till köparen";
    const addForm = page.locator("form").filter({ has: page.getByRole("button", { name: sv["meetings.action.add"], exact: true }) });
    await addForm.getByRole("textbox", { name: sv["meetings.action.text"] }).fill(text);
    await addForm.getByRole("combobox", { name: sv["meetings.action.organisation"] }).selectOption({ label: "Fontänhuset Lund" });
    await addForm.getByLabel(sv["meetings.action.due"]).fill(addCalendarDays(today, -2));
    await addForm.getByRole("button", { name: sv["meetings.action.add"], exact: true }).click();
    await page.getByText(sv["meetings.action.added"], { exact: true }).waitFor();

    const row = () => page.getByRole("row").filter({ hasText: text });
    expect(await row().getByText(sv["meetings.action.overdue"], { exact: true }).count(), "two days late: overdue").toBe(1);

    // Changed: new text, another organisation, a later day; no longer overdue.
    const changed = "Skicka kapacitetslistan och leveransplanen till köparen";
    await row()
      .getByRole("link", { name: t("meetings.action.editLabel", { text }), exact: true })
      .click();
    const edit = page.locator("#edit-action");
    await edit.getByRole("textbox", { name: sv["meetings.action.text"] }).fill(changed);
    await edit.getByRole("combobox", { name: sv["meetings.action.organisation"] }).selectOption({ label: "EosCares" });
    await edit.getByLabel(sv["meetings.action.due"]).fill(addCalendarDays(today, 7));
    await edit.getByRole("button", { name: sv["meetings.action.save"], exact: true }).click();
    await page.getByText(sv["meetings.action.updated"], { exact: true }).waitFor();
    const stored = await db
      .selectFrom("meeting_action")
      .innerJoin("organisation", "organisation.id", "meeting_action.organisation_id")
      .select(["meeting_action.text", "organisation.name", "meeting_action.due_date"])
      .where("meeting_action.meeting_id", "=", past.id)
      .where("meeting_action.text", "=", changed)
      .execute();
    expect(stored).toEqual([{ text: changed, name: "EosCares", due_date: addCalendarDays(today, 7) }]);
    const changedRow = page.getByRole("row").filter({ hasText: changed });
    expect(await changedRow.getByRole("cell", { name: "EosCares", exact: true }).count()).toBe(1);
    expect(await changedRow.getByText(sv["meetings.action.overdue"], { exact: true }).count()).toBe(0);

    // Deleted after a confirmation.
    await changedRow.getByRole("link", { name: t("meetings.action.deleteLabel", { text: changed }), exact: true }).click();
    await page.getByText(t("meetings.action.deleteConfirm", { text: changed }), { exact: true }).waitFor();
    await page.getByRole("button", { name: sv["meetings.action.deleteButton"], exact: true }).click();
    await page.getByText(sv["meetings.action.deleted"], { exact: true }).waitFor();
    expect(await page.getByRole("row").filter({ hasText: changed }).count()).toBe(0);
    expect(await db.selectFrom("meeting_action").select("id").where("text", "=", changed).execute()).toEqual([]);
  });
});

describe("the meeting form", () => {
  test("without JavaScript adds an agenda row keeping what was typed, refuses an unknown joint bid beside its field, and names a time that does not exist", async () => {
    const page = await coordinator(false);
    await page.goto("/meetings/new");
    const rows = () => page.getByRole("group", { name: /^Punkt \d+$/ });
    const before = await rows().count();
    const title = "Våravstämning efter omställningen till sommartid";
    await page.locator('input[name="title"]').fill(title);
    // 28 March 2027: the clocks go from 02:00 to 03:00, so 02:30 is never shown on a clock in Lund.
    await page.locator('input[name="startsAt"]').fill("2027-03-28T02:30");
    await page.locator('input[name="endsAt"]').fill("2027-03-28T04:00");
    await page.locator('input[name="registrationDeadline"]').fill("2027-03-27T12:00");
    await page.getByRole("textbox", { name: sv["meetings.form.place"] }).fill("Stadshallen, Lund");
    await page.getByRole("textbox", { name: sv["meetings.form.capacity"] }).fill("20");
    await page.getByRole("checkbox", { name: "Coompanion Skåne" }).check();
    await page.getByRole("button", { name: sv["meetings.form.addAgendaRow"], exact: true }).click();
    await page.getByRole("group", { name: t("meetings.form.agendaRow", { n: before + 1 }), exact: true }).waitFor();
    expect(await rows().count()).toBe(before + 1);
    expect(await page.locator('input[name="title"]').inputValue()).toBe(title);
    expect(await page.locator('input[name="startsAt"]').inputValue()).toBe("2027-03-28T02:30");

    const added = page.getByRole("group", { name: t("meetings.form.agendaRow", { n: before + 1 }), exact: true });
    await added.getByRole("textbox", { name: sv["meetings.form.agendaTitle"] }).fill("Det gemensamma anbudets plan");
    await added.getByRole("textbox", { name: sv["meetings.form.agendaMinutes"] }).fill("30");
    await added.getByRole("textbox", { name: sv["meetings.form.agendaJointBid"] }).fill("999");
    const bidField = () =>
      page
        .getByRole("group", { name: t("meetings.form.agendaRow", { n: before + 1 }), exact: true })
        .getByRole("textbox", { name: sv["meetings.form.agendaJointBid"] });
    const save = async () => {
      await page.getByRole("button", { name: sv["meetings.form.save"], exact: true }).click();
      await page.getByText(sv["form.errorSummary"]).first().waitFor();
    };

    // The time first: its own message, not "must end after it starts"; nothing typed is lost.
    await save();
    await page
      .getByText(t("meetings.form.timeSkipped", { time: "02:30" }), { exact: true })
      .first()
      .waitFor();
    expect(await page.getByText(sv["meetings.form.endAfterStart"], { exact: true }).count()).toBe(0);
    expect(await page.locator('input[name="title"]').inputValue()).toBe(title);
    expect(await bidField().inputValue()).toBe("999");

    // A time that exists: then the joint bid that does not, beside its field.
    await page.locator('input[name="startsAt"]').fill("2027-03-28T03:30");
    await save();
    await page.getByText(sv["meetings.form.jointBidUnknown"], { exact: true }).first().waitFor();
    expect(await bidField().getAttribute("aria-invalid")).toBe("true");
    expect(await bidField().inputValue()).toBe("999");
    expect(await page.locator('input[name="title"]').inputValue()).toBe(title);
    expect(await db.selectFrom("meeting").select("id").where("title", "=", title).execute()).toEqual([]);
  });
});

describe("the statistics chart", () => {
  test("counts meetings and actions on its axis in whole numbers", async () => {
    const page = await coordinator(true);
    await page.goto("/meetings/statistics");
    await waitForHydration(page);
    const ticks = page.locator(".recharts-xAxis .recharts-cartesian-axis-tick-value");
    await ticks.first().waitFor();
    const labels = (await ticks.allTextContents()).map((l) => l.trim());
    expect(labels.length).toBeGreaterThan(1);
    for (const label of labels) expect(label, "a whole number").toMatch(/^\d+$/);
    const values = labels.map(Number);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size, "no two ticks read the same").toBe(values.length);
    expect(errors).toEqual([]);
  });
});
