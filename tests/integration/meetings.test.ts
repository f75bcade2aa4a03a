import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as meetingAction, loader as meetingLoader } from "../../app/routes/meetings.$id";
import { action as editAction } from "../../app/routes/meetings.$id_.edit";
import { action as followUpAction } from "../../app/routes/meetings.$id_.follow-up";
import { loader as calendarLoader } from "../../app/routes/meetings.$id_.calendar[.]ics";
import { loader as feedLoader } from "../../app/routes/meetings[.]ics";
import { action as conveners } from "../../app/routes/meetings.conveners";
import { action as newAction, loader as newLoader } from "../../app/routes/meetings.new";
import { loader as statisticsLoader } from "../../app/routes/meetings.statistics";
import { loader as actionsLoader } from "../../app/routes/meetings.actions";
import { cancelRegistration, registerForMeeting } from "../../app/models/meeting-registration.server";
import { createMeeting } from "../../app/models/meeting.server";
import { purgeExpiredNeeds, sendDueActionReminders } from "../../app/models/meeting-followup.server";
import { startMeetingJobs } from "../../app/models/meeting-jobs.server";
import { addCalendarDays, stockholmDate } from "../../app/domain/lund-time";
import { renderMarkdown } from "../../app/utils/markdown.server";
import type { MeetingInput } from "../../app/utils/meeting-forms";
import type { DB } from "../../db/client.server";
import { testDatabaseLocation } from "./fixtures";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { meetingInput } from "./support/meeting-input";
import { formRequest, getRequest, responseOf, sessionCookieFor } from "./support/requests";

const workerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "support/register-worker.ts");

let db: DB;
let close: () => Promise<void>;
let coordinator: string;
let member: string;
let iris: string;
let convenerIds: number[];
/** A joint bid of the demo, for an agenda item to link to. */
let jointBidId: number;

const status = (value: unknown) => (value instanceof Response ? value.status : (value as { init?: { status?: number } })?.init?.status);
const userId = async (email: string) => (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  coordinator = await sessionCookieFor(db, "coordinator@example.org");
  member = await sessionCookieFor(db, "member@example.org");
  iris = await sessionCookieFor(db, "iris@example.org");
  convenerIds = [await organisationIdBySlug(db, "coompanion-skane"), await organisationIdBySlug(db, "skoopi-skane")];
  jointBidId = (await db.selectFrom("joint_bid").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
});
afterAll(() => close());

function input(overrides: Partial<MeetingInput> = {}): MeetingInput {
  return meetingInput(convenerIds, { agenda: [{ title: "Punkt", durationMinutes: 30, requestId: null, jointBidId: null }], ...overrides });
}

async function newMeeting(overrides: Partial<MeetingInput> = {}): Promise<number> {
  const result = await createMeeting({ db, userId: null, input: input(overrides) });
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

const meetingForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: "Nätverksmöte i januari",
  description: "",
  startsAt: "2027-01-14T10:00",
  endsAt: "2027-01-14T12:00",
  registrationDeadline: "2027-01-10T23:59",
  place: "Stadshallen, Lund",
  onlineUrl: "",
  capacity: "20",
  conveners: convenerIds.map(String),
  ...agendaRows([
    { position: "2", title: "Andra punkten", minutes: "20", requestId: "", jointBidId: "" },
    { position: "1", title: "Första punkten", minutes: "15", requestId: "", jointBidId: String(jointBidId) },
    { position: "", title: "", minutes: "", requestId: "", jointBidId: "" },
  ]),
  ...overrides,
});

/** Agenda rows as the form names them: `agenda[N].title` and its neighbours. */
const agendaRows = (rows: Record<string, string>[]) =>
  Object.fromEntries(rows.flatMap((row, i) => Object.entries(row).map(([field, value]) => [`agenda[${i}].${field}`, value])));

describe("authorisation", () => {
  it("lets only coordinators create, edit, cancel, follow up, hand over and see statistics", async () => {
    const meetingId = await newMeeting();
    const params = { id: String(meetingId) };
    expect(status(await responseOf(() => newLoader(args(getRequest("/meetings/new", member)))))).toBe(403);
    expect(status(await responseOf(() => newAction(args(formRequest("/meetings/new", meetingForm(), member)))))).toBe(403);
    expect(status(await responseOf(() => newAction(args(formRequest("/meetings/new", meetingForm())))))).toBe(302);
    expect(status(await responseOf(() => editAction(args(formRequest(`/meetings/${meetingId}/edit`, meetingForm({ title: "Kapad" }), member), params))))).toBe(
      403,
    );
    expect(status(await responseOf(() => meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "cancelMeeting" }, member), params))))).toBe(403);
    const attempts: Record<string, string>[] = [
      { intent: "minutes", minutes: "x" },
      { intent: "attendance" },
      { intent: "addAction", text: "x", organisationId: "1", dueDate: "2027-01-01" },
    ];
    for (const fields of attempts) {
      expect(status(await responseOf(() => followUpAction(args(formRequest(`/meetings/${meetingId}/follow-up`, fields, member), params))))).toBe(403);
    }
    expect(
      status(await responseOf(() => conveners(args(formRequest("/meetings/conveners", { fromOrganisationId: "1", toOrganisationId: "2" }, member))))),
    ).toBe(403);
    expect(status(await responseOf(() => statisticsLoader(args(getRequest("/meetings/statistics", member)))))).toBe(403);
    const row = await db.selectFrom("meeting").select(["title", "status", "minutes"]).where("id", "=", meetingId).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "Testmöte", status: "scheduled", minutes: "" });
    expect(await db.selectFrom("meeting_action").select("id").where("meeting_id", "=", meetingId).execute()).toHaveLength(0);
  });

  it("registers only the signed-in member, and only for their own organisation", async () => {
    const meetingId = await newMeeting();
    const params = { id: String(meetingId) };
    const irisOrg = await organisationIdBySlug(db, "iris-kraft");
    const fontan = await organisationIdBySlug(db, "fontanhuset-lund");
    const foreign = await meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "register", organisationId: String(irisOrg) }, member), params));
    expect(foreign).toMatchObject({ init: { status: 400 }, data: { error: { "": [{ key: "meetings.register.error.notMember" }] } } });
    // A userId field is ignored: the registration is the session's user's.
    const irisUser = await userId("iris@example.org");
    await meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "register", organisationId: String(fontan), userId: irisUser }, member), params));
    const rows = await db.selectFrom("meeting_registration").select(["user_id", "organisation_id"]).where("meeting_id", "=", meetingId).execute();
    expect(rows).toEqual([{ user_id: await userId("member@example.org"), organisation_id: fontan }]);
    expect(
      status(
        await responseOf(() => meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "register", organisationId: String(fontan) }), params))),
      ),
    ).toBe(302);
    expect(status(await responseOf(() => meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "nonsense" }, member), params))))).toBe(400);
  });

  it("shows dietary and accessibility needs to coordinators only", async () => {
    const meetingId = await newMeeting();
    const params = { id: String(meetingId) };
    await registerForMeeting({
      db,
      meetingId,
      userId: await userId("iris@example.org"),
      organisationId: await organisationIdBySlug(db, "iris-kraft"),
      needs: "Hörslinga",
    });
    const asCoordinator = await meetingLoader(args(getRequest(`/meetings/${meetingId}`, coordinator), params));
    expect(asCoordinator.registrations?.map((r) => r.needs)).toEqual(["Hörslinga"]);
    for (const cookie of [member, iris, undefined]) {
      const seen = await meetingLoader(args(getRequest(`/meetings/${meetingId}`, cookie), params));
      expect(seen.registrations).toBeNull();
      expect(JSON.stringify(seen)).not.toContain("Hörslinga");
    }
  });

  it("keeps unpublished minutes and their actions from everyone but coordinators", async () => {
    // Minutes are written once a meeting has started.
    const start = new Date(Date.now() - 3600_000);
    const meetingId = await newMeeting({
      title: "Opublicerat",
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
      registrationDeadline: new Date(start.getTime() - 3600_000).toISOString(),
    });
    const params = { id: String(meetingId) };
    const fontan = await organisationIdBySlug(db, "fontanhuset-lund");
    await followUpAction(args(formRequest(`/meetings/${meetingId}/follow-up`, { intent: "minutes", minutes: "Hemligt utkast" }, coordinator), params));
    await followUpAction(
      args(
        formRequest(
          `/meetings/${meetingId}/follow-up`,
          { intent: "addAction", text: "Intern åtgärd", organisationId: String(fontan), dueDate: "2030-01-01" },
          coordinator,
        ),
        params,
      ),
    );
    const visitor = await meetingLoader(args(getRequest(`/meetings/${meetingId}`), params));
    expect(visitor.minutesHtml).toBeNull();
    expect(visitor.actions).toBeNull();
    expect(visitor.attendance).toBeNull();
    expect(JSON.stringify(await actionsLoader(args(getRequest("/meetings/actions", member))))).not.toContain("Intern åtgärd");
    expect(JSON.stringify(await actionsLoader(args(getRequest("/meetings/actions", coordinator))))).toContain("Intern åtgärd");
    const asCoordinator = await meetingLoader(args(getRequest(`/meetings/${meetingId}`, coordinator), params));
    expect(asCoordinator.minutesHtml).toContain("Hemligt utkast");
    await followUpAction(
      args(formRequest(`/meetings/${meetingId}/follow-up`, { intent: "minutes", minutes: "Hemligt utkast", published: "on" }, coordinator), params),
    );
    expect((await meetingLoader(args(getRequest(`/meetings/${meetingId}`), params))).minutesHtml).toContain("Hemligt utkast");
  });
});

describe("the meeting form", () => {
  it("stores Lund times as UTC and the agenda in the order given", async () => {
    const response = await newAction(args(formRequest("/meetings/new", meetingForm(), coordinator)));
    expect(status(response)).toBe(302);
    const id = Number((response as Response).headers.get("Location")!.split("/").pop());
    const meeting = await db.selectFrom("meeting").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect([meeting.starts_at, meeting.ends_at]).toEqual(["2027-01-14T09:00:00.000Z", "2027-01-14T11:00:00.000Z"]);
    const agenda = await db.selectFrom("meeting_agenda_item").select(["title", "joint_bid_id"]).where("meeting_id", "=", id).orderBy("position").execute();
    expect(agenda).toEqual([
      { title: "Första punkten", joint_bid_id: jointBidId },
      { title: "Andra punkten", joint_bid_id: null },
    ]);
  });

  it("names each mistake next to its field and keeps what was typed", async () => {
    const result = await newAction(
      args(
        formRequest(
          "/meetings/new",
          meetingForm({
            endsAt: "2027-01-14T09:00",
            registrationDeadline: "2027-01-15T10:00",
            capacity: "0",
            onlineUrl: "javascript:alert(1)",
            "agenda[0].minutes": "0",
          }),
          coordinator,
        ),
      ),
    );
    expect(result).toMatchObject({
      init: { status: 400 },
      data: {
        status: "error",
        error: {
          endsAt: [{ key: "meetings.form.endAfterStart" }],
          registrationDeadline: [{ key: "meetings.form.deadlineBeforeStart" }],
          capacity: [{ key: "meetings.form.places" }],
          onlineUrl: [{ key: "meetings.form.url" }],
          "agenda[0].minutes": [{ key: "meetings.form.minutes" }],
        },
        initialValue: {
          title: "Nätverksmöte i januari",
          onlineUrl: "javascript:alert(1)",
          agenda: [{ title: "Andra punkten", minutes: "0" }, { title: "Första punkten" }, {}],
        },
      },
    });
    const ftp = await newAction(args(formRequest("/meetings/new", meetingForm({ onlineUrl: "ftp://example.org/x", place: "" }), coordinator)));
    expect(ftp).toMatchObject({ init: { status: 400 }, data: { error: { onlineUrl: [{ key: "meetings.form.url" }] } } });
    const nothing = await newAction(args(formRequest("/meetings/new", meetingForm({ place: "", capacity: "" }), coordinator)));
    expect(nothing).toMatchObject({
      init: { status: 400 },
      data: { error: { place: [{ key: "meetings.form.placeOrLink" }], capacity: [{ key: "meetings.form.places" }] } },
    });
    const unlimited = await newAction(
      args(formRequest("/meetings/new", meetingForm({ capacity: "", unlimited: "on", onlineUrl: "https://meet.example.org/x" }), coordinator)),
    );
    expect(status(unlimited)).toBe(302);
  });

  it("puts a link to no joint bid next to the row it was typed in, and adds a row without saving anything", async () => {
    const before = await db
      .selectFrom("meeting")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    // Row 2 is typed second but ordered first: the message still goes to row 2.
    const unknown = await newAction(args(formRequest("/meetings/new", meetingForm({ "agenda[1].jointBidId": "999999" }), coordinator)));
    expect(unknown).toMatchObject({ init: { status: 400 }, data: { error: { "agenda[1].jointBidId": [{ key: "meetings.form.jointBidUnknown" }] } } });
    const added = await newAction(args(formRequest("/meetings/new", { ...meetingForm(), intent: "addAgendaRow" }, coordinator)));
    expect(added).toMatchObject({ init: null, data: { initialValue: { title: "Nätverksmöte i januari" } } });
    expect((added as unknown as { data: { error?: unknown } }).data.error).toBeUndefined();
    const rows = (added as unknown as { data: { initialValue: { agenda: unknown[] } } }).data.initialValue.agenda;
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({ title: "Första punkten", jointBidId: String(jointBidId) });
    // Rows all empty: Conform's reply would leave the agenda out; they come back, and one more.
    const blank = agendaRows(Array.from({ length: 3 }, () => ({ position: "", title: "", minutes: "", requestId: "", jointBidId: "" })));
    const insert = { intent: "addAgendaRow" };
    const fromBlank = await newAction(args(formRequest("/meetings/new", { ...meetingForm(), ...blank, ...insert }, coordinator)));
    expect((fromBlank as unknown as { data: { initialValue: { agenda: unknown[] } } }).data.initialValue.agenda).toHaveLength(4);
    const refused = await newAction(args(formRequest("/meetings/new", { ...meetingForm({ title: "" }), ...blank }, coordinator)));
    expect((refused as unknown as { data: { initialValue: { agenda: unknown[] } } }).data.initialValue.agenda).toHaveLength(3);
    const after = await db
      .selectFrom("meeting")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe("registration and the waitlist", () => {
  it("gives the last place to exactly one of two simultaneous registrations through the app", async () => {
    const meetingId = await newMeeting({ capacity: 2 });
    const params = { id: String(meetingId) };
    await registerForMeeting({
      db,
      meetingId,
      userId: await userId("member@example.org"),
      organisationId: await organisationIdBySlug(db, "fontanhuset-lund"),
      needs: "",
    });
    const emmaus = await sessionCookieFor(db, "emmaus@example.org");
    const register = (cookie: string, slug: string) =>
      organisationIdBySlug(db, slug).then((id) =>
        meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "register", organisationId: String(id) }, cookie), params)),
      );
    const responses = await Promise.all([register(iris, "iris-kraft"), register(emmaus, "emmaus-lund")]);
    expect(responses.map(status)).toEqual([302, 302]);
    const rows = await db.selectFrom("meeting_registration").select("status").where("meeting_id", "=", meetingId).execute();
    expect(rows.map((r) => r.status).sort()).toEqual(["confirmed", "confirmed", "waitlisted"]);
  });

  it("never exceeds the places when several processes register at the same moment", async () => {
    const meetingId = await newMeeting({ capacity: 2 });
    const file = testDatabaseLocation(db);
    const people = [
      { email: "member@example.org", slug: "fontanhuset-lund" },
      { email: "iris@example.org", slug: "iris-kraft" },
      { email: "emmaus@example.org", slug: "emmaus-lund" },
      { email: "eoscares@example.org", slug: "eoscares" },
    ];
    const workers = await Promise.all(
      people.map(async (p) => {
        const child = spawn(
          process.execPath,
          ["--import", "tsx", workerScript, file, String(meetingId), await userId(p.email), String(await organisationIdBySlug(db, p.slug))],
          {
            stdio: ["pipe", "pipe", "inherit"],
          },
        );
        const lines: string[] = [];
        let buffered = "";
        const waiters: (() => void)[] = [];
        child.stdout!.on("data", (chunk: Buffer) => {
          buffered += chunk.toString();
          const parts = buffered.split("\n");
          buffered = parts.pop()!;
          lines.push(...parts);
          waiters.splice(0).forEach((w) => w());
        });
        const nextLine = async (n: number) => {
          while (lines.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
          return lines[n - 1];
        };
        return { child, nextLine };
      }),
    );
    try {
      // Everyone connected first, then all are let go at once.
      expect(await Promise.all(workers.map((w) => w.nextLine(1)))).toEqual(people.map(() => "ready"));
      for (const w of workers) w.child.stdin!.write("go\n");
      const results = (await Promise.all(workers.map((w) => w.nextLine(2)))).map(
        (line) => JSON.parse(line) as { ok?: boolean; status?: string; error?: string },
      );
      expect(results.filter((r) => r.error)).toEqual([]);
      expect(results.map((r) => r.status).sort()).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    }
    const rows = await db.selectFrom("meeting_registration").select("status").where("meeting_id", "=", meetingId).execute();
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(2);
  });

  it("promotes the first on the waitlist when someone cancels, and tells them", async () => {
    const meetingId = await newMeeting({ capacity: 1, title: "Litet möte" });
    const params = { id: String(meetingId) };
    const fontan = await organisationIdBySlug(db, "fontanhuset-lund");
    const irisOrg = await organisationIdBySlug(db, "iris-kraft");
    await meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "register", organisationId: String(fontan) }, member), params));
    const waiting = await meetingAction(
      args(formRequest(`/meetings/${meetingId}`, { intent: "register", organisationId: String(irisOrg), needs: "Kaffe" }, iris), params),
    );
    expect(status(waiting)).toBe(302);
    const irisView = await meetingLoader(args(getRequest(`/meetings/${meetingId}`, iris), params));
    expect(irisView.ownRegistration).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const irisUser = await userId("iris@example.org");
    const before = await db.selectFrom("email_outbox").select("id").execute();

    await meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "unregister" }, member), params));

    expect((await meetingLoader(args(getRequest(`/meetings/${meetingId}`, iris), params))).ownRegistration).toMatchObject({ status: "confirmed" });
    const notes = await db.selectFrom("notification").select(["message_key", "link"]).where("user_id", "=", irisUser).execute();
    expect(notes).toContainEqual({ message_key: "meetings.notify.promoted", link: `/meetings/${meetingId}` });
    const mails = await db
      .selectFrom("email_outbox")
      .select(["to_address", "subject"])
      .where(
        "id",
        "not in",
        before.map((r) => r.id),
      )
      .execute();
    expect(mails).toEqual([{ to_address: "iris@example.org", subject: expect.stringContaining("Litet möte") }]);
    expect(await cancelRegistration({ db, meetingId, userId: await userId("member@example.org") })).toEqual({ ok: false, error: "notRegistered" });
  });

  it("refuses registration after the deadline and for a cancelled meeting, and tells everyone registered of a cancellation", async () => {
    const meetingId = await newMeeting({ capacity: 1 });
    const params = { id: String(meetingId) };
    const fontan = await organisationIdBySlug(db, "fontanhuset-lund");
    const late = await registerForMeeting({
      db,
      meetingId,
      userId: await userId("member@example.org"),
      organisationId: fontan,
      needs: "",
      now: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    });
    expect(late).toEqual({ ok: false, error: "deadlinePassed" });
    await registerForMeeting({ db, meetingId, userId: await userId("member@example.org"), organisationId: fontan, needs: "" });
    await registerForMeeting({
      db,
      meetingId,
      userId: await userId("iris@example.org"),
      organisationId: await organisationIdBySlug(db, "iris-kraft"),
      needs: "",
    });
    const cancelled = await meetingAction(args(formRequest(`/meetings/${meetingId}`, { intent: "cancelMeeting" }, coordinator), params));
    expect(status(cancelled)).toBe(302);
    for (const email of ["member@example.org", "iris@example.org"]) {
      const notes = await db
        .selectFrom("notification")
        .select("message_key")
        .where("user_id", "=", await userId(email))
        .where("link", "=", `/meetings/${meetingId}`)
        .execute();
      expect(notes.map((n) => n.message_key)).toContain("meetings.notify.cancelled");
    }
    const again = await registerForMeeting({
      db,
      meetingId,
      userId: await userId("emmaus@example.org"),
      organisationId: await organisationIdBySlug(db, "emmaus-lund"),
      needs: "",
    });
    expect(again).toEqual({ ok: false, error: "cancelled" });
  });
});

describe("the calendar files", () => {
  function events(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return calendar.getAllSubcomponents("vevent").map((v) => ({
      uid: v.getFirstPropertyValue("uid"),
      start: new ICAL.Event(v).startDate.toJSDate().toISOString(),
      end: new ICAL.Event(v).endDate.toJSDate().toISOString(),
      sequence: Number(v.getFirstPropertyValue("sequence") ?? 0),
      status: v.getFirstPropertyValue("status"),
      summary: v.getFirstPropertyValue("summary"),
    }));
  }

  it("hold the right UTC instants across daylight saving, a stable UID and a rising SEQUENCE, and mark cancellations", async () => {
    const create = async (form: Record<string, string | string[]>) => {
      const response = (await newAction(args(formRequest("/meetings/new", meetingForm(form), coordinator)))) as Response;
      return Number(response.headers.get("Location")!.split("/").pop());
    };
    const winter = await create({ title: "Vintermöte" });
    const summer = await create({ title: "Sommarmöte", startsAt: "2027-06-10T10:00", endsAt: "2027-06-10T12:00", registrationDeadline: "2027-06-01T12:00" });
    const file = async (id: number) => {
      const response = await calendarLoader(args(getRequest(`/meetings/${id}/calendar.ics`), { id: String(id) }));
      expect(response.headers.get("Content-Type")).toContain("text/calendar");
      return events(await response.text());
    };
    const [w] = await file(winter);
    const [s] = await file(summer);
    expect([w.start, w.end]).toEqual(["2027-01-14T09:00:00.000Z", "2027-01-14T11:00:00.000Z"]);
    expect([s.start, s.end]).toEqual(["2027-06-10T08:00:00.000Z", "2027-06-10T10:00:00.000Z"]);
    expect(w.status).toBe("CONFIRMED");

    await editAction(
      args(
        formRequest(
          `/meetings/${winter}/edit`,
          meetingForm({ title: "Vintermöte, ny tid", startsAt: "2027-01-14T13:00", endsAt: "2027-01-14T15:00" }),
          coordinator,
        ),
        { id: String(winter) },
      ),
    );
    const [edited] = await file(winter);
    expect(edited.uid).toBe(w.uid);
    expect(edited.sequence).toBe(w.sequence + 1);
    expect(edited.start).toBe("2027-01-14T12:00:00.000Z");

    await meetingAction(args(formRequest(`/meetings/${winter}`, { intent: "cancelMeeting" }, coordinator), { id: String(winter) }));
    const [cancelled] = await file(winter);
    expect(cancelled).toMatchObject({ uid: w.uid, status: "CANCELLED", sequence: w.sequence + 2 });

    const feed = events(await (await feedLoader()).text());
    expect(feed.find((e) => e.uid === w.uid)?.status).toBe("CANCELLED");
    expect(feed.find((e) => e.summary === "Sommarmöte")?.start).toBe("2027-06-10T08:00:00.000Z");
    expect(new Set(feed.map((e) => e.uid)).size).toBe(feed.length);
    expect(status(await responseOf(() => calendarLoader(args(getRequest("/meetings/999999/calendar.ics"), { id: "999999" }))))).toBe(404);
  });
});

describe("minutes", () => {
  it("render script, raw HTML and javascript: links harmless, with rel=noopener nofollow on links", () => {
    const html = renderMarkdown(
      [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klicka](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)",
        "[Upphandlingsmyndigheten](https://www.upphandlingsmyndigheten.se/)",
        '<a href="https://evil.example">x</a>',
        "[j](JaVaScRiPt&#58;alert(1))",
      ].join("\n\n"),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<a href="https://evil.example">x</a>');
    expect(html).toContain("&lt;a href=");
    expect(html).not.toMatch(/href="(javascript|data|vbscript)/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://www.upphandlingsmyndigheten.se/" rel="noopener nofollow">Upphandlingsmyndigheten</a>');
    for (const match of html.matchAll(/<a [^>]*>/g)) expect(match[0]).toContain('rel="noopener nofollow"');
  });
});

describe("follow-up", () => {
  it("sends each action reminder once, three days before the due date, to the responsible organisation's members", async () => {
    const meetingId = await newMeeting();
    const irisOrg = await organisationIdBySlug(db, "iris-kraft");
    const now = new Date("2031-03-26T08:00:00Z");
    const today = stockholmDate(now);
    await db
      .insertInto("meeting_action")
      .values([
        { meeting_id: meetingId, text: "Snart klar", organisation_id: irisOrg, due_date: addCalendarDays(today, 3), created_at: now.toISOString() },
        { meeting_id: meetingId, text: "Långt bort", organisation_id: irisOrg, due_date: addCalendarDays(today, 10), created_at: now.toISOString() },
      ])
      .execute();
    const mailsTo = async () =>
      (await db.selectFrom("email_outbox").select("body_text").where("to_address", "=", "iris@example.org").execute()).filter(
        (m) => m.body_text.includes("Snart klar") || m.body_text.includes("Långt bort"),
      );
    await sendDueActionReminders({ db, now });
    await sendDueActionReminders({ db, now: new Date(now.getTime() + 3600 * 1000) });
    const mails = await mailsTo();
    expect(mails).toHaveLength(1);
    expect(mails[0].body_text).toContain("Snart klar");
    await sendDueActionReminders({ db, now: new Date(now.getTime() + 7 * 24 * 3600 * 1000) });
    expect(await mailsTo()).toHaveLength(2);
  });

  it("runs reminders from the periodic job the server starts, once per action", async () => {
    const meetingId = await newMeeting();
    const klinten = await organisationIdBySlug(db, "klintens-webbauktioner");
    const now = new Date("2032-05-10T06:00:00Z");
    await db
      .insertInto("meeting_action")
      .values({
        meeting_id: meetingId,
        text: "Jobbets åtgärd",
        organisation_id: klinten,
        due_date: addCalendarDays(stockholmDate(now), 1),
        created_at: now.toISOString(),
      })
      .execute();
    const jobs = startMeetingJobs({ db, now: () => now, intervalMs: 60 * 60_000 });
    try {
      expect((await jobs.runOnce()).reminders).toBe(1);
      expect((await jobs.runOnce()).reminders).toBe(0);
    } finally {
      await jobs.stop();
    }
    const mails = await db.selectFrom("email_outbox").select("to_address").where("body_text", "like", "%Jobbets åtgärd%").execute();
    expect(mails).toEqual([{ to_address: "klinten@example.org" }]);
  });

  it("erases needs 30 days after the meeting, not before", async () => {
    const start = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    const old = await newMeeting({
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      registrationDeadline: new Date(start.getTime() - 3600_000).toISOString(),
    });
    const recent = await newMeeting();
    const fontan = await organisationIdBySlug(db, "fontanhuset-lund");
    const memberId = await userId("member@example.org");
    await registerForMeeting({
      db,
      meetingId: old,
      userId: memberId,
      organisationId: fontan,
      needs: "Laktosfritt",
      now: new Date(start.getTime() - 2 * 3600_000),
    });
    await registerForMeeting({ db, meetingId: recent, userId: memberId, organisationId: fontan, needs: "Nötfritt" });
    await purgeExpiredNeeds({ db });
    const needs = async (meetingId: number) =>
      (await db.selectFrom("meeting_registration").select("needs").where("meeting_id", "=", meetingId).executeTakeFirstOrThrow()).needs;
    expect(await needs(old)).toBeNull();
    expect(await needs(recent)).toBe("Nötfritt");
  });

  it("hands future meetings over to a new convener and keeps past ones and the history", async () => {
    const from = await organisationIdBySlug(db, "lunds-kommun-arbetsmarknads-och-socialforvaltningen");
    const to = await organisationIdBySlug(db, "skoopi-skane");
    const future = await newMeeting({ convenerIds: [from] });
    const start = new Date(Date.now() - 5 * 24 * 3600 * 1000);
    const past = await newMeeting({
      convenerIds: [from],
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      registrationDeadline: new Date(start.getTime() - 3600_000).toISOString(),
    });
    const pair = { fromOrganisationId: String(from), toOrganisationId: String(to) };
    // First the coordinator sees what would move; nothing moves until they confirm.
    const review = await conveners(args(formRequest("/meetings/conveners", { intent: "review", ...pair }, coordinator)));
    expect(review).toMatchObject({ data: { review: { meetings: expect.arrayContaining([expect.objectContaining({ id: future })]) } } });
    expect(
      (await db.selectFrom("meeting_convener").select("organisation_id").where("meeting_id", "=", future).execute()).map((r) => r.organisation_id),
    ).toEqual([from]);
    const response = await conveners(args(formRequest("/meetings/conveners", { intent: "handOver", ...pair }, coordinator)));
    expect(status(response)).toBe(302);
    const convenersOf = async (id: number) =>
      (await db.selectFrom("meeting_convener").select("organisation_id").where("meeting_id", "=", id).execute()).map((r) => r.organisation_id);
    expect(await convenersOf(future)).toEqual([to]);
    expect(await convenersOf(past)).toEqual([from]);
    const history = await db.selectFrom("convener_handover").selectAll().execute();
    expect(history.at(-1)).toMatchObject({ from_organisation_id: from, to_organisation_id: to, handed_over_by: await userId("coordinator@example.org") });
    expect(history.at(-1)!.meetings_moved).toBeGreaterThanOrEqual(1);
    const same = await conveners(
      args(formRequest("/meetings/conveners", { intent: "review", fromOrganisationId: String(to), toOrganisationId: String(to) }, coordinator)),
    );
    expect(same).toMatchObject({ init: { status: 400 }, data: { reply: { error: { toOrganisationId: [{ key: "meetings.form.handoverSame" }] } } } });
  });

  it("counts attendance and completed actions per organisation for the statistics", async () => {
    const { rows } = await statisticsLoader(args(getRequest("/meetings/statistics", coordinator)));
    const fontan = rows.find((r) => r.name === "Fontänhuset Lund");
    expect(fontan).toMatchObject({ meetingsAttended: 3, actionsCompleted: 1 });
  });
});
