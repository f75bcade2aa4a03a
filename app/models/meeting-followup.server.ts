import type { DB } from "../../db/client.server";
import { addCalendarDays, stockholmDate } from "../domain/lund-time";
import { actionDue, meetingReminder } from "./notices/meetings.server";

/** Days before an action's due date that its organisation's members are reminded. */
export const reminderLeadDays = 3;
/** Days after a meeting that dietary and accessibility needs are kept. */
export const needsRetentionDays = 30;

/**
 * Queues the reminder for every open action due within three days (Lund's calendar) that has not
 * had one. The action is marked in the same transaction as the e-mails are queued, and only a row
 * still unmarked is taken, so each reminder goes out once however often, and on however many
 * servers, this runs.
 */
export async function sendDueActionReminders({ db, now = new Date() }: { db: DB; now?: Date }): Promise<number> {
  const today = stockholmDate(now);
  const horizon = addCalendarDays(today, reminderLeadDays);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("meeting_action")
      .innerJoin("meeting", "meeting.id", "meeting_action.meeting_id")
      .select(["meeting_action.id", "meeting_action.text", "meeting_action.due_date", "meeting_action.organisation_id", "meeting.id as meeting_id"])
      .where("meeting_action.status", "=", "open")
      .where("meeting_action.reminder_sent_at", "is", null)
      .where("meeting_action.due_date", ">=", today)
      .where("meeting_action.due_date", "<=", horizon)
      .execute();
    let sent = 0;
    for (const action of due) {
      const marked = await trx
        .updateTable("meeting_action")
        .set({ reminder_sent_at: now.toISOString() })
        .where("id", "=", action.id)
        .where("reminder_sent_at", "is", null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) continue;
      await actionDue({ db: trx, organisationId: action.organisation_id, text: action.text, dueDate: action.due_date });
      sent += 1;
    }
    return sent;
  });
}

/** How long before a meeting its registered are reminded, when the meeting sends a reminder: the day before. */
export const meetingReminderLeadMs = 24 * 60 * 60 * 1000;

/**
 * Queues the reminder of every scheduled meeting that starts within the next day, sends one, and
 * has not sent it yet (a new time clears it). Marked in the same transaction as the e-mails are
 * queued, and only a meeting still unmarked is taken, so each reminder goes out once however often,
 * and on however many servers, this runs.
 */
export async function sendMeetingReminders({ db, now = new Date() }: { db: DB; now?: Date }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("meeting")
      .select("id")
      .where("status", "=", "scheduled")
      .where("send_reminder", "=", true)
      .where("reminder_sent_at", "is", null)
      .where("starts_at", ">", now.toISOString())
      .where("starts_at", "<=", new Date(now.getTime() + meetingReminderLeadMs).toISOString())
      .execute();
    let sent = 0;
    for (const meeting of due) {
      const marked = await trx
        .updateTable("meeting")
        .set({ reminder_sent_at: now.toISOString() })
        .where("id", "=", meeting.id)
        .where("reminder_sent_at", "is", null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) continue;
      await meetingReminder({ db: trx, meetingId: meeting.id });
      sent += 1;
    }
    return sent;
  });
}

/** Erases dietary and accessibility needs of meetings that ended more than 30 days ago. */
export async function purgeExpiredNeeds({ db, now = new Date() }: { db: DB; now?: Date }): Promise<number> {
  const cutoff = new Date(now.getTime() - needsRetentionDays * 24 * 60 * 60 * 1000).toISOString();
  const result = await db
    .updateTable("meeting_registration")
    .set({ needs: null })
    .where("needs", "is not", null)
    .where("meeting_id", "in", (eb) => eb.selectFrom("meeting").select("id").where("ends_at", "<", cutoff))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ParticipationRow {
  organisationId: number;
  name: string;
  meetingsAttended: number;
  actionsCompleted: number;
}

/** Per organisation over the last twelve months: meetings someone from it attended, and actions it completed. */
export async function participationStatistics({ db, now = new Date() }: { db: DB; now?: Date }): Promise<ParticipationRow[]> {
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  const fromIso = from.toISOString();
  const nowIso = now.toISOString();
  const attended = await db
    .selectFrom("meeting_registration")
    .innerJoin("meeting", "meeting.id", "meeting_registration.meeting_id")
    .select((eb) => ["meeting_registration.organisation_id", eb.fn.count<number>("meeting_registration.meeting_id").distinct().as("n")])
    .where("meeting_registration.attended", "=", true)
    .where("meeting.starts_at", ">=", fromIso)
    .where("meeting.starts_at", "<=", nowIso)
    .groupBy("meeting_registration.organisation_id")
    .execute();
  const completed = await db
    .selectFrom("meeting_action")
    .select((eb) => ["organisation_id", eb.fn.countAll<number>().as("n")])
    .where("status", "=", "done")
    .where("done_at", ">=", fromIso)
    .where("done_at", "<=", nowIso)
    .groupBy("organisation_id")
    .execute();
  const ids = [...new Set([...attended.map((r) => r.organisation_id), ...completed.map((r) => r.organisation_id)])];
  if (ids.length === 0) return [];
  const names = await db.selectFrom("organisation").select(["id", "name"]).where("id", "in", ids).execute();
  return names
    .map((o) => ({
      organisationId: o.id,
      name: o.name,
      meetingsAttended: Number(attended.find((r) => r.organisation_id === o.id)?.n ?? 0),
      actionsCompleted: Number(completed.find((r) => r.organisation_id === o.id)?.n ?? 0),
    }))
    .sort((a, b) => b.meetingsAttended - a.meetingsAttended || b.actionsCompleted - a.actionsCompleted || a.name.localeCompare(b.name, "sv"));
}
