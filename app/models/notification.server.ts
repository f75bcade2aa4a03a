import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Locale } from "../domain/locale";
import { isMessageKey } from "../utils/messages.server";
import { noticeEmail, type EmailAttachment, type NoticeLine, type NoticeVars } from "../utils/notice-text.server";
import { storedTime } from "../../db/timestamps";

export type { EmailAttachment, NoticeLine, NoticeVars } from "../utils/notice-text.server";

/**
 * Notifications: a row per user shown under the bell, and (unless the user turned e-mail off) an
 * e-mail through the one durable outbox, in the recipient's own language. Call inside the
 * transaction of the change that causes them, so that both commit or roll back with it; the mail
 * worker sends after the commit. Who hears of which event is decided in `app/models/notices/`, one
 * function per event (decision 020).
 */
type Db = Kysely<Database>;

export interface NotificationMessage extends NoticeLine {
  /** Path on this site that the notification leads to, such as "/requests/12". */
  link?: string | null;
  /** Further lines under the first: what changed (old → new), when, where. */
  details?: readonly NoticeLine[];
}

/** Whom an e-mail goes to, for what it attaches (a calendar entry names its attendee). */
export interface NoticeRecipient {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
}

export async function notifyUsers({
  db,
  userIds,
  message,
  attachments,
  emailWhateverTheSetting = false,
}: {
  db: Db;
  userIds: readonly string[];
  message: NotificationMessage;
  /** What each recipient's e-mail attaches, such as the calendar entry of a meeting. */
  attachments?: (recipient: NoticeRecipient) => EmailAttachment[];
  /** For what concerns the account's security (its password changed), which a person must hear of even with e-mail off. */
  emailWhateverTheSetting?: boolean;
}): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const now = new Date().toISOString();
  await db
    .insertInto("notification")
    .values(
      unique.map((userId) => ({
        user_id: userId,
        message_key: message.key,
        message_vars: JSON.stringify(message.vars ?? {}),
        details: JSON.stringify(message.details ?? []),
        link: message.link ?? null,
        created_at: now,
      })),
    )
    .execute();
  let recipientQuery = db.selectFrom("user").select(["id", "email", "name", "locale"]).where("id", "in", unique);
  if (!emailWhateverTheSetting) recipientQuery = recipientQuery.where("email_notifications", "=", true);
  const recipients = await recipientQuery.orderBy("email").execute();
  for (const user of recipients) {
    const recipient: NoticeRecipient = { userId: user.id, email: user.email, name: user.name, locale: user.locale };
    await enqueueEmail({ db, to: user.email, ...noticeEmail(user.locale, message), attachments: attachments?.(recipient) });
  }
}

/**
 * An e-mail only (nothing under the bell) to one account, in its language, whatever its e-mail
 * setting: for links the person asked for (a password reset).
 */
export async function emailUser({ db, userId, message }: { db: Db; userId: string; message: NotificationMessage }): Promise<void> {
  const user = await db.selectFrom("user").select(["email", "locale"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return;
  await enqueueEmail({ db, to: user.email, ...noticeEmail(user.locale, message) });
}

/** The members (active owners and editors) of the given organisations, for notifying them. */
export async function memberUserIds({ db, organisationIds }: { db: Db; organisationIds: readonly number[] }): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("membership")
    .select("user_id")
    .distinct()
    .where("organisation_id", "in", [...organisationIds])
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => r.user_id);
}

/** Everyone with the coordinator role: they hear of applications and of organisations without an owner. */
export async function coordinatorUserIds({ db }: { db: Db }): Promise<string[]> {
  const rows = await db.selectFrom("user_role").select("user_id").where("role", "=", "coordinator").execute();
  return rows.map((r) => r.user_id);
}

/** Queues one e-mail. Call inside the transaction of the change it reports. */
export async function enqueueEmail({
  db,
  to,
  subject,
  text,
  attachments,
}: {
  db: Db;
  to: string;
  subject: string;
  text: string;
  attachments?: readonly EmailAttachment[];
}): Promise<void> {
  await db
    .insertInto("email_outbox")
    .values({
      to_address: to,
      subject,
      body_text: text,
      attachments: attachments && attachments.length > 0 ? JSON.stringify(attachments) : null,
      created_at: storedTime(Date.now()),
    })
    .execute();
}

/** Records the language an account's e-mails are written in (at sign-up, and when it switches language). */
export async function setUserLocale({ db, userId, locale }: { db: Db; userId: string; locale: Locale }): Promise<void> {
  await db.updateTable("user").set({ locale }).where("id", "=", userId).where("locale", "!=", locale).execute();
}

/** A user's notifications, newest first (`key` null for a key we no longer have). */
export async function listNotifications({ db, userId, limit, offset }: { db: Db; userId: string; limit: number; offset: number }) {
  const rows = await db
    .selectFrom("notification")
    .select(["id", "message_key", "message_vars", "details", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    key: isMessageKey(row.message_key) ? row.message_key : null,
    vars: JSON.parse(row.message_vars) as NoticeVars,
    details: (JSON.parse(row.details) as { key: string; vars?: NoticeVars }[]).filter((line): line is NoticeLine => isMessageKey(line.key)),
    link: row.link,
    createdAt: row.created_at,
    read: row.read_at !== null,
  }));
}

export async function markNotificationsRead({ db, userId }: { db: Db; userId: string }): Promise<void> {
  await db.updateTable("notification").set({ read_at: new Date().toISOString() }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}

export async function setEmailNotifications({ db, userId, enabled }: { db: Db; userId: string; enabled: boolean }): Promise<void> {
  await db.updateTable("user").set({ email_notifications: enabled }).where("id", "=", userId).execute();
}

export async function emailNotificationsEnabled({ db, userId }: { db: Db; userId: string }): Promise<boolean> {
  const row = await db.selectFrom("user").select("email_notifications").where("id", "=", userId).executeTakeFirst();
  return row?.email_notifications === true;
}
