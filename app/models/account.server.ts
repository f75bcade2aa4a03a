import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../../db/client.server";
import { translator } from "../utils/i18n";
import { hashPassword, verifyPassword } from "../utils/password.server";
import { enqueueEmail } from "./notification.server";
import { normaliseEmail } from "./user.server";

/** A reset link works for one hour, once. */
export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** At most one reset e-mail per account per minute, so the form cannot be used to flood an inbox. */
const RESET_EMAIL_INTERVAL_MS = 60 * 1000;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function getAccount({ db, userId }: { db: DB; userId: string }) {
  return (await db.selectFrom("user").select(["id", "name", "email", "email_notifications"]).where("id", "=", userId).executeTakeFirst()) ?? null;
}

/**
 * Sends a password reset link to the address if it belongs to an account; says nothing either
 * way (the page shows the same text), so the form does not reveal who has an account. Only the
 * token's hash is stored; a new link replaces the older ones.
 */
export async function requestPasswordReset({
  db,
  email,
  origin,
  now = Date.now(),
}: {
  db: DB;
  email: string;
  /** Where the site is reached, for the link in the e-mail (configured, never taken from the request). */
  origin: string;
  now?: number;
}): Promise<void> {
  const user = await db.selectFrom("user").select(["id", "email"]).where("email", "=", normaliseEmail(email)).executeTakeFirst();
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    const recent = await trx
      .selectFrom("password_reset_token")
      .select("token_hash")
      .where("user_id", "=", user.id)
      .where("created_at", ">", now - RESET_EMAIL_INTERVAL_MS)
      .executeTakeFirst();
    if (recent) return;
    await trx.deleteFrom("password_reset_token").where("user_id", "=", user.id).execute();
    await trx
      .insertInto("password_reset_token")
      .values({ token_hash: tokenHash(token), user_id: user.id, expires_at: now + RESET_TOKEN_LIFETIME_MS, created_at: now })
      .execute();
    const link = `${origin.replace(/\/$/, "")}/reset-password/${token}`;
    const sv = translator("sv");
    const en = translator("en");
    await enqueueEmail({
      db: trx,
      to: user.email,
      subject: `${sv("account.resetEmailSubject")} | Social Trade Lund`,
      text: [sv("account.resetEmailText"), link, "", "—", "", en("account.resetEmailText"), link, "", "Social Trade Lund"].join("\n"),
    });
  });
}

/** Whether a reset link is still good (to show the form or say at once that it has expired). */
export async function isResetTokenValid({ db, token, now = Date.now() }: { db: DB; token: string; now?: number }): Promise<boolean> {
  const row = await db
    .selectFrom("password_reset_token")
    .select("user_id")
    .where("token_hash", "=", tokenHash(token))
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row !== undefined;
}

export type ResetResult = { ok: true; userId: string } | { ok: false; error: "invalidToken" };

/**
 * Sets a new password through a reset link: the token is used up, every other reset link of the
 * account too, and every session of the account ends (whoever knew the old password is out).
 */
export async function resetPassword({
  db,
  token,
  password,
  now = Date.now(),
}: {
  db: DB;
  token: string;
  password: string;
  now?: number;
}): Promise<ResetResult> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom("password_reset_token")
      .where("token_hash", "=", tokenHash(token))
      .returning(["user_id", "expires_at"])
      .executeTakeFirst();
    if (!row || row.expires_at <= now) return { ok: false, error: "invalidToken" } as const;
    await trx.deleteFrom("password_reset_token").where("user_id", "=", row.user_id).execute();
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", row.user_id).execute();
    await trx.deleteFrom("session").where("user_id", "=", row.user_id).execute();
    return { ok: true, userId: row.user_id } as const;
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; error: "wrongPassword" | "notFound" };

/** Changes the password after checking the current one, and ends every other session of the user. */
export async function changePassword({
  db,
  userId,
  currentPassword,
  newPassword,
  keepSessionId,
}: {
  db: DB;
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** The session the change was made in, which stays signed in. */
  keepSessionId: string;
}): Promise<ChangePasswordResult> {
  const user = await db.selectFrom("user").select(["password_hash"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return { ok: false, error: "notFound" };
  if (!(await verifyPassword(user.password_hash, currentPassword))) return { ok: false, error: "wrongPassword" };
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    await trx.deleteFrom("session").where("user_id", "=", userId).where("id", "!=", keepSessionId).execute();
    await trx.deleteFrom("password_reset_token").where("user_id", "=", userId).execute();
  });
  return { ok: true };
}
