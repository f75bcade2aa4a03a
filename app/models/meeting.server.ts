import { randomUUID } from "node:crypto";
import { actingOrganisations } from "./acting-organisations.server";
import type { DB } from "../../db/client.server";
import type { RegistrationStatus } from "../../db/schema";
import { registrationClosedReason, registrationsToPromote, statusForNewRegistration } from "../domain/waitlist";
import { isOverdue, meetingChanges, placesOverCapacity, type MeetingSummary } from "../domain/meeting";
import { stockholmDate } from "../domain/lund-time";
import type { MeetingInput } from "../utils/meeting-forms";
import {
  conveningHandedOver,
  meetingCancelled,
  meetingChanged,
  promotedFromWaitlist,
  registrationConfirmed,
  registrationWaitlisted,
} from "./notices/meetings.server";

/**
 * Network meetings: the meeting with its conveners and agenda, registrations with a waitlist,
 * attendance, minutes, action items and convener handovers. Every change that touches more than
 * one row runs in one transaction; transactions take the database's write lock first (decisions 013
 * and 014), so a registration that counts the places taken and then writes never races another.
 */

const nowIso = () => new Date().toISOString();

// --- Reading ---------------------------------------------------------------------------------------


async function convenersOf(db: DB, meetingIds: number[]) {
  if (meetingIds.length === 0) return new Map<number, MeetingSummary["conveners"]>();
  const rows = await db
    .selectFrom("meeting_convener")
    .innerJoin("organisation", "organisation.id", "meeting_convener.organisation_id")
    .select(["meeting_convener.meeting_id", "organisation.id", "organisation.name", "organisation.slug"])
    .where("meeting_convener.meeting_id", "in", meetingIds)
    .orderBy("organisation.name")
    .execute();
  const map = new Map<number, MeetingSummary["conveners"]>();
  for (const row of rows) map.set(row.meeting_id, [...(map.get(row.meeting_id) ?? []), { id: row.id, name: row.name, slug: row.slug }]);
  return map;
}

function summaryQuery(db: DB) {
  return db
    .selectFrom("meeting")
    .select((eb) => [
      "meeting.id",
      "meeting.title",
      "meeting.starts_at",
      "meeting.ends_at",
      "meeting.place",
      "meeting.online_url",
      "meeting.capacity",
      "meeting.status",
      eb
        .selectFrom("meeting_registration")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("meeting_registration.meeting_id", "=", "meeting.id")
        .where("meeting_registration.status", "=", "confirmed")
        .as("confirmed"),
      eb
        .selectFrom("meeting_registration")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("meeting_registration.meeting_id", "=", "meeting.id")
        .where("meeting_registration.status", "=", "waitlisted")
        .as("waitlisted"),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["execute"]>>[number];

async function toSummaries(db: DB, rows: SummaryRow[]): Promise<MeetingSummary[]> {
  const conveners = await convenersOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    onlineUrl: r.online_url,
    capacity: r.capacity,
    confirmed: Number(r.confirmed ?? 0),
    waitlisted: Number(r.waitlisted ?? 0),
    status: r.status,
    conveners: conveners.get(r.id) ?? [],
  }));
}

/** Upcoming meetings (not yet ended) soonest first, and past ones latest first. */
export async function listMeetings({ db, now = new Date() }: { db: DB; now?: Date }) {
  const at = now.toISOString();
  const upcoming = await summaryQuery(db).where("meeting.ends_at", ">=", at).orderBy("meeting.starts_at").execute();
  const past = await summaryQuery(db).where("meeting.ends_at", "<", at).orderBy("meeting.starts_at", "desc").limit(100).execute();
  return { upcoming: await toSummaries(db, upcoming), past: await toSummaries(db, past) };
}

export async function getMeeting({ db, meetingId }: { db: DB; meetingId: number }) {
  const row = await db.selectFrom("meeting").selectAll().where("id", "=", meetingId).executeTakeFirst();
  if (!row) return null;
  const [summary] = await toSummaries(db, await summaryQuery(db).where("meeting.id", "=", meetingId).execute());
  const agenda = await db
    .selectFrom("meeting_agenda_item")
    .leftJoin("request", "request.id", "meeting_agenda_item.request_id")
    .select([
      "meeting_agenda_item.id",
      "meeting_agenda_item.position",
      "meeting_agenda_item.title",
      "meeting_agenda_item.duration_minutes",
      "meeting_agenda_item.request_id",
      "meeting_agenda_item.joint_bid_id",
      "request.title as request_title",
    ])
    .where("meeting_agenda_item.meeting_id", "=", meetingId)
    .orderBy("meeting_agenda_item.position")
    .execute();
  return {
    ...summary,
    uid: row.uid,
    description: row.description,
    registrationDeadline: row.registration_deadline,
    sequence: row.sequence,
    sendReminder: row.send_reminder,
    minutes: row.minutes,
    minutesPublished: row.minutes_published,
    updatedAt: row.updated_at,
    agenda: agenda.map((a) => ({
      id: a.id,
      title: a.title,
      durationMinutes: a.duration_minutes,
      requestId: a.request_id,
      requestTitle: a.request_title,
      jointBidId: a.joint_bid_id,
    })),
  };
}

export type MeetingDetail = NonNullable<Awaited<ReturnType<typeof getMeeting>>>;

/** Organisations that can convene: support organisations and buyers (the municipality). */
export async function listConvenerCandidates({ db }: { db: DB }) {
  return db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("status", "=", "active")
    .where("kind", "in", ["support", "buyer"])
    .orderBy("name")
    .execute();
}

/** Requests an agenda item can point at. */
export async function listLinkableRequests({ db }: { db: DB }) {
  return db.selectFrom("request").select(["id", "title"]).where("status", "!=", "draft").orderBy("id", "desc").limit(200).execute();
}

// --- Creating and editing ----------------------------------------------------------------------------

/** An agenda item (by its place in `input.agenda`) whose link leads nowhere. */
export interface BrokenAgendaLink {
  index: number;
  link: "requestId" | "jointBidId";
}

type ReferenceProblem = { ok: false; error: "unknownConvener" } | { ok: false; error: "unknownAgendaLink"; links: BrokenAgendaLink[] };

export type MeetingWriteResult =
  | { ok: true; id: number }
  | { ok: false; error: "cancelled" }
  | ReferenceProblem
  /** Fewer places than people holding one: saved only when the coordinator confirms it. */
  | { ok: false; error: "fewerPlacesThanRegistered"; registered: number };

/** Conveners must be active support organisations or buyers; agenda links must lead to a request or joint bid that exists. */
async function checkReferences(db: DB, input: MeetingInput): Promise<ReferenceProblem | null> {
  const conveners = await db
    .selectFrom("organisation")
    .select("id")
    .where("id", "in", input.convenerIds)
    .where("status", "=", "active")
    .where("kind", "in", ["support", "buyer"])
    .execute();
  if (conveners.length !== input.convenerIds.length) return { ok: false, error: "unknownConvener" };
  const linked = (link: BrokenAgendaLink["link"]) => [...new Set(input.agenda.map((a) => a[link]).filter((id): id is number => id !== null))];
  const requestIds = linked("requestId");
  const jointBidIds = linked("jointBidId");
  const requests = new Set(requestIds.length ? (await db.selectFrom("request").select("id").where("id", "in", requestIds).where("status", "!=", "draft").execute()).map((r) => r.id) : []);
  const bids = new Set(jointBidIds.length ? (await db.selectFrom("joint_bid").select("id").where("id", "in", jointBidIds).execute()).map((b) => b.id) : []);
  const links: BrokenAgendaLink[] = input.agenda.flatMap((item, index) => [
    ...(item.requestId !== null && !requests.has(item.requestId) ? [{ index, link: "requestId" as const }] : []),
    ...(item.jointBidId !== null && !bids.has(item.jointBidId) ? [{ index, link: "jointBidId" as const }] : []),
  ]);
  return links.length > 0 ? { ok: false, error: "unknownAgendaLink", links } : null;
}

async function replaceConvenersAndAgenda(trx: DB, meetingId: number, input: MeetingInput) {
  await trx.deleteFrom("meeting_convener").where("meeting_id", "=", meetingId).execute();
  await trx
    .insertInto("meeting_convener")
    .values(input.convenerIds.map((organisation_id) => ({ meeting_id: meetingId, organisation_id })))
    .execute();
  await trx.deleteFrom("meeting_agenda_item").where("meeting_id", "=", meetingId).execute();
  if (input.agenda.length > 0) {
    await trx
      .insertInto("meeting_agenda_item")
      .values(
        input.agenda.map((item, i) => ({
          meeting_id: meetingId,
          position: i + 1,
          title: item.title,
          duration_minutes: item.durationMinutes,
          request_id: item.requestId,
          joint_bid_id: item.jointBidId,
        })),
      )
      .execute();
  }
}

function meetingColumns(input: MeetingInput) {
  return {
    title: input.title,
    description: input.description,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    registration_deadline: input.registrationDeadline,
    place: input.place,
    online_url: input.onlineUrl,
    capacity: input.capacity,
    send_reminder: input.sendReminder,
  };
}

export async function createMeeting({
  db,
  userId,
  input,
  isExample = false,
}: {
  db: DB;
  userId: string | null;
  input: MeetingInput;
  isExample?: boolean;
}): Promise<MeetingWriteResult> {
  return db.transaction().execute(async (trx) => {
    const problem = await checkReferences(trx, input);
    if (problem) return problem;
    const at = nowIso();
    const { id } = await trx
      .insertInto("meeting")
      .values({
        ...meetingColumns(input),
        uid: `${randomUUID()}@social-trade-lund`,
        created_by: userId,
        created_at: at,
        updated_at: at,
        is_example: isExample,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceConvenersAndAgenda(trx, id, input);
    return { ok: true, id };
  });
}

/**
 * Edits a meeting and raises its calendar SEQUENCE. Everyone registered hears what changed in its
 * time, place, link or places (old → new), those with a place with the updated calendar entry;
 * places added are filled from the waitlist. Fewer places than people holding one is saved only
 * when `confirmFewerPlaces` (nobody loses a place; the count is checked under the write lock).
 * A new time clears the reminder, so the registered are reminded of the new day.
 */
export async function updateMeeting({
  db,
  meetingId,
  input,
  confirmFewerPlaces = false,
}: {
  db: DB;
  meetingId: number;
  input: MeetingInput;
  confirmFewerPlaces?: boolean;
}): Promise<MeetingWriteResult | null> {
  return db.transaction().execute(async (trx): Promise<MeetingWriteResult | null> => {
    const before = await trx
      .selectFrom("meeting")
      .select(["id", "status", "starts_at", "ends_at", "place", "online_url", "capacity"])
      .where("id", "=", meetingId)
      .executeTakeFirst();
    if (!before) return null;
    if (before.status === "cancelled") return { ok: false, error: "cancelled" };
    const problem = await checkReferences(trx, input);
    if (problem) return problem;
    const registered = await confirmedCount(trx, meetingId);
    if (placesOverCapacity({ capacity: input.capacity, confirmed: registered }) > 0 && !confirmFewerPlaces) {
      return { ok: false, error: "fewerPlacesThanRegistered", registered };
    }
    const changes = meetingChanges(
      { startsAt: before.starts_at, endsAt: before.ends_at, place: before.place, onlineUrl: before.online_url, capacity: before.capacity },
      { startsAt: input.startsAt, endsAt: input.endsAt, place: input.place, onlineUrl: input.onlineUrl, capacity: input.capacity },
    );
    const retimed = changes.some((c) => c.what === "time");
    await trx
      .updateTable("meeting")
      .set((eb) => ({ ...meetingColumns(input), updated_at: nowIso(), sequence: eb("sequence", "+", 1), ...(retimed ? { reminder_sent_at: null } : {}) }))
      .where("id", "=", meetingId)
      .execute();
    await replaceConvenersAndAgenda(trx, meetingId, input);
    // Those promoted by added places hear of their place (with the meeting as it now is), not of the change too.
    const promoted = await promoteWaitlisted(trx, meetingId);
    await meetingChanged({ db: trx, meetingId, changes, except: promoted });
    return { ok: true, id: meetingId };
  });
}

/** Cancels a meeting and tells everyone registered or waiting. */
export async function cancelMeeting({ db, meetingId }: { db: DB; meetingId: number }): Promise<{ ok: true; notified: number } | { ok: false; error: "alreadyCancelled" } | null> {
  return db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom("meeting").select(["id", "status"]).where("id", "=", meetingId).executeTakeFirst();
    if (!meeting) return null;
    if (meeting.status === "cancelled") return { ok: false, error: "alreadyCancelled" };
    const at = nowIso();
    await trx
      .updateTable("meeting")
      .set((eb) => ({ status: "cancelled", cancelled_at: at, updated_at: at, sequence: eb("sequence", "+", 1) }))
      .where("id", "=", meetingId)
      .execute();
    return { ok: true, notified: await meetingCancelled({ db: trx, meetingId }) };
  });
}

// --- Registration ------------------------------------------------------------------------------------

export type RegisterResult =
  | { ok: true; status: RegistrationStatus }
  | { ok: false; error: "notMember" | "cancelled" | "deadlinePassed" | "alreadyRegistered" };

async function confirmedCount(trx: DB, meetingId: number): Promise<number> {
  const row = await trx
    .selectFrom("meeting_registration")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Registers the user, acting for one of their own active organisations, for a place or, when the
 * meeting is full, for the waitlist. The count and the insert share one write transaction, so
 * simultaneous registrations cannot take more places than there are.
 */
export async function registerForMeeting({
  db,
  meetingId,
  userId,
  organisationId,
  needs,
  now = new Date(),
}: {
  db: DB;
  meetingId: number;
  userId: string;
  organisationId: number;
  needs: string;
  now?: Date;
}): Promise<RegisterResult | null> {
  return db.transaction().execute(async (trx) => {
    const meeting = await trx
      .selectFrom("meeting")
      .select(["id", "status", "registration_deadline", "capacity"])
      .where("id", "=", meetingId)
      .executeTakeFirst();
    if (!meeting) return null;
    const closed = registrationClosedReason({ status: meeting.status, registrationDeadline: meeting.registration_deadline, now });
    if (closed) return { ok: false, error: closed };
    const actingFor = (await actingOrganisations({ db: trx, userId })).find((o) => o.id === organisationId);
    if (!actingFor) return { ok: false, error: "notMember" };
    const existing = await trx
      .selectFrom("meeting_registration")
      .select("id")
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (existing) return { ok: false, error: "alreadyRegistered" };
    const status = statusForNewRegistration({ capacity: meeting.capacity, confirmed: await confirmedCount(trx, meetingId) });
    const { id } = await trx
      .insertInto("meeting_registration")
      .values({
        meeting_id: meetingId,
        user_id: userId,
        organisation_id: organisationId,
        status,
        needs: needs.trim() === "" ? null : needs.trim(),
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (status === "confirmed") {
      await registrationConfirmed({ db: trx, meetingId, userId, organisation: actingFor.name });
    } else {
      await registrationWaitlisted({ db: trx, meetingId, userId, position: await waitlistPosition(trx, meetingId, id) });
    }
    return { ok: true, status };
  });
}

/** A waiting registration's place in the queue, 1 for the first. */
async function waitlistPosition(db: DB, meetingId: number, registrationId: number): Promise<number> {
  const ahead = await db
    .selectFrom("meeting_registration")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "waitlisted")
    .where("id", "<", registrationId)
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}

/** Fills free places from the waitlist, earliest first, and tells each promoted person; their user ids. */
async function promoteWaitlisted(trx: DB, meetingId: number): Promise<string[]> {
  const meeting = await trx.selectFrom("meeting").select(["capacity", "status"]).where("id", "=", meetingId).executeTakeFirstOrThrow();
  if (meeting.status === "cancelled") return [];
  const waitlist = await trx
    .selectFrom("meeting_registration")
    .select(["id", "user_id"])
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "waitlisted")
    .orderBy("id")
    .execute();
  const promoted = registrationsToPromote({ capacity: meeting.capacity, confirmed: await confirmedCount(trx, meetingId), waitlist });
  if (promoted.length === 0) return [];
  await trx
    .updateTable("meeting_registration")
    .set({ status: "confirmed", promoted_at: nowIso() })
    .where("id", "in", promoted.map((p) => p.id))
    .execute();
  const userIds = promoted.map((p) => p.user_id);
  await promotedFromWaitlist({ db: trx, meetingId, userIds });
  return userIds;
}

/** Withdraws the user's own registration; the first on the waitlist takes the place. */
export async function cancelRegistration({
  db,
  meetingId,
  userId,
}: {
  db: DB;
  meetingId: number;
  userId: string;
}): Promise<{ ok: true; promoted: number } | { ok: false; error: "notRegistered" }> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom("meeting_registration")
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return { ok: false, error: "notRegistered" };
    return { ok: true, promoted: (await promoteWaitlisted(trx, meetingId)).length };
  });
}

/** The user's own registration for the meeting, with the place on the waitlist. */
export async function getOwnRegistration({ db, meetingId, userId }: { db: DB; meetingId: number; userId: string }) {
  const row = await db
    .selectFrom("meeting_registration")
    .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
    .select(["meeting_registration.id", "meeting_registration.status", "organisation.name as organisation_name"])
    .where("meeting_registration.meeting_id", "=", meetingId)
    .where("meeting_registration.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    status: row.status,
    organisationName: row.organisation_name,
    waitlistPosition: row.status === "waitlisted" ? await waitlistPosition(db, meetingId, row.id) : null,
  };
}

/**
 * Everyone registered, in order. Needs are included only when asked for, and the route asks only
 * for coordinators.
 */
export async function listRegistrations({ db, meetingId, includeNeeds }: { db: DB; meetingId: number; includeNeeds: boolean }) {
  const rows = await db
    .selectFrom("meeting_registration")
    .innerJoin("user", "user.id", "meeting_registration.user_id")
    .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
    .select([
      "meeting_registration.id",
      "meeting_registration.status",
      "meeting_registration.needs",
      "meeting_registration.attended",
      "user.name as user_name",
      "organisation.name as organisation_name",
    ])
    .where("meeting_registration.meeting_id", "=", meetingId)
    .orderBy("meeting_registration.status")
    .orderBy("meeting_registration.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    name: r.user_name,
    organisationName: r.organisation_name,
    attended: r.attended,
    needs: includeNeeds ? r.needs : null,
  }));
}

/** Attendance: who of those registered came. Only people registered for this meeting can be marked. */
export async function recordAttendance({ db, meetingId, attendedRegistrationIds }: { db: DB; meetingId: number; attendedRegistrationIds: number[] }) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("meeting_registration").set({ attended: false }).where("meeting_id", "=", meetingId).execute();
    if (attendedRegistrationIds.length > 0) {
      await trx
        .updateTable("meeting_registration")
        .set({ attended: true })
        .where("meeting_id", "=", meetingId)
        .where("id", "in", attendedRegistrationIds)
        .execute();
    }
  });
}

/** Who came, by organisation: shown to signed-in members. */
export async function listAttendance({ db, meetingId }: { db: DB; meetingId: number }) {
  return db
    .selectFrom("meeting_registration")
    .innerJoin("user", "user.id", "meeting_registration.user_id")
    .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
    .select(["user.name", "organisation.name as organisation_name"])
    .where("meeting_registration.meeting_id", "=", meetingId)
    .where("meeting_registration.attended", "=", true)
    .orderBy("organisation.name")
    .orderBy("user.name")
    .execute();
}

/**
 * Saves (and publishes) a meeting's minutes, once the meeting has started: minutes of a meeting
 * still to come would record what has not happened.
 */
export async function saveMinutes({
  db,
  meetingId,
  minutes,
  published,
  userId,
  now = new Date(),
}: {
  db: DB;
  meetingId: number;
  minutes: string;
  published: boolean;
  userId: string | null;
  now?: Date;
}): Promise<{ ok: true } | { ok: false; error: "notFound" } | { ok: false; error: "notStarted"; startsAt: string }> {
  const meeting = await db.selectFrom("meeting").select("starts_at").where("id", "=", meetingId).executeTakeFirst();
  if (!meeting) return { ok: false, error: "notFound" };
  if (Date.parse(meeting.starts_at) > now.getTime()) return { ok: false, error: "notStarted", startsAt: meeting.starts_at };
  const result = await db
    .updateTable("meeting")
    .set({ minutes, minutes_published: published, minutes_by: userId, updated_at: nowIso() })
    .where("id", "=", meetingId)
    .where("starts_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { ok: true } : { ok: false, error: "notFound" };
}

// --- Action items -----------------------------------------------------------------------------------

export async function addActionItem({
  db,
  meetingId,
  input,
}: {
  db: DB;
  meetingId: number;
  input: { text: string; organisationId: number; dueDate: string };
}): Promise<{ ok: true } | { ok: false; error: "unknownOrganisation" }> {
  const org = await db.selectFrom("organisation").select("id").where("id", "=", input.organisationId).where("status", "=", "active").executeTakeFirst();
  if (!org) return { ok: false, error: "unknownOrganisation" };
  await db
    .insertInto("meeting_action")
    .values({ meeting_id: meetingId, text: input.text, organisation_id: input.organisationId, due_date: input.dueDate, created_at: nowIso() })
    .execute();
  return { ok: true };
}

/** Changes an action of this meeting: its text, the organisation responsible, the due date. False when the meeting has no such action. */
export async function updateActionItem({
  db,
  meetingId,
  actionId,
  input,
}: {
  db: DB;
  meetingId: number;
  actionId: number;
  input: { text: string; organisationId: number; dueDate: string };
}): Promise<{ ok: true } | { ok: false; error: "notFound" | "unknownOrganisation" }> {
  const org = await db.selectFrom("organisation").select("id").where("id", "=", input.organisationId).where("status", "=", "active").executeTakeFirst();
  if (!org) return { ok: false, error: "unknownOrganisation" };
  const current = await db.selectFrom("meeting_action").select("due_date").where("id", "=", actionId).where("meeting_id", "=", meetingId).executeTakeFirst();
  if (!current) return { ok: false, error: "notFound" };
  await db
    .updateTable("meeting_action")
    .set({
      text: input.text,
      organisation_id: input.organisationId,
      due_date: input.dueDate,
      // A new due date is reminded of again.
      ...(current.due_date !== input.dueDate ? { reminder_sent_at: null } : {}),
    })
    .where("id", "=", actionId)
    .where("meeting_id", "=", meetingId)
    .execute();
  return { ok: true };
}

/** Deletes an action of this meeting; false when the meeting has no such action. */
export async function deleteActionItem({ db, meetingId, actionId }: { db: DB; meetingId: number; actionId: number }): Promise<boolean> {
  const result = await db.deleteFrom("meeting_action").where("id", "=", actionId).where("meeting_id", "=", meetingId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Marks an action of this meeting open or done; false when the meeting has no such action. */
export async function setActionStatus({ db, meetingId, actionId, done }: { db: DB; meetingId: number; actionId: number; done: boolean }) {
  const result = await db
    .updateTable("meeting_action")
    .set({ status: done ? "done" : "open", done_at: done ? nowIso() : null })
    .where("id", "=", actionId)
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Action items, with their meeting and responsible organisation, and whether they are overdue (on
 * Lund's calendar). Those of meetings whose minutes are not published are left out unless
 * `includeUnpublished` (coordinators).
 */
export async function listActionItems({
  db,
  meetingId,
  status,
  includeUnpublished,
  now = new Date(),
}: {
  db: DB;
  meetingId?: number;
  status?: "open" | "done";
  includeUnpublished: boolean;
  now?: Date;
}) {
  const today = stockholmDate(now);
  let q = db
    .selectFrom("meeting_action")
    .innerJoin("meeting", "meeting.id", "meeting_action.meeting_id")
    .innerJoin("organisation", "organisation.id", "meeting_action.organisation_id")
    .select([
      "meeting_action.id",
      "meeting_action.text",
      "meeting_action.due_date",
      "meeting_action.status",
      "meeting_action.organisation_id",
      "meeting.id as meeting_id",
      "meeting.title as meeting_title",
      "organisation.name as organisation_name",
      "organisation.slug as organisation_slug",
    ])
    .orderBy("meeting_action.due_date")
    .orderBy("meeting_action.id");
  if (meetingId !== undefined) q = q.where("meeting_action.meeting_id", "=", meetingId);
  if (status) q = q.where("meeting_action.status", "=", status);
  if (!includeUnpublished) q = q.where("meeting.minutes_published", "=", true);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    dueDate: r.due_date,
    status: r.status,
    overdue: isOverdue({ dueDate: r.due_date, status: r.status, today }),
    organisationId: r.organisation_id,
    meetingId: r.meeting_id,
    meetingTitle: r.meeting_title,
    organisationName: r.organisation_name,
    organisationSlug: r.organisation_slug,
  }));
}

/** Organisations that can be made responsible for an action. */
export async function listActiveOrganisations({ db }: { db: DB }) {
  return db.selectFrom("organisation").select(["id", "name"]).where("status", "=", "active").orderBy("name").execute();
}

// --- Convener handover ------------------------------------------------------------------------------

export type HandoverResult = { ok: true; moved: number } | { ok: false; error: "unknownConvener" };

async function convenerPair(db: DB, fromOrganisationId: number, toOrganisationId: number) {
  return db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("id", "in", [fromOrganisationId, toOrganisationId])
    .where("kind", "in", ["support", "buyer"])
    .where("status", "=", "active")
    .execute();
}

/** The future, scheduled meetings an organisation convenes: what a handover from it moves. */
function meetingsConvenedFrom(db: DB, fromOrganisationId: number, now: Date) {
  return db
    .selectFrom("meeting")
    .innerJoin("meeting_convener", "meeting_convener.meeting_id", "meeting.id")
    .select(["meeting.id", "meeting.title", "meeting.starts_at as startsAt"])
    .where("meeting_convener.organisation_id", "=", fromOrganisationId)
    .where("meeting.starts_at", ">", now.toISOString())
    .where("meeting.status", "=", "scheduled")
    .orderBy("meeting.starts_at")
    .execute();
}

/**
 * What a handover would do, for the coordinator to confirm first: the two organisations' names and
 * the meetings that would move. Null when either is not an organisation that can convene.
 */
export async function previewHandover({ db, fromOrganisationId, toOrganisationId, now = new Date() }: { db: DB; fromOrganisationId: number; toOrganisationId: number; now?: Date }) {
  const pair = await convenerPair(db, fromOrganisationId, toOrganisationId);
  if (pair.length !== 2) return null;
  return {
    fromName: pair.find((o) => o.id === fromOrganisationId)!.name,
    toName: pair.find((o) => o.id === toOrganisationId)!.name,
    meetings: await meetingsConvenedFrom(db, fromOrganisationId, now),
  };
}

/**
 * Moves the convening of every future, scheduled meeting from one organisation to another. Past
 * meetings keep who convened them; the handover itself is recorded with who made it and when, and
 * the members of both organisations are told which meetings moved.
 */
export async function handOverConvening({
  db,
  fromOrganisationId,
  toOrganisationId,
  userId,
  now = new Date(),
}: {
  db: DB;
  fromOrganisationId: number;
  toOrganisationId: number;
  userId: string | null;
  now?: Date;
}): Promise<HandoverResult> {
  return db.transaction().execute(async (trx) => {
    if ((await convenerPair(trx, fromOrganisationId, toOrganisationId)).length !== 2) return { ok: false, error: "unknownConvener" };
    const ids = (await meetingsConvenedFrom(trx, fromOrganisationId, now)).map((m) => m.id);
    if (ids.length > 0) {
      await trx.deleteFrom("meeting_convener").where("organisation_id", "=", fromOrganisationId).where("meeting_id", "in", ids).execute();
      await trx
        .insertInto("meeting_convener")
        .values(ids.map((meeting_id) => ({ meeting_id, organisation_id: toOrganisationId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .updateTable("meeting")
        .set((eb) => ({ sequence: eb("sequence", "+", 1), updated_at: now.toISOString() }))
        .where("id", "in", ids)
        .execute();
    }
    await trx
      .insertInto("convener_handover")
      .values({
        from_organisation_id: fromOrganisationId,
        to_organisation_id: toOrganisationId,
        meetings_moved: ids.length,
        handed_over_by: userId,
        handed_over_at: now.toISOString(),
      })
      .execute();
    await conveningHandedOver({ db: trx, fromOrganisationId, toOrganisationId, meetingIds: ids, byUserId: userId });
    return { ok: true, moved: ids.length };
  });
}

export async function listHandovers({ db }: { db: DB }) {
  return db
    .selectFrom("convener_handover")
    .innerJoin("organisation as from_org", "from_org.id", "convener_handover.from_organisation_id")
    .innerJoin("organisation as to_org", "to_org.id", "convener_handover.to_organisation_id")
    .leftJoin("user", "user.id", "convener_handover.handed_over_by")
    .select([
      "convener_handover.id",
      "convener_handover.handed_over_at as handedOverAt",
      "convener_handover.meetings_moved as meetingsMoved",
      "from_org.name as fromName",
      "to_org.name as toName",
      "user.name as byName",
    ])
    .orderBy("convener_handover.handed_over_at", "desc")
    .execute();
}

/** Who convened how many meetings, past and future: the convening history in numbers. */
export async function convenerHistory({ db }: { db: DB }) {
  const rows = await db
    .selectFrom("meeting_convener")
    .innerJoin("meeting", "meeting.id", "meeting_convener.meeting_id")
    .innerJoin("organisation", "organisation.id", "meeting_convener.organisation_id")
    .select(["meeting.id", "meeting.title", "meeting.starts_at", "organisation.name"])
    .orderBy("meeting.starts_at", "desc")
    .execute();
  const byMeeting = new Map<number, { id: number; title: string; startsAt: string; conveners: string[] }>();
  for (const r of rows) {
    const entry = byMeeting.get(r.id) ?? { id: r.id, title: r.title, startsAt: r.starts_at, conveners: [] };
    entry.conveners.push(r.name);
    byMeeting.set(r.id, entry);
  }
  return [...byMeeting.values()];
}

// --- Calendar ---------------------------------------------------------------------------------------

export async function listCalendarMeetings({ db, meetingId }: { db: DB; meetingId?: number }) {
  let q = db
    .selectFrom("meeting")
    .select(["id", "uid", "title", "description", "starts_at", "ends_at", "place", "online_url", "status", "sequence", "updated_at", "created_at"])
    .orderBy("starts_at");
  if (meetingId !== undefined) q = q.where("id", "=", meetingId);
  const rows = await q.execute();
  const conveners = await convenersOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, conveners: (conveners.get(r.id) ?? []).map((c) => c.name) }));
}
