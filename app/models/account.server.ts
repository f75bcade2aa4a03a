import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../../db/client.server";
import { recordAudit } from "./audit-log.server";
import { enqueueEmail, notificationEmail } from "./notification.server";
import { serverTranslator } from "../utils/messages.server";
import { hashPassword, verifyPassword } from "../utils/password.server";
import { sessionTokenHash } from "../utils/session.server";
import { createUser, normaliseEmail } from "./user.server";
import { takeRateLimit } from "./rate-limit.server";
import { rememberDeviceIn } from "./login-throttle.server";
import { storedTime } from "../../db/timestamps";

const verificationLifetimeMs = 48 * 60 * 60 * 1000;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Queues an e-mail with a link that confirms the account's address. Only the token's hash is
 * stored; an earlier link for the same account stops working.
 */
export async function sendEmailVerification({ db, userId, now = Date.now() }: { db: DB; userId: string; now?: number }) {
  const user = await db.selectFrom("user").select(["email", "email_verified_at"]).where("id", "=", userId).executeTakeFirst();
  if (!user || user.email_verified_at) return { ok: false, error: "alreadyVerified" } as const;
  const token = randomBytes(32).toString("base64url");
  const mail = notificationEmail({ key: "security.verifyEmailMail", vars: {}, link: `/verify-email?token=${token}` });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("email_verification").where("user_id", "=", userId).execute();
    await trx
      .insertInto("email_verification")
      .values({ token_hash: tokenHash(token), user_id: userId, email: user.email, expires_at: storedTime(now + verificationLifetimeMs) })
      .execute();
    await enqueueEmail({ db: trx, to: user.email, subject: mail.subject, text: mail.text });
  });
  return { ok: true } as const;
}

/** At most one "someone tried to sign up with your address" e-mail per account and hour. */
const SIGNUP_NOTICE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * A sign-up, done the same way whether or not the address already has an account, so that its
 * answer cannot tell anyone which addresses do: the password is hashed either way, and an e-mail
 * goes to the address either way. A new account gets the link that confirms its address; the
 * owner of an existing one is told that someone tried to sign up with it, and how to log in or
 * reset the password (at most once an hour). Nobody is signed in by it.
 */
export async function signUp({
  db,
  name,
  email,
  password,
  origin,
  now = Date.now(),
}: {
  db: DB;
  name: string;
  email: string;
  password: string;
  /** Where the site is reached, for the links in the e-mail (configured, never from the request). */
  origin: string;
  now?: number;
}): Promise<void> {
  const created = await createUser({ db, name, email, password });
  if (created) {
    await sendEmailVerification({ db, userId: created.id, now });
    return;
  }
  const owner = await db.selectFrom("user").select(["id", "email"]).where("email", "=", normaliseEmail(email)).executeTakeFirst();
  if (!owner) return;
  if (!(await takeRateLimit({ db, key: `signup-notice:${owner.id}`, limit: 1, windowMs: SIGNUP_NOTICE_INTERVAL_MS, now }))) return;
  const site = origin.replace(/\/$/, "");
  const vars = { login: `${site}/login`, reset: `${site}/forgot-password` };
  const sv = serverTranslator("sv");
  const en = serverTranslator("en");
  await enqueueEmail({
    db,
    to: owner.email,
    subject: `${sv("security.signupExistingSubject")} | Social Trade Lund`,
    text: [sv("security.signupExistingText", vars), "", "—", "", en("security.signupExistingText", vars), "", "Social Trade Lund"].join("\n"),
  });
}

/** Confirms the address the link was sent to, if the link is current and the address unchanged. */
export async function confirmEmail({ db, token, now = Date.now() }: { db: DB; token: string; now?: number }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("email_verification").selectAll().where("token_hash", "=", tokenHash(token)).executeTakeFirst();
    if (!row || row.expires_at < storedTime(now)) return { ok: false, error: "invalid" } as const;
    await trx.deleteFrom("email_verification").where("user_id", "=", row.user_id).execute();
    const result = await trx
      .updateTable("user")
      .set({ email_verified_at: new Date(now).toISOString() })
      .where("id", "=", row.user_id)
      .where("email", "=", row.email)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? ({ ok: true, userId: row.user_id } as const) : ({ ok: false, error: "invalid" } as const);
  });
}

export async function isEmailVerified({ db, userId }: { db: DB; userId: string }): Promise<boolean> {
  const row = await db.selectFrom("user").select("email_verified_at").where("id", "=", userId).executeTakeFirst();
  return Boolean(row?.email_verified_at);
}

/** Everything stored about the user personally, for the JSON export (GDPR art. 15 and 20). */
export async function exportPersonalData({ db, userId }: { db: DB; userId: string }) {
  const user = await db
    .selectFrom("user")
    .select(["id", "email", "name", "created_at", "email_verified_at", "email_notifications"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const [roles, memberships, sessions, knownDevices, notifications, auditEntries] = await Promise.all([
    db.selectFrom("user_role").select(["role", "granted_at"]).where("user_id", "=", userId).execute(),
    db
      .selectFrom("membership")
      .innerJoin("organisation", "organisation.id", "membership.organisation_id")
      .select(["organisation.name as organisation", "organisation.slug", "membership.role", "membership.status", "membership.created_at"])
      .where("membership.user_id", "=", userId)
      .execute(),
    db.selectFrom("session").select(["created_at", "expires_at"]).where("user_id", "=", userId).execute(),
    db.selectFrom("login_device").select(["created_at", "expires_at"]).where("user_id", "=", userId).orderBy("created_at").execute(),
    db.selectFrom("notification").select(["message_key", "message_vars", "link", "created_at", "read_at"]).where("user_id", "=", userId).execute(),
    db.selectFrom("audit_log").select(["at", "entity", "entity_id", "action"]).where("actor_user_id", "=", userId).orderBy("id").execute(),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    roles,
    memberships,
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
    knownBrowsers: knownDevices.map((d) => ({ createdAt: d.created_at, expiresAt: d.expires_at })),
    notifications,
    changesMade: auditEntries,
  };
}

/**
 * Deletes the account after checking its password. Sessions, memberships, roles and notifications
 * go with it; what the person wrote for an organisation stays, and names them no more (its author
 * columns become null, shown as "a former member"). The audit log keeps the bare id: its
 * actor column has no foreign key, so the deletion's own entry, by the deleted id, stays too.
 */
export async function deleteAccount({ db, userId, password }: { db: DB; userId: string; password: string }) {
  const user = await db.selectFrom("user").select("password_hash").where("id", "=", userId).executeTakeFirst();
  if (!user) return { ok: false, error: "notFound" } as const;
  if (!(await verifyPassword(user.password_hash, password, "account"))) return { ok: false, error: "wrongPassword" } as const;
  // The password is checked before the transaction: hashing is slow, and the transaction holds the write lock.
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("user").where("id", "=", userId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return;
    await recordAudit(trx, { actorUserId: userId, entity: "account", entityId: userId, action: "deleted" });
  });
  return { ok: true } as const;
}

/** A reset link works for one hour, once. */
export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** At most one reset e-mail per account per minute, so the form cannot be used to flood an inbox. */
const RESET_EMAIL_INTERVAL_MS = 60 * 1000;


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
      .where("created_at", ">", storedTime(now - RESET_EMAIL_INTERVAL_MS))
      .executeTakeFirst();
    if (recent) return;
    await trx.deleteFrom("password_reset_token").where("user_id", "=", user.id).execute();
    await trx
      .insertInto("password_reset_token")
      .values({ token_hash: tokenHash(token), user_id: user.id, expires_at: storedTime(now + RESET_TOKEN_LIFETIME_MS), created_at: storedTime(now) })
      .execute();
    const link = `${origin.replace(/\/$/, "")}/reset-password/${token}`;
    const sv = serverTranslator("sv");
    const en = serverTranslator("en");
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
    .where("expires_at", ">", storedTime(now))
    .executeTakeFirst();
  return row !== undefined;
}

export type ResetResult = { ok: true; userId: string; deviceToken: string } | { ok: false; error: "invalidToken" };

/**
 * Sets a new password through a reset link: the token is used up, every other reset link of the
 * account too, every session of the account ends (whoever knew the old password is out), and the
 * account's known browsers are forgotten but this one (`deviceToken`, for its cookie): whoever
 * reset the password has shown they read the account's e-mail. The
 * link is checked before the password is hashed, so a request with a made-up link costs a read,
 * not a turn of the hashing budget; it is used up in the transaction that stores the password,
 * so two requests with one link cannot both succeed.
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
  if (!(await isResetTokenValid({ db, token, now }))) return { ok: false, error: "invalidToken" };
  const passwordHash = await hashPassword(password, "account");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom("password_reset_token")
      .where("token_hash", "=", tokenHash(token))
      .returning(["user_id", "expires_at"])
      .executeTakeFirst();
    if (!row || row.expires_at <= storedTime(now)) return { ok: false, error: "invalidToken" } as const;
    await trx.deleteFrom("password_reset_token").where("user_id", "=", row.user_id).execute();
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", row.user_id).execute();
    await trx.deleteFrom("session").where("user_id", "=", row.user_id).execute();
    await trx.deleteFrom("login_device").where("user_id", "=", row.user_id).execute();
    const deviceToken = await rememberDeviceIn({ trx, userId: row.user_id, now });
    return { ok: true, userId: row.user_id, deviceToken } as const;
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
  /** The session the change was made in (its cookie token), which stays signed in. */
  keepSessionId: string;
}): Promise<ChangePasswordResult> {
  const user = await db.selectFrom("user").select(["password_hash"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return { ok: false, error: "notFound" };
  if (!(await verifyPassword(user.password_hash, currentPassword, "account"))) return { ok: false, error: "wrongPassword" };
  const passwordHash = await hashPassword(newPassword, "account");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    // Sessions are stored as the hash of their token.
    await trx.deleteFrom("session").where("user_id", "=", userId).where("id", "!=", sessionTokenHash(keepSessionId)).execute();
    await trx.deleteFrom("password_reset_token").where("user_id", "=", userId).execute();
  });
  return { ok: true };
}
