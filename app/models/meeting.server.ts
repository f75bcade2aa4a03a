import { randomUUID } from "node:crypto";
import type { DB } from "../../db/client.server";
import { meetingChanges, placesOverCapacity, type MeetingSummary } from "../domain/meeting";
import type { MeetingInput } from "../utils/meeting-forms";
import { meetingCancelled, meetingChanged } from "./notices/meetings.server";
import { confirmedCount, promoteWaitlisted } from "./meeting-registration.server";

/**
 * Network meetings: the meeting with its conveners and agenda, read, created, edited and
 * cancelled, and as calendar entries. Registration, the minutes with their action items, and
 * convener handovers are the modules beside this one (decision 028). Every change that touches
 * more than one row runs in one transaction; transactions take the database's write lock first
 * (decisions 013 and 014).
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
  return db.selectFrom("meeting").select((eb) => [
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
  const conveners = await convenersOf(
    db,
    rows.map((r) => r.id),
  );
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
  const requests = new Set(
    requestIds.length
      ? (await db.selectFrom("request").select("id").where("id", "in", requestIds).where("status", "!=", "draft").execute()).map((r) => r.id)
      : [],
  );
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
export async function cancelMeeting({
  db,
  meetingId,
}: {
  db: DB;
  meetingId: number;
}): Promise<{ ok: true; notified: number } | { ok: false; error: "alreadyCancelled" } | null> {
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

// --- Calendar ---------------------------------------------------------------------------------------

export async function listCalendarMeetings({ db, meetingId }: { db: DB; meetingId?: number }) {
  let q = db
    .selectFrom("meeting")
    .select(["id", "uid", "title", "description", "starts_at", "ends_at", "place", "online_url", "status", "sequence", "updated_at", "created_at"])
    .orderBy("starts_at");
  if (meetingId !== undefined) q = q.where("id", "=", meetingId);
  const rows = await q.execute();
  const conveners = await convenersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, conveners: (conveners.get(r.id) ?? []).map((c) => c.name) }));
}
