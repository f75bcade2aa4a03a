/**
 * The rest of who hears what (decision 020), against a real database with the demo network: an
 * application reaches the coordinators; approval, verification and rejection (with the reason and
 * the way back) reach the applicant, who can apply again; a changed password is told by e-mail
 * even with e-mail notices off. And the smaller meeting rules: minutes only once a meeting has
 * started, action items edited, reassigned and deleted, agenda links that lead nowhere refused.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { changePassword, exportPersonalData } from "../../app/models/account.server";
import { rejectApplication } from "../../app/models/coordination.server";
import { addActionItem, deleteActionItem, saveMinutes, updateActionItem } from "../../app/models/meeting-minutes.server";
import { createMeeting } from "../../app/models/meeting.server";
import { setEmailNotifications } from "../../app/models/notification.server";
import { applyAgain, approveOrganisation, createOrganisation, verifyOrganisation } from "../../app/models/organisation.server";
import { createUser } from "../../app/models/user.server";
import type { DB } from "../../db/client.server";
import { profileInput } from "./fixtures";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { meetingInput } from "./support/meeting-input";

let db: DB;
let close: () => Promise<void>;
beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", "https://stl.example");
  ({ db, close } = await openDemoDatabase());
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await close();
});

const userId = async (email: string) => (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

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
async function queuedSince(since: { notification: number; email: number }) {
  const notifications = await db.selectFrom("notification").select(["user_id", "message_key"]).where("id", ">", since.notification).orderBy("id").execute();
  const emails = await db.selectFrom("email_outbox").select(["to_address", "subject", "body_text"]).where("id", ">", since.email).orderBy("id").execute();
  return { notifications, emails };
}
/** The coordinators, read from the roles table itself. */
async function coordinatorIds(): Promise<string[]> {
  return (await db.selectFrom("user_role").select("user_id").where("role", "=", "coordinator").execute()).map((r) => r.user_id).sort();
}

describe("an application", () => {
  it("reaches the coordinators; approval, verification and a rejection with its reason reach the applicant, who can apply again", async () => {
    const applicant = (await createUser({ db, email: "sokande@example.org", name: "Sara Sökande", password: "a-long-password" }))!;
    const coordinator = await userId("coordinator@example.org");

    let before = await mark();
    const created = await createOrganisation({
      db,
      ownerUserId: applicant.id,
      input: profileInput({ name: "Sökande Snickeriet", orgNumber: "556611-2233", kind: "work_integrating" }),
    });
    if (!created.ok) throw new Error(created.error.kind);
    let queued = await queuedSince(before);
    expect(queued.notifications.map((n) => n.user_id).sort()).toEqual(await coordinatorIds());
    expect(new Set(queued.notifications.map((n) => n.message_key))).toEqual(new Set(["coordinator.appliedNotice"]));
    expect(queued.notifications.map((n) => n.user_id)).not.toContain(applicant.id);

    // Rejected with a reason: the applicant hears the reason and where to apply again; nobody else.
    before = await mark();
    expect(await rejectApplication({ db, organisationId: created.id, coordinatorId: coordinator, reason: "Organisationsnumret stämmer inte." })).toMatchObject({
      ok: true,
    });
    queued = await queuedSince(before);
    expect(queued.notifications).toEqual([{ user_id: applicant.id, message_key: "coordinator.rejectedNotice" }]);
    expect(queued.emails.map((e) => e.to_address)).toEqual(["sokande@example.org"]);
    expect(queued.emails[0].body_text).toContain("Skäl: Organisationsnumret stämmer inte.");
    expect(queued.emails[0].body_text).toContain(`https://stl.example/organisations/${created.slug}/edit#apply-again`);

    // Applying again clears the rejection, keeps it in the log, and reaches the coordinators.
    before = await mark();
    expect(await applyAgain({ db, organisationId: created.id, userId: applicant.id })).toBe(true);
    expect(await applyAgain({ db, organisationId: created.id, userId: applicant.id })).toBe(false);
    queued = await queuedSince(before);
    expect(queued.notifications.map((n) => n.user_id).sort()).toEqual(await coordinatorIds());
    expect(new Set(queued.notifications.map((n) => n.message_key))).toEqual(new Set(["coordinator.appliedAgainNotice"]));
    expect(
      await db.selectFrom("organisation").select(["status", "rejected_at", "rejection_reason"]).where("id", "=", created.id).executeTakeFirstOrThrow(),
    ).toEqual({
      status: "applicant",
      rejected_at: null,
      rejection_reason: null,
    });
    const logged = await db.selectFrom("audit_log").select(["action", "details"]).where("organisation_id", "=", created.id).orderBy("id").execute();
    expect(logged.map((l) => l.action)).toEqual(["registered", "rejected", "appliedAgain"]);
    expect(JSON.parse(String(logged[2].details))).toEqual({ previousReason: "Organisationsnumret stämmer inte." });

    // Approved, then verified: the applicant hears each, with the e-mail setting respected.
    for (const [decide, key] of [
      [() => approveOrganisation({ db, organisationId: created.id, coordinatorId: coordinator }), "coordinator.approvedNotice"],
      [() => verifyOrganisation({ db, organisationId: created.id, coordinatorId: coordinator }), "coordinator.verifiedNotice"],
    ] as const) {
      before = await mark();
      expect(await decide()).toBe("Sökande Snickeriet");
      queued = await queuedSince(before);
      expect(queued.notifications).toEqual([{ user_id: applicant.id, message_key: key }]);
      expect(queued.emails.map((e) => e.to_address)).toEqual(["sokande@example.org"]);
      expect(queued.emails[0].body_text).toContain(`https://stl.example/organisations/${created.slug}`);
    }
  });
});

describe("a changed password", () => {
  it("is told by e-mail even with e-mail notices off, with the link to take the account back", async () => {
    const person = (await createUser({ db, email: "bytte-losen@example.org", name: "Bo Byte", password: "a-long-password" }))!;
    await setEmailNotifications({ db, userId: person.id, enabled: false });
    const before = await mark();
    expect(
      await changePassword({ db, userId: person.id, currentPassword: "a-long-password", newPassword: "another-long-password", keepSessionId: "none" }),
    ).toEqual({ ok: true });
    const { notifications, emails } = await queuedSince(before);
    expect(notifications).toEqual([{ user_id: person.id, message_key: "account.passwordChangedNotice" }]);
    expect(emails.map((e) => e.to_address)).toEqual(["bytte-losen@example.org"]);
    expect(emails[0].body_text).toContain("Var det inte du? Återställ lösenordet genast, så loggas alla ut: https://stl.example/forgot-password");
    // A wrong current password changes nothing and tells nobody.
    const after = await mark();
    expect(await changePassword({ db, userId: person.id, currentPassword: "wrong", newPassword: "a-third-long-password", keepSessionId: "none" })).toEqual({
      ok: false,
      error: { kind: "wrongPassword" },
    });
    expect(await queuedSince(after)).toEqual({ notifications: [], emails: [] });
  });
});

describe("the data export", () => {
  it("holds the texts, offerings and capacity of the person's organisation, kinds and weekdays as words", async () => {
    const exported = (await exportPersonalData({ db, userId: await userId("member@example.org") }))!;
    const fontanhuset = await db.selectFrom("organisation").select(["id", "description"]).where("slug", "=", "fontanhuset-lund").executeTakeFirstOrThrow();
    const organisation = exported.organisations.find((o) => o.name === "Fontänhuset Lund")!;
    expect(organisation.description).toBe(fontanhuset.description);
    const offerings = await db.selectFrom("offering").select("title").where("organisation_id", "=", fontanhuset.id).orderBy("title").execute();
    expect(organisation.offerings.map((o) => o.title).sort()).toEqual(offerings.map((o) => o.title));
    const lines = await db
      .selectFrom("capacity_line")
      .innerJoin("offering", "offering.id", "capacity_line.offering_id")
      .select("capacity_line.id")
      .where("offering.organisation_id", "=", fontanhuset.id)
      .execute();
    expect(organisation.offerings.flatMap((o) => o.capacity)).toHaveLength(lines.length);
    expect(organisation.kind).not.toMatch(/^kind\./);
    for (const line of organisation.offerings.flatMap((o) => o.capacity)) for (const day of line.weekdays) expect(day).not.toMatch(/^weekday\./);
  });
});

describe("meeting follow-up", () => {
  async function meeting(title: string, startsInHours: number) {
    const coompanion = await organisationIdBySlug(db, "coompanion-skane");
    const start = new Date(Date.now() + startsInHours * 3600_000);
    const created = await createMeeting({
      db,
      userId: null,
      input: meetingInput([coompanion], {
        title,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3600_000).toISOString(),
        registrationDeadline: new Date(start.getTime() - 3600_000).toISOString(),
      }),
    });
    if (!created.ok) throw new Error(created.error);
    return created.id;
  }

  it("takes minutes only once the meeting has started", async () => {
    const future = await meeting("Framtida", 48);
    expect(await saveMinutes({ db, meetingId: future, minutes: "# Protokoll", published: true, userId: null })).toMatchObject({
      ok: false,
      error: { kind: "notStarted" },
    });
    expect((await db.selectFrom("meeting").select("minutes").where("id", "=", future).executeTakeFirstOrThrow()).minutes).toBeFalsy();
    const started = await meeting("Påbörjat", -0.5);
    expect(await saveMinutes({ db, meetingId: started, minutes: "# Protokoll", published: true, userId: null })).toEqual({ ok: true });
  });

  it("edits, reassigns and deletes action items of that meeting only", async () => {
    const meetingId = await meeting("Med åtgärder", -2);
    const other = await meeting("Annat möte", -3);
    const fontanhuset = await organisationIdBySlug(db, "fontanhuset-lund");
    const emmaus = await organisationIdBySlug(db, "emmaus-lund");
    expect(await addActionItem({ db, meetingId, input: { text: "Skicka offert", organisationId: fontanhuset, dueDate: "2026-12-20" } })).toEqual({ ok: true });
    const action = await db.selectFrom("meeting_action").select("id").where("meeting_id", "=", meetingId).executeTakeFirstOrThrow();
    expect(await updateActionItem({ db, meetingId: other, actionId: action.id, input: { text: "x", organisationId: emmaus, dueDate: "2026-12-21" } })).toEqual({
      ok: false,
      error: { kind: "notFound" },
    });
    expect(
      await updateActionItem({
        db,
        meetingId,
        actionId: action.id,
        input: { text: "Skicka offert och prislista", organisationId: emmaus, dueDate: "2026-12-22" },
      }),
    ).toEqual({ ok: true });
    expect(await db.selectFrom("meeting_action").select(["text", "organisation_id", "due_date"]).where("id", "=", action.id).executeTakeFirstOrThrow()).toEqual(
      {
        text: "Skicka offert och prislista",
        organisation_id: emmaus,
        due_date: "2026-12-22",
      },
    );
    expect(await deleteActionItem({ db, meetingId: other, actionId: action.id })).toBe(false);
    expect(await deleteActionItem({ db, meetingId, actionId: action.id })).toBe(true);
    expect(await db.selectFrom("meeting_action").select("id").where("id", "=", action.id).executeTakeFirst()).toBeUndefined();
  });

  it("refuses an agenda link to a joint bid or request that does not exist, naming the row", async () => {
    const coompanion = await organisationIdBySlug(db, "coompanion-skane");
    const result = await createMeeting({
      db,
      userId: null,
      input: meetingInput([coompanion], {
        title: "Fel länk",
        agenda: [
          { title: "Rätt", durationMinutes: 10, requestId: null, jointBidId: null },
          { title: "Budet som inte finns", durationMinutes: 10, requestId: null, jointBidId: 999_999 },
        ],
      }),
    });
    expect(result).toEqual({ ok: false, error: "unknownAgendaLink", links: [{ index: 1, link: "jointBidId" }] });
    expect(await db.selectFrom("meeting").select("id").where("title", "=", "Fel länk").executeTakeFirst()).toBeUndefined();
  });
});
