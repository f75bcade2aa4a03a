import type { DB } from "../../../db/client.server";
import type { MeetingChange } from "../../domain/meeting";
import { meetingInvitation, type CalendarMeeting } from "../../utils/calendar.server";
import { memberUserIds, notifyUsers, type EmailAttachment, type NoticeLine, type NoticeRecipient } from "../notification.server";

/**
 * Notices about network meetings (decision 020). Each function is one event, decides who hears
 * what, and is called inside the transaction of the change. Whoever holds a place gets the
 * meeting's calendar entry with the e-mail (METHOD:REQUEST, or METHOD:CANCEL when it is called
 * off), always with the meeting's own UID and current SEQUENCE, so a calendar program updates the
 * one entry it has.
 */

async function meetingOf(db: DB, meetingId: number): Promise<CalendarMeeting & { capacity: number | null }> {
  const row = await db
    .selectFrom("meeting")
    .select(["id", "uid", "title", "description", "starts_at", "ends_at", "place", "online_url", "status", "sequence", "created_at", "updated_at", "capacity"])
    .where("id", "=", meetingId)
    .executeTakeFirstOrThrow();
  const conveners = await db
    .selectFrom("meeting_convener")
    .innerJoin("organisation", "organisation.id", "meeting_convener.organisation_id")
    .select("organisation.name")
    .where("meeting_convener.meeting_id", "=", meetingId)
    .orderBy("organisation.name")
    .execute();
  return { ...row, conveners: conveners.map((c) => c.name) };
}

const link = (meetingId: number) => `/meetings/${meetingId}`;

/** When and where: the lines every meeting notice carries. */
function whenAndWhere(m: CalendarMeeting): NoticeLine[] {
  return [
    { key: "meetings.notice.when", vars: { start: { at: m.starts_at }, end: { time: m.ends_at } } },
    ...(m.place ? [{ key: "meetings.notice.place" as const, vars: { place: m.place } }] : []),
    ...(m.online_url ? [{ key: "meetings.notice.online" as const, vars: { url: m.online_url } }] : []),
  ];
}

function calendarEntry(m: CalendarMeeting, method: "REQUEST" | "CANCEL") {
  return (recipient: NoticeRecipient): EmailAttachment[] => [
    { filename: `meeting-${m.id}.ics`, calendarMethod: method, content: meetingInvitation({ meeting: m, method, attendee: recipient }) },
  ];
}

async function registeredUserIds(db: DB, meetingId: number, status: "confirmed" | "waitlisted"): Promise<string[]> {
  const rows = await db.selectFrom("meeting_registration").select("user_id").where("meeting_id", "=", meetingId).where("status", "=", status).execute();
  return rows.map((r) => r.user_id);
}

/** A registration that got a place: confirmed, with the entry for the calendar. */
export async function registrationConfirmed({ db, meetingId, userId, organisation }: { db: DB; meetingId: number; userId: string; organisation: string }) {
  const m = await meetingOf(db, meetingId);
  await notifyUsers({
    db,
    userIds: [userId],
    message: { key: "meetings.notify.registered", vars: { title: m.title, organisation }, details: whenAndWhere(m), link: link(meetingId) },
    attachments: calendarEntry(m, "REQUEST"),
  });
}

/** A registration that went on the waitlist: which place in the queue, and that a free place comes by itself. */
export async function registrationWaitlisted({ db, meetingId, userId, position }: { db: DB; meetingId: number; userId: string; position: number }) {
  const m = await meetingOf(db, meetingId);
  await notifyUsers({
    db,
    userIds: [userId],
    message: {
      key: "meetings.notify.waitlisted",
      vars: { title: m.title, position },
      details: [...whenAndWhere(m), { key: "meetings.notice.waitlistHow" }],
      link: link(meetingId),
    },
  });
}

/** People moved from the waitlist to a place: when and where, with the entry for the calendar. */
export async function promotedFromWaitlist({ db, meetingId, userIds }: { db: DB; meetingId: number; userIds: readonly string[] }) {
  if (userIds.length === 0) return;
  const m = await meetingOf(db, meetingId);
  await notifyUsers({
    db,
    userIds,
    message: { key: "meetings.notify.promoted", vars: { title: m.title }, details: whenAndWhere(m), link: link(meetingId) },
    attachments: calendarEntry(m, "REQUEST"),
  });
}

function changeLine(change: MeetingChange): NoticeLine {
  const none = { key: "meetings.notice.none" } as const;
  switch (change.what) {
    case "time":
      return {
        key: "meetings.notice.changedTime",
        vars: { from: { at: change.from.startsAt }, fromEnd: { time: change.from.endsAt }, to: { at: change.to.startsAt }, toEnd: { time: change.to.endsAt } },
      };
    case "place":
      return { key: "meetings.notice.changedPlace", vars: { from: change.from ?? none, to: change.to ?? none } };
    case "onlineUrl":
      return { key: "meetings.notice.changedOnline", vars: { from: change.from ?? none, to: change.to ?? none } };
    case "capacity": {
      const places = (n: number | null) => (n === null ? { key: "meetings.unlimited" as const } : n);
      return { key: "meetings.notice.changedCapacity", vars: { from: places(change.from), to: places(change.to) } };
    }
  }
}

/**
 * The meeting's time, place, link or number of places changed: everyone registered hears what
 * changed (old → new), but `except` (just told of their new place); those with a place get the
 * updated calendar entry (its SEQUENCE raised).
 */
export async function meetingChanged({
  db,
  meetingId,
  changes,
  except = [],
}: {
  db: DB;
  meetingId: number;
  changes: readonly MeetingChange[];
  except?: readonly string[];
}) {
  if (changes.length === 0) return;
  const m = await meetingOf(db, meetingId);
  const message = {
    key: "meetings.notify.changed",
    vars: { title: m.title },
    details: [...changes.map(changeLine), ...whenAndWhere(m)],
    link: link(meetingId),
  } as const;
  const told = (userIds: string[]) => userIds.filter((id) => !except.includes(id));
  await notifyUsers({ db, userIds: told(await registeredUserIds(db, meetingId, "confirmed")), message, attachments: calendarEntry(m, "REQUEST") });
  await notifyUsers({ db, userIds: told(await registeredUserIds(db, meetingId, "waitlisted")), message });
}

/** The meeting is called off: everyone registered or waiting hears it; the calendar entry is cancelled. */
export async function meetingCancelled({ db, meetingId }: { db: DB; meetingId: number }): Promise<number> {
  const m = await meetingOf(db, meetingId);
  const message = { key: "meetings.notify.cancelled", vars: { title: m.title }, details: whenAndWhere(m), link: link(meetingId) } as const;
  const confirmed = await registeredUserIds(db, meetingId, "confirmed");
  const waiting = await registeredUserIds(db, meetingId, "waitlisted");
  await notifyUsers({ db, userIds: confirmed, message, attachments: calendarEntry(m, "CANCEL") });
  await notifyUsers({ db, userIds: waiting, message });
  return confirmed.length + waiting.length;
}

/** The day before: those with a place are reminded of when and where. */
export async function meetingReminder({ db, meetingId }: { db: DB; meetingId: number }) {
  const m = await meetingOf(db, meetingId);
  await notifyUsers({
    db,
    userIds: await registeredUserIds(db, meetingId, "confirmed"),
    message: { key: "meetings.notify.reminder", vars: { title: m.title }, details: whenAndWhere(m), link: link(meetingId) },
  });
}

/** An action from a meeting is due within days: the responsible organisation's members are reminded. */
export async function actionDue({ db, organisationId, text, dueDate }: { db: DB; organisationId: number; text: string; dueDate: string }) {
  await notifyUsers({
    db,
    userIds: await memberUserIds({ db, organisationIds: [organisationId] }),
    message: { key: "meetings.notify.actionDue", vars: { text, due: { date: dueDate } }, link: "/meetings/actions" },
  });
}

/** Convening handed over: the members of both organisations hear which meetings moved, and who did it. */
export async function conveningHandedOver({
  db,
  fromOrganisationId,
  toOrganisationId,
  meetingIds,
  byUserId,
}: {
  db: DB;
  fromOrganisationId: number;
  toOrganisationId: number;
  meetingIds: readonly number[];
  byUserId: string | null;
}) {
  const names = await db.selectFrom("organisation").select(["id", "name"]).where("id", "in", [fromOrganisationId, toOrganisationId]).execute();
  const name = (id: number) => names.find((o) => o.id === id)!.name;
  const meetings = meetingIds.length
    ? await db
        .selectFrom("meeting")
        .select(["title", "starts_at"])
        .where("id", "in", [...meetingIds])
        .orderBy("starts_at")
        .execute()
    : [];
  const by = byUserId ? (await db.selectFrom("user").select("name").where("id", "=", byUserId).executeTakeFirst())?.name : undefined;
  await notifyUsers({
    db,
    userIds: await memberUserIds({ db, organisationIds: [fromOrganisationId, toOrganisationId] }),
    message: {
      key: "meetings.notify.handover",
      vars: { from: name(fromOrganisationId), to: name(toOrganisationId) },
      details: [
        ...(meetings.length === 0 ? [{ key: "meetings.notice.handoverNone" as const }] : []),
        ...meetings.map((m) => ({ key: "meetings.notice.handoverMeeting" as const, vars: { title: m.title, at: { at: m.starts_at } } })),
        ...(by ? [{ key: "meetings.notice.handoverBy" as const, vars: { name: by } }] : []),
      ],
      link: "/meetings/conveners",
    },
  });
}
