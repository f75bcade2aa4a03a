/**
 * Whoever a meeting concerns hears of it by e-mail, read from a real SMTP server's mailbox: a
 * registration's confirmation with the calendar entry, a change (time, place, places) with what
 * changed and the updated entry, a lowered number of places only after a warning, the waitlist and
 * a promotion with date, time and place, a cancellation that removes the entry, a reminder the day
 * before (only for a meeting that sends one), and a convening handover after a confirmation step.
 * Every calendar entry is parsed by ical.js; after each step, nobody else got a message.
 */
import ICAL from "ical.js";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { formatDateTime, formatTime } from "../../app/utils/i18n";
import { serverTranslator } from "../../app/utils/messages.server";
import { utcToStockholmLocal } from "../../app/domain/lund-time";
import { type DB, openDatabase } from "../../db/client.server";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { mailsDuring, type ReadMail } from "./support/mail";
import { publicUrl, useServerBrowserAndMailbox } from "./support/suite";

const suite = useServerBrowserAndMailbox();
let db: DB;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(() => {
  db = openDatabase(suite.server.database);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await db?.destroy();
});

const t = serverTranslator("sv");

async function signedIn(email: string): Promise<Page> {
  const context = await newContext(suite.browser, suite.server.baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  errors.push(...watchPageErrors(page).errors);
  await logIn(page, email);
  return page;
}

const mailsOf = (count: number, step: () => Promise<void>) => mailsDuring(suite.smtp, count, step);

/** The one VEVENT of a calendar part, and the calendar's METHOD, as ical.js reads them. */
function calendarEvent(mail: ReadMail) {
  expect(mail.calendars, `a calendar entry in the e-mail to ${mail.to[0]}`).toHaveLength(1);
  const calendar = new ICAL.Component(ICAL.parse(mail.calendars[0].content));
  const [vevent] = calendar.getAllSubcomponents("vevent");
  const event = new ICAL.Event(vevent);
  return {
    partMethod: mail.calendars[0].method,
    method: calendar.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: Number(vevent.getFirstPropertyValue("sequence")),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    location: vevent.getFirstPropertyValue("location"),
    status: vevent.getFirstPropertyValue("status"),
    attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase()),
    organizer: String(vevent.getFirstPropertyValue("organizer")),
  };
}

async function meetingRow(title: string) {
  return db.selectFrom("meeting").select(["id", "uid", "sequence", "starts_at", "ends_at"]).where("title", "=", title).executeTakeFirstOrThrow();
}

/** A Lund wall-clock time a number of hours from now, to the minute, as the form's field takes it. */
function hoursFromNow(hours: number): string {
  return utcToStockholmLocal(new Date(Date.now() + hours * 3600_000).toISOString());
}

async function createMeeting(
  page: Page,
  fields: { title: string; startsAt: string; endsAt: string; deadline: string; place: string; places: string; reminder?: boolean },
) {
  await page.goto("/meetings/new");
  await waitForHydration(page);
  await page.locator('input[name="title"]').fill(fields.title);
  await page.locator('input[name="startsAt"]').fill(fields.startsAt);
  await page.locator('input[name="endsAt"]').fill(fields.endsAt);
  await page.locator('input[name="registrationDeadline"]').fill(fields.deadline);
  await page.getByRole("textbox", { name: sv["meetings.form.place"] }).fill(fields.place);
  await page.getByRole("textbox", { name: sv["meetings.form.capacity"] }).fill(fields.places);
  await page.getByRole("checkbox", { name: "Coompanion Skåne" }).check();
  if (fields.reminder === false) await page.getByRole("checkbox", { name: sv["meetings.form.sendReminder"] }).uncheck();
  await page.getByRole("button", { name: sv["meetings.form.save"] }).click();
  await page.getByText(sv["meetings.created"], { exact: true }).waitFor();
  return new URL(page.url()).pathname;
}

async function register(page: Page, path: string, organisation: string) {
  await page.goto(path);
  await waitForHydration(page);
  await page.getByRole("combobox", { name: sv["meetings.register.organisation"] }).selectOption({ label: organisation });
  await page.getByRole("button", { name: /^(Anmäl mig|Ställ mig på väntelistan)$/ }).click();
  await page
    .getByText(/^Du är anmäld|^Du står på väntelistan/)
    .first()
    .waitFor();
}

describe("a meeting's e-mails", () => {
  const title = "Leveransplanering för salladerna";
  let path: string;

  test("registering confirms by e-mail with the date, time, place, link and the calendar entry (METHOD:REQUEST)", async () => {
    const coordinator = await signedIn("coordinator@example.org");
    const day = hoursFromNow(24 * 30).slice(0, 10);
    path = await createMeeting(coordinator, {
      title,
      startsAt: `${day}T13:00`,
      endsAt: `${day}T15:00`,
      deadline: `${day}T09:00`,
      place: "Stadshallen, Lund",
      places: "3",
    });
    const meeting = await meetingRow(title);

    const member = await signedIn("member@example.org");
    const [mail, ...others] = await mailsOf(1, () => register(member, path, "Fontänhuset Lund"));
    expect(others, "nobody else got one").toEqual([]);
    expect(mail.to).toEqual(["member@example.org"]);
    expect(mail.subject).toBe(`${t("meetings.notify.registered", { title, organisation: "Fontänhuset Lund" })} | Social Trade Lund`);
    expect(mail.text).toContain(t("meetings.notice.when", { start: formatDateTime("sv", meeting.starts_at), end: formatTime("sv", meeting.ends_at) }));
    expect(mail.text).toContain("13:00–15:00");
    expect(mail.text).toContain("Plats: Stadshallen, Lund");
    expect(mail.text).toContain(`${publicUrl}${path}`);
    const event = calendarEvent(mail);
    expect(event).toMatchObject({
      partMethod: "REQUEST",
      method: "REQUEST",
      uid: meeting.uid,
      sequence: meeting.sequence,
      start: meeting.starts_at,
      end: meeting.ends_at,
      location: "Stadshallen, Lund",
      status: "CONFIRMED",
      attendees: ["mailto:member@example.org"],
    });
    expect(event.organizer).toMatch(/^mailto:/);

    for (const [email, organisation] of [
      ["emmaus@example.org", "Emmaus Lund"],
      ["iris@example.org", "Iris Kraft"],
    ]) {
      const mails = await mailsOf(1, async () => register(await signedIn(email), path, organisation));
      expect(mails.map((m) => m.to)).toEqual([[email]]);
    }
  });

  test("lowering the places below those registered asks first; then each registered hears old → new with the updated entry, nobody else", async () => {
    const coordinator = await signedIn("coordinator@example.org");
    const before = await meetingRow(title);
    const day = before.starts_at.slice(0, 10);
    await coordinator.goto(`${path}/edit`);
    await waitForHydration(coordinator);
    await coordinator.locator('input[name="startsAt"]').fill(`${day}T14:00`);
    await coordinator.locator('input[name="endsAt"]').fill(`${day}T16:00`);
    await coordinator.getByRole("textbox", { name: sv["meetings.form.place"] }).fill("Kulturen, Tegnérsplatsen");
    await coordinator.getByRole("textbox", { name: sv["meetings.form.capacity"] }).fill("1");
    const from = suite.smtp.received.length;
    await coordinator.getByRole("button", { name: sv["meetings.form.save"] }).click();
    // The warning, under the field and in the summary; nothing is saved or sent yet.
    await coordinator
      .getByText(t("meetings.form.fewerPlaces", { registered: 3, places: 1 }), { exact: true })
      .first()
      .waitFor();
    expect((await meetingRow(title)).sequence).toBe(before.sequence);
    expect(await coordinator.locator('input[name="title"]').inputValue()).toBe(title);

    const mails = await mailsOf(3, async () => {
      await coordinator.getByRole("checkbox", { name: sv["meetings.form.confirmFewerPlaces"] }).check();
      await coordinator.getByRole("button", { name: sv["meetings.form.save"] }).click();
      await coordinator.getByText(sv["meetings.saved"], { exact: true }).waitFor();
    });
    expect(suite.smtp.received.length - from).toBe(3);
    expect(mails.map((m) => m.to[0])).toEqual(["emmaus@example.org", "iris@example.org", "member@example.org"]);
    const after = await meetingRow(title);
    expect(after.starts_at).not.toBe(before.starts_at);
    for (const mail of mails) {
      expect(mail.subject).toBe(`${t("meetings.notify.changed", { title })} | Social Trade Lund`);
      expect(mail.text).toContain(
        t("meetings.notice.changedTime", {
          from: formatDateTime("sv", before.starts_at),
          fromEnd: formatTime("sv", before.ends_at),
          to: formatDateTime("sv", after.starts_at),
          toEnd: formatTime("sv", after.ends_at),
        }),
      );
      expect(mail.text).toContain("Plats: Stadshallen, Lund → Kulturen, Tegnérsplatsen");
      expect(mail.text).toContain("Antal platser: 3 → 1");
      expect(calendarEvent(mail)).toMatchObject({
        method: "REQUEST",
        uid: before.uid,
        sequence: before.sequence + 1,
        start: after.starts_at,
        location: "Kulturen, Tegnérsplatsen",
      });
    }
    // Nobody lost a place.
    const statuses = await db
      .selectFrom("meeting_registration")
      .innerJoin("meeting", "meeting.id", "meeting_registration.meeting_id")
      .select("meeting_registration.status")
      .where("meeting.title", "=", title)
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
  });

  test("the waitlist says which place in the queue; added places promote with date, time, place and the calendar entry", async () => {
    const eos = await signedIn("eoscares@example.org");
    const [waiting, ...others] = await mailsOf(1, () => register(eos, path, "EosCares"));
    expect(others).toEqual([]);
    expect(waiting.to).toEqual(["eoscares@example.org"]);
    expect(waiting.subject).toBe(`${t("meetings.notify.waitlisted", { title, position: 1 })} | Social Trade Lund`);
    expect(waiting.calendars).toEqual([]);

    const coordinator = await signedIn("coordinator@example.org");
    const before = await meetingRow(title);
    // Three confirmed hear of the change; the one waiting hears of the place instead.
    const mails = await mailsOf(4, async () => {
      await coordinator.goto(`${path}/edit`);
      await waitForHydration(coordinator);
      await coordinator.getByRole("textbox", { name: sv["meetings.form.capacity"] }).fill("4");
      await coordinator.getByRole("button", { name: sv["meetings.form.save"] }).click();
      await coordinator.getByText(sv["meetings.saved"], { exact: true }).waitFor();
    });
    expect(mails.map((m) => m.to[0])).toEqual(["emmaus@example.org", "eoscares@example.org", "iris@example.org", "member@example.org"]);
    const promoted = mails.find((m) => m.to[0] === "eoscares@example.org")!;
    expect(promoted.subject).toBe(`${t("meetings.notify.promoted", { title })} | Social Trade Lund`);
    expect(promoted.text).toContain(t("meetings.notice.when", { start: formatDateTime("sv", before.starts_at), end: formatTime("sv", before.ends_at) }));
    expect(promoted.text).toContain("Plats: Kulturen, Tegnérsplatsen");
    expect(calendarEvent(promoted)).toMatchObject({
      method: "REQUEST",
      uid: before.uid,
      sequence: before.sequence + 1,
      attendees: ["mailto:eoscares@example.org"],
    });
    for (const mail of mails.filter((m) => m !== promoted)) expect(mail.text).toContain("Antal platser: 1 → 4");
  });

  test("a cancellation reaches everyone registered with METHOD:CANCEL for the same entry, SEQUENCE raised", async () => {
    const coordinator = await signedIn("coordinator@example.org");
    const before = await meetingRow(title);
    const mails = await mailsOf(4, async () => {
      await coordinator.goto(`${path}?cancel=1#confirm-cancel`);
      await waitForHydration(coordinator);
      await coordinator.getByRole("button", { name: sv["meetings.cancelButton"] }).click();
      await coordinator.getByText(t("meetings.cancelledToast.other", { count: 4 }), { exact: true }).waitFor();
    });
    expect(mails.map((m) => m.to[0])).toEqual(["emmaus@example.org", "eoscares@example.org", "iris@example.org", "member@example.org"]);
    for (const mail of mails) {
      expect(mail.subject).toBe(`${t("meetings.notify.cancelled", { title })} | Social Trade Lund`);
      expect(calendarEvent(mail)).toMatchObject({
        partMethod: "CANCEL",
        method: "CANCEL",
        uid: before.uid,
        sequence: before.sequence + 1,
        status: "CANCELLED",
      });
    }
  });
});

describe("the day before", () => {
  test("those registered are reminded, only for a meeting that sends reminders, and once; a meeting moved into the next day reminds", async () => {
    const coordinator = await signedIn("coordinator@example.org");
    // Registered while the meetings are two days off; then both move to tomorrow morning.
    const far = { startsAt: hoursFromNow(50), endsAt: hoursFromNow(52), deadline: hoursFromNow(2), place: "Stadshallen", places: "10" };
    const reminded = await createMeeting(coordinator, { title: "Morgondagens möte", ...far });
    const quiet = await createMeeting(coordinator, { title: "Möte utan påminnelse", ...far, reminder: false });
    const member = await signedIn("member@example.org");
    const confirmations = await mailsOf(2, async () => {
      await register(member, reminded, "Fontänhuset Lund");
      await register(member, quiet, "Fontänhuset Lund");
    });
    expect(confirmations.map((m) => m.to[0])).toEqual(["member@example.org", "member@example.org"]);

    const move = async (path: string) => {
      await coordinator.goto(`${path}/edit`);
      await waitForHydration(coordinator);
      await coordinator.locator('input[name="startsAt"]').fill(hoursFromNow(20));
      await coordinator.locator('input[name="endsAt"]').fill(hoursFromNow(22));
      await coordinator.getByRole("button", { name: sv["meetings.form.save"] }).click();
      await coordinator.getByText(sv["meetings.saved"], { exact: true }).waitFor();
    };
    // Two change notices, and the one reminder the periodic job (every two seconds here) sends.
    const mails = await mailsOf(3, async () => {
      await move(reminded);
      await move(quiet);
    });
    expect(mails.map((m) => m.to[0])).toEqual(["member@example.org", "member@example.org", "member@example.org"]);
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        `${t("meetings.notify.changed", { title: "Morgondagens möte" })} | Social Trade Lund`,
        `${t("meetings.notify.changed", { title: "Möte utan påminnelse" })} | Social Trade Lund`,
        `${t("meetings.notify.reminder", { title: "Morgondagens möte" })} | Social Trade Lund`,
      ].sort(),
    );
    const reminder = mails.find((m) => m.subject.startsWith("Påminnelse"))!;
    const meeting = await meetingRow("Morgondagens möte");
    expect(reminder.text).toContain(t("meetings.notice.when", { start: formatDateTime("sv", meeting.starts_at), end: formatTime("sv", meeting.ends_at) }));
    expect(reminder.text).toContain("Plats: Stadshallen");
    expect(reminder.text).toContain(`${publicUrl}${reminded}`);
    // More rounds of the job send nothing more.
    const from = suite.smtp.received.length;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(suite.smtp.received.slice(from).map((d) => d.subject)).toEqual([]);
  });
});

describe("handing convening over", () => {
  test("is confirmed first, then the members of both organisations are told which meetings moved, nobody else", async () => {
    const coordinator = await signedIn("coordinator@example.org");
    await coordinator.goto("/meetings/conveners");
    await waitForHydration(coordinator);
    await coordinator.getByRole("combobox", { name: sv["meetings.conveners.from"] }).selectOption({ label: "Skoopi Skåne" });
    await coordinator.getByRole("combobox", { name: sv["meetings.conveners.to"] }).selectOption({ label: "Lunds kommun – Upphandlingsenheten" });
    await coordinator.getByRole("button", { name: sv["meetings.conveners.review"] }).click();
    const review = coordinator.getByRole("alertdialog", { name: sv["meetings.conveners.confirmTitle"] });
    await review.getByText(t("meetings.conveners.confirmText", { from: "Skoopi Skåne", to: "Lunds kommun – Upphandlingsenheten" })).waitFor();
    const moving = await db
      .selectFrom("meeting")
      .innerJoin("meeting_convener", "meeting_convener.meeting_id", "meeting.id")
      .innerJoin("organisation", "organisation.id", "meeting_convener.organisation_id")
      .select(["meeting.title"])
      .where("organisation.name", "=", "Skoopi Skåne")
      .where("meeting.status", "=", "scheduled")
      .where("meeting.starts_at", ">", new Date().toISOString())
      .execute();
    expect(moving.length).toBeGreaterThan(0);
    for (const m of moving) await review.getByText(m.title, { exact: false }).first().waitFor();
    // Nothing moved and nobody was told before the confirmation.
    expect(suite.smtp.received.filter((d) => d.subject.includes("Sammankallandet"))).toEqual([]);

    const members = await db
      .selectFrom("membership")
      .innerJoin("organisation", "organisation.id", "membership.organisation_id")
      .innerJoin("user", "user.id", "membership.user_id")
      .select("user.email")
      .where("organisation.name", "in", ["Skoopi Skåne", "Lunds kommun – Upphandlingsenheten"])
      .where("membership.status", "=", "active")
      .where("user.email_notifications", "=", true)
      .execute();
    const expected = [...new Set(members.map((m) => m.email))].sort();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const mails = await mailsOf(expected.length, async () => {
      await review.getByRole("button", { name: sv["meetings.conveners.confirmButton"] }).click();
      await coordinator.getByText(t("meetings.conveners.done.other", { count: moving.length }), { exact: true }).waitFor();
    });
    expect(mails.map((m) => m.to[0])).toEqual(expected);
    for (const mail of mails) {
      expect(mail.subject).toBe(`${t("meetings.notify.handover", { from: "Skoopi Skåne", to: "Lunds kommun – Upphandlingsenheten" })} | Social Trade Lund`);
      for (const m of moving) expect(mail.text).toContain(`Flyttat: ${m.title}`);
      expect(mail.text).toContain("Överlämnat av Cecilia Samordnare.");
    }
    expect(errors).toEqual([]);
  });
});
