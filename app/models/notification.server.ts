import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { MessageKey } from "../utils/i18n";
import { isMessageKey, serverTranslator } from "../utils/messages.server";
import { storedTime } from "../../db/timestamps";

/**
 * Notifications: a row per user shown under the bell, and (unless the user turned e-mail off) an
 * e-mail through the one durable outbox. Call inside the transaction of the change that causes
 * them, so that both commit or roll back with it; the mail worker sends after the commit.
 */
type Db = Kysely<Database>;
type Vars = Record<string, string | number>;

export interface NotificationMessage {
  /** Locale key of a one-line message; the e-mail subject and the bell entry. */
  key: MessageKey;
  vars?: Vars;
  /** Path on this site that the notification leads to, such as "/requests/12". */
  link?: string | null;
}

export async function notifyUsers({ db, userIds, message }: { db: Db; userIds: readonly string[]; message: NotificationMessage }): Promise<void> {
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
        link: message.link ?? null,
        created_at: now,
      })),
    )
    .execute();
  const recipients = await db
    .selectFrom("user")
    .select("email")
    .where("id", "in", unique)
    .where("email_notifications", "=", true)
    .execute();
  for (const { email } of recipients) {
    await enqueueEmail({ db, to: email, ...notificationEmail(message) });
  }
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

/** Queues one e-mail. Call inside the transaction of the change it reports. */
export async function enqueueEmail({ db, to, subject, text }: { db: Db; to: string; subject: string; text: string }): Promise<void> {
  await db.insertInto("email_outbox").values({ to_address: to, subject, body_text: text, created_at: storedTime(Date.now()) }).execute();
}

/** The e-mail for a notification, Swedish first and English below, since mail has no language switch. */
export function notificationEmail(message: NotificationMessage): { subject: string; text: string } {
  const sv = serverTranslator("sv")(message.key, message.vars);
  const en = serverTranslator("en")(message.key, message.vars);
  const origin = process.env.PUBLIC_URL ?? "http://localhost:3000";
  const link = message.link ? `${origin.replace(/\/$/, "")}${message.link}` : null;
  const text = [sv, link, "", "—", "", en, link, "", "Social Trade Lund"].filter((l) => l !== null).join("\n");
  return { subject: `${sv} | Social Trade Lund`, text };
}

/** A user's notifications, newest first (`key` null for a key we no longer have). */
export async function listNotifications({ db, userId, limit, offset }: { db: Db; userId: string; limit: number; offset: number }) {
  const rows = await db
    .selectFrom("notification")
    .select(["id", "message_key", "message_vars", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    key: isMessageKey(row.message_key) ? row.message_key : null,
    vars: JSON.parse(row.message_vars) as Vars,
    link: row.link,
    createdAt: row.created_at,
    read: row.read_at !== null,
  }));
}

export async function markNotificationsRead({ db, userId }: { db: Db; userId: string }): Promise<void> {
  await db
    .updateTable("notification")
    .set({ read_at: new Date().toISOString() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}

export async function setEmailNotifications({ db, userId, enabled }: { db: Db; userId: string; enabled: boolean }): Promise<void> {
  await db.updateTable("user").set({ email_notifications: enabled }).where("id", "=", userId).execute();
}

export async function emailNotificationsEnabled({ db, userId }: { db: Db; userId: string }): Promise<boolean> {
  const row = await db.selectFrom("user").select("email_notifications").where("id", "=", userId).executeTakeFirst();
  return row?.email_notifications === true;
}
