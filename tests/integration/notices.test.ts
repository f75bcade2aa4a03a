/**
 * Who hears what (decision 020), against a real database with the demo network: each event's
 * recipients checked against the database read independently, the e-mail setting respected, each
 * e-mail in its recipient's language, and an organisation never left without an owner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "../../app/models/account.server";
import { auditFilterChoices, listAuditLog } from "../../app/models/audit-log.server";
import { appointOwner, listOrganisationsWithoutOwner } from "../../app/models/coordination.server";
import { cancelMeeting, createMeeting, updateMeeting } from "../../app/models/meeting.server";
import { registerForMeeting } from "../../app/models/meeting-registration.server";
import { sendMeetingReminders } from "../../app/models/meeting-followup.server";
import { requestToJoin } from "../../app/models/membership.server";
import { createOrganisation } from "../../app/models/organisation.server";
import { setEmailNotifications } from "../../app/models/notification.server";
import { answerQuestion, askQuestion } from "../../app/models/request-response.server";
import { createUser } from "../../app/models/user.server";
import { auditSentence } from "../../app/utils/audit-text.server";
import type { MeetingInput } from "../../app/utils/meeting-forms";
import type { DB } from "../../db/client.server";
import { profileInput } from "./fixtures";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { meetingInput } from "./support/meeting-input";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

const userId = async (email: string) => (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

/** Whatever the change queued: notifications (by user) and e-mails (by address), since `mark`. */
async function queuedSince(mark: { notification: number; email: number }) {
  const notifications = await db.selectFrom("notification").select(["user_id", "message_key", "details"]).where("id", ">", mark.notification).execute();
  const emails = await db.selectFrom("email_outbox").select(["to_address", "subject", "body_text", "attachments"]).where("id", ">", mark.email).execute();
  return { notifications, emails };
}
async function mark() {
  const n = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const e = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return { notification: Number(n?.id ?? 0), email: Number(e?.id ?? 0) };
}

/** A meeting with three places at 13:00 (Lund, winter) twenty days on. */
function changingMeeting(convenerIds: number[], overrides: Partial<MeetingInput> = {}): MeetingInput {
  const start = new Date(Date.now() + 20 * 24 * 3600 * 1000);
  start.setUTCHours(12, 0, 0, 0);
  return meetingInput(convenerIds, {
    title: "Mötet som ändras",
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    registrationDeadline: new Date(start.getTime() - 24 * 3600_000).toISOString(),
    capacity: 3,
    ...overrides,
  });
}

describe("meeting notices", () => {
  it("tell exactly those registered, each in their language, with old → new and the calendar entry; fewer places need a confirmation", async () => {
    const coompanion = await organisationIdBySlug(db, "coompanion-skane");
    const created = await createMeeting({ db, userId: null, input: changingMeeting([coompanion]) });
    if (!created.ok) throw new Error(created.error);
    const meetingId = created.id;
    const people = [
      { email: "member@example.org", organisation: "fontanhuset-lund" },
      { email: "emmaus@example.org", organisation: "emmaus-lund" },
      { email: "iris@example.org", organisation: "iris-kraft" },
    ];
    for (const p of people) {
      const before = await mark();
      const result = await registerForMeeting({
        db,
        meetingId,
        userId: await userId(p.email),
        organisationId: await organisationIdBySlug(db, p.organisation),
        needs: "",
      });
      expect(result).toEqual({ ok: true, status: "confirmed" });
      const { notifications, emails } = await queuedSince(before);
      expect(notifications.map((n) => n.message_key)).toEqual(["meetings.notify.registered"]);
      expect(emails.map((e) => e.to_address)).toEqual([p.email]);
      expect(JSON.parse(emails[0].attachments!)[0]).toMatchObject({ calendarMethod: "REQUEST", filename: `meeting-${meetingId}.ics` });
    }
    // Iris reads English and has e-mail off for notifications: the bell only.
    await db.updateTable("user").set({ locale: "en" }).where("email", "=", "emmaus@example.org").execute();
    await setEmailNotifications({ db, userId: await userId("iris@example.org"), enabled: false });

    const lower = changingMeeting([coompanion], { place: "Kulturen", capacity: 1 });
    lower.startsAt = new Date(Date.parse(lower.startsAt) + 3600_000).toISOString();
    lower.endsAt = new Date(Date.parse(lower.endsAt) + 3600_000).toISOString();
    const before = await mark();
    expect(await updateMeeting({ db, meetingId, input: lower })).toEqual({ ok: false, error: "fewerPlacesThanRegistered", registered: 3 });
    expect(await queuedSince(before)).toEqual({ notifications: [], emails: [] });
    expect((await db.selectFrom("meeting").select("capacity").where("id", "=", meetingId).executeTakeFirstOrThrow()).capacity).toBe(3);

    expect(await updateMeeting({ db, meetingId, input: lower, confirmFewerPlaces: true })).toEqual({ ok: true, id: meetingId });
    const { notifications, emails } = await queuedSince(before);
    // Everyone registered, each once; nobody else.
    const registered = await db.selectFrom("meeting_registration").select("user_id").where("meeting_id", "=", meetingId).execute();
    expect(notifications.map((n) => n.user_id).sort()).toEqual(registered.map((r) => r.user_id).sort());
    expect(new Set(notifications.map((n) => n.message_key))).toEqual(new Set(["meetings.notify.changed"]));
    expect(JSON.parse(notifications[0].details).map((d: { key: string }) => d.key)).toEqual([
      "meetings.notice.changedTime",
      "meetings.notice.changedPlace",
      "meetings.notice.changedCapacity",
      "meetings.notice.when",
      "meetings.notice.place",
    ]);
    expect(emails.map((e) => e.to_address).sort()).toEqual(["emmaus@example.org", "member@example.org"]);
    const english = emails.find((e) => e.to_address === "emmaus@example.org")!;
    expect(english.subject).toBe("The meeting “Mötet som ändras” has changed | Social Trade Lund");
    expect(english.body_text).toContain("Where: Stadshallen → Kulturen");
    expect(english.body_text).toContain("Places: 3 → 1");
    const swedish = emails.find((e) => e.to_address === "member@example.org")!;
    expect(swedish.subject).toBe("Mötet ”Mötet som ändras” har ändrats | Social Trade Lund");
    expect(swedish.body_text).toMatch(/Tid: .*13:00–15:00 → .*14:00–16:00/);
    // Nobody lost a place.
    expect(
      (await db.selectFrom("meeting_registration").select("status").where("meeting_id", "=", meetingId).execute()).every((r) => r.status === "confirmed"),
    ).toBe(true);

    const cancelMark = await mark();
    expect(await cancelMeeting({ db, meetingId })).toEqual({ ok: true, notified: 3 });
    const cancelled = await queuedSince(cancelMark);
    expect(cancelled.notifications).toHaveLength(3);
    expect(cancelled.emails.map((e) => JSON.parse(e.attachments!)[0].calendarMethod)).toEqual(["CANCEL", "CANCEL"]);
  });
});

describe("Q&A answers", () => {
  it("reach everyone who responded, takes part in a joint bid on the request, or asked about it: nobody else, and not the buyer who answered", async () => {
    const request = await db
      .selectFrom("request")
      .select(["id", "buyer_organisation_id"])
      .where("title", "=", "Sallader till kommunens verksamheter, andra perioden")
      .executeTakeFirstOrThrow();
    const asker = await userId("klinten@example.org");
    const asked = await askQuestion({ db, requestId: request.id, userId: asker, question: "Får salladerna levereras i returlådor?" });
    if (!asked.ok) throw new Error(asked.error.kind);
    const buyer = await userId("buyer@example.org");
    const before = await mark();
    expect(
      await answerQuestion({
        db,
        requestId: request.id,
        buyerOrganisationId: request.buyer_organisation_id,
        questionId: asked.id,
        userId: buyer,
        answer: "Ja, gärna.",
      }),
    ).toEqual({ ok: true });
    const { notifications, emails } = await queuedSince(before);

    // Independently: members of responding or bidding organisations, and askers.
    const orgs = new Set([
      ...(await db.selectFrom("request_response").select("organisation_id").where("request_id", "=", request.id).execute()).map((r) => r.organisation_id),
      ...(
        await db
          .selectFrom("joint_bid_participant")
          .innerJoin("joint_bid", "joint_bid.id", "joint_bid_participant.bid_id")
          .select("joint_bid_participant.organisation_id")
          .where("joint_bid.request_id", "=", request.id)
          .where("joint_bid_participant.status", "!=", "declined")
          .execute()
      ).map((r) => r.organisation_id),
    ]);
    const members = await db
      .selectFrom("membership")
      .select("user_id")
      .where("organisation_id", "in", [...orgs])
      .where("status", "=", "active")
      .execute();
    const askers = await db.selectFrom("request_question").select("asked_by").where("request_id", "=", request.id).execute();
    const expected = new Set([...members.map((m) => m.user_id), ...askers.map((a) => a.asked_by!)]);
    expected.delete(buyer);
    expect(new Set(notifications.map((n) => n.user_id))).toEqual(expected);
    expect(notifications).toHaveLength(expected.size);
    expect(expected.has(asker)).toBe(true);
    expect(JSON.parse(notifications[0].details)).toEqual([
      { key: "requests.notice.question", vars: { question: "Får salladerna levereras i returlådor?" } },
      { key: "requests.notice.answer", vars: { answer: "Ja, gärna." } },
    ]);
    const withEmail = await db
      .selectFrom("user")
      .select("email")
      .where("id", "in", [...expected])
      .where("email_notifications", "=", true)
      .execute();
    expect(emails.map((e) => e.to_address).sort()).toEqual(withEmail.map((u) => u.email).sort());
  });
});

describe("an organisation always has an owner", () => {
  it("refuses to delete the last owner's account, naming the organisation; a second owner makes it possible", async () => {
    const owner = (await createUser({ db, email: "ensam-agare@example.org", name: "Ensam Ägare", password: "a-long-password" }))!;
    const org = await createOrganisation({
      db,
      ownerUserId: owner.id,
      input: profileInput({ name: "Ägda Ateljén", orgNumber: "556677-8899", kind: "work_integrating" }),
    });
    if (!org.ok) throw new Error(org.error.kind);
    expect(await deleteAccount({ db, userId: owner.id, password: "a-long-password" })).toEqual({
      ok: false,
      error: { kind: "lastOwner", organisations: [{ id: org.id, name: "Ägda Ateljén", slug: org.slug }] },
    });
    expect(await db.selectFrom("user").select("id").where("id", "=", owner.id).executeTakeFirst()).toBeDefined();

    // Two owners deleting their accounts at the same moment: one goes, the other is refused.
    const second = (await createUser({ db, email: "andra-agare@example.org", name: "Andra Ägare", password: "a-long-password" }))!;
    await db
      .insertInto("membership")
      .values({ user_id: second.id, organisation_id: org.id, role: "owner", status: "active", created_at: new Date().toISOString() })
      .execute();
    const results = await Promise.all([
      deleteAccount({ db, userId: owner.id, password: "a-long-password" }),
      deleteAccount({ db, userId: second.id, password: "a-long-password" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.kind === "lastOwner")).toHaveLength(1);
    const owners = await db
      .selectFrom("membership")
      .select("user_id")
      .where("organisation_id", "=", org.id)
      .where("role", "=", "owner")
      .where("status", "=", "active")
      .execute();
    expect(owners).toHaveLength(1);
  });

  it("lets a coordinator appoint an owner of an organisation without one: audited, and the new owner and the other members are told", async () => {
    const po = await organisationIdBySlug(db, "po-skane");
    expect((await listOrganisationsWithoutOwner({ db })).map((o) => o.id)).toContain(po);
    const coordinator = await userId("coordinator@example.org");
    const asker = (await createUser({ db, email: "po-medarbetare@example.org", name: "Pia PO", password: "a-long-password" }))!;
    await db.updateTable("user").set({ email_verified_at: new Date().toISOString() }).where("id", "=", asker.id).execute();

    // Asking to join an organisation without an owner reaches the coordinators, who can act on it.
    const joinMark = await mark();
    expect(await requestToJoin({ db, userId: asker.id, organisationId: po })).toEqual({ decidedBy: "coordinators" });
    const coordinators = await db.selectFrom("user_role").select("user_id").where("role", "=", "coordinator").execute();
    const joined = await queuedSince(joinMark);
    expect(joined.notifications.map((n) => [n.user_id, n.message_key])).toEqual(coordinators.map((c) => [c.user_id, "coordinator.joinWithoutOwnerNotice"]));

    expect(await appointOwner({ db, organisationId: po, email: "nobody@example.org", coordinatorId: coordinator })).toEqual({
      ok: false,
      error: { kind: "unknownAccount" },
    });
    const before = await mark();
    expect(await appointOwner({ db, organisationId: po, email: " PO-Medarbetare@example.org ", coordinatorId: coordinator })).toEqual({
      ok: true,
      organisation: "PO Skåne",
      name: "Pia PO",
    });
    expect(
      await db.selectFrom("membership").select(["role", "status"]).where("user_id", "=", asker.id).where("organisation_id", "=", po).executeTakeFirst(),
    ).toEqual({
      role: "owner",
      status: "active",
    });
    expect((await listOrganisationsWithoutOwner({ db })).map((o) => o.id)).not.toContain(po);
    const { notifications } = await queuedSince(before);
    expect(notifications.map((n) => [n.user_id, n.message_key])).toEqual([[asker.id, "coordinator.ownerAppointedNotice"]]);
    const { entries } = await listAuditLog({ db, page: 1, pageSize: 1, filter: { organisationId: po } });
    expect(auditSentence("sv", entries[0])).toBe("Cecilia Samordnare utsåg Pia PO till ägare av PO Skåne");
    expect(auditSentence("en", entries[0])).toBe("Cecilia Samordnare appointed Pia PO an owner of PO Skåne");
  });
});

describe("the audit log", () => {
  it("reads every entry the demo and these tests made as a sentence, in both languages, with no raw keys", async () => {
    const { entries } = await listAuditLog({ db, page: 1, pageSize: 10_000 });
    expect(entries.length).toBeGreaterThan(40);
    for (const entry of entries) {
      for (const locale of ["sv", "en"] as const) {
        const sentence = auditSentence(locale, entry);
        expect(sentence, `${entry.entity} ${entry.action}`).not.toMatch(
          /status\.|\b(organisation|bid|account|request|membership|role) [0-9a-f-]+:|\{|security\.audit/,
        );
        expect(sentence).not.toContain(locale === "sv" ? "gjorde en ändring" : "made a change");
      }
    }
  });

  it("filters by organisation, person, kind and period, and pages", async () => {
    const fontan = await organisationIdBySlug(db, "fontanhuset-lund");
    const coordinator = await userId("coordinator@example.org");
    const all = (await listAuditLog({ db, page: 1, pageSize: 10_000 })).entries;
    const byOrg = await listAuditLog({ db, page: 1, pageSize: 10_000, filter: { organisationId: fontan } });
    expect(byOrg.entries.map((e) => e.id)).toEqual(all.filter((e) => e.organisation_name === "Fontänhuset Lund").map((e) => e.id));
    const byPerson = await listAuditLog({ db, page: 1, pageSize: 10_000, filter: { actorUserId: coordinator } });
    expect(byPerson.total).toBe(all.filter((e) => e.actor_user_id === coordinator).length);
    const roles = await listAuditLog({ db, page: 1, pageSize: 10_000, filter: { entity: "role" } });
    expect(roles.entries.every((e) => e.entity === "role")).toBe(true);
    expect(roles.total).toBeGreaterThan(0);
    const future = await listAuditLog({ db, page: 1, pageSize: 10, filter: { from: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(future.total).toBe(0);
    const pageTwo = await listAuditLog({ db, page: 2, pageSize: 10 });
    expect(pageTwo.entries.map((e) => e.id)).toEqual(all.slice(10, 20).map((e) => e.id));
    const choices = await auditFilterChoices({ db });
    expect(choices.people.map((p) => p.id)).toContain(coordinator);
    expect(choices.organisations.map((o) => o.id)).toContain(fontan);
  });
});

describe("meeting reminders", () => {
  it("go the day before to those holding a place, for meetings that send them, once; a new time reminds again", async () => {
    const coompanion = await organisationIdBySlug(db, "coompanion-skane");
    const now = new Date();
    const soon = new Date(now.getTime() + 20 * 3600_000);
    const at = (start: Date) => ({
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      registrationDeadline: new Date(now.getTime() + 3600_000).toISOString(),
    });
    const reminded = await createMeeting({ db, userId: null, input: meetingInput([coompanion], { title: "Påminns", ...at(soon), capacity: 1 }) });
    const quiet = await createMeeting({ db, userId: null, input: meetingInput([coompanion], { title: "Påminns inte", ...at(soon), sendReminder: false }) });
    const later = await createMeeting({
      db,
      userId: null,
      input: meetingInput([coompanion], { title: "Om två dagar", ...at(new Date(now.getTime() + 48 * 3600_000)) }),
    });
    if (!reminded.ok || !quiet.ok || !later.ok) throw new Error("not created");
    const fontan = await organisationIdBySlug(db, "fontanhuset-lund");
    const emmaus = await organisationIdBySlug(db, "emmaus-lund");
    for (const meetingId of [reminded.id, quiet.id, later.id]) {
      await registerForMeeting({ db, meetingId, userId: await userId("member@example.org"), organisationId: fontan, needs: "" });
    }
    // On the waitlist of the first: no reminder of a place they do not have.
    await registerForMeeting({ db, meetingId: reminded.id, userId: await userId("emmaus@example.org"), organisationId: emmaus, needs: "" });

    const before = await mark();
    expect(await sendMeetingReminders({ db, now })).toBe(1);
    expect(await sendMeetingReminders({ db, now })).toBe(0);
    const { notifications, emails } = await queuedSince(before);
    expect(notifications.map((n) => [n.user_id, n.message_key])).toEqual([[await userId("member@example.org"), "meetings.notify.reminder"]]);
    expect(emails.map((e) => e.to_address)).toEqual(["member@example.org"]);

    // Moved to another day: reminded again when that day comes.
    const moved = new Date(now.getTime() + 30 * 3600_000);
    const result = await updateMeeting({ db, meetingId: reminded.id, input: meetingInput([coompanion], { title: "Påminns", ...at(moved), capacity: 1 }) });
    expect(result).toEqual({ ok: true, id: reminded.id });
    expect(await sendMeetingReminders({ db, now })).toBe(0);
    expect(await sendMeetingReminders({ db, now: new Date(now.getTime() + 8 * 3600_000) })).toBe(1);
  });
});
