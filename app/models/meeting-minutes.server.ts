import type { DB } from "../../db/client.server";
import { isOverdue } from "../domain/meeting";
import { stockholmDate } from "../domain/lund-time";
import { refuse, type Outcome } from "../domain/result";

/**
 * What follows a network meeting: its minutes and the action items agreed there, each with a
 * responsible organisation and a due date (reminders: `meeting-followup.server.ts`).
 */

const nowIso = () => new Date().toISOString();

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
}): Promise<Outcome<{ kind: "notFound" } | { kind: "notStarted"; startsAt: string }>> {
  const meeting = await db.selectFrom("meeting").select("starts_at").where("id", "=", meetingId).executeTakeFirst();
  if (!meeting) return refuse({ kind: "notFound" });
  if (Date.parse(meeting.starts_at) > now.getTime()) return refuse({ kind: "notStarted", startsAt: meeting.starts_at });
  const result = await db
    .updateTable("meeting")
    .set({ minutes, minutes_published: published, minutes_by: userId, updated_at: nowIso() })
    .where("id", "=", meetingId)
    .where("starts_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { ok: true } : refuse({ kind: "notFound" });
}

// --- Action items -----------------------------------------------------------------------------------

/** An action item's responsible organisation must be an active one. */
async function isActiveOrganisation(db: DB, organisationId: number): Promise<boolean> {
  return (await db.selectFrom("organisation").select("id").where("id", "=", organisationId).where("status", "=", "active").executeTakeFirst()) !== undefined;
}

export async function addActionItem({
  db,
  meetingId,
  input,
}: {
  db: DB;
  meetingId: number;
  input: { text: string; organisationId: number; dueDate: string };
}): Promise<Outcome<{ kind: "unknownOrganisation" }>> {
  if (!(await isActiveOrganisation(db, input.organisationId))) return refuse({ kind: "unknownOrganisation" });
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
}): Promise<Outcome<{ kind: "notFound" | "unknownOrganisation" }>> {
  if (!(await isActiveOrganisation(db, input.organisationId))) return refuse({ kind: "unknownOrganisation" });
  const current = await db.selectFrom("meeting_action").select("due_date").where("id", "=", actionId).where("meeting_id", "=", meetingId).executeTakeFirst();
  if (!current) return refuse({ kind: "notFound" });
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
