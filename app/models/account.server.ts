import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../../db/client.server";
import type { Locale } from "../domain/locale";
import { refuse, type Outcome } from "../domain/result";
import { listAuditLog, recordAudit } from "./audit-log.server";
import { enqueueEmail, listNotifications } from "./notification.server";
import { listOfferings } from "./offering.server";
import { demandLinesOf } from "./request.server";
import { targetGroupsOf } from "./target-groups.server";
import { auditSentence } from "../utils/audit-text.server";
import type { MessageKey } from "../utils/i18n";
import { serverTranslator } from "../utils/messages.server";
import { noticeText } from "../utils/notice-text.server";
import { absoluteUrl } from "../utils/origin.server";
import { organisationsOnlyOwnedBy } from "./membership.server";
import { emailAddressToConfirm, passwordChanged, passwordResetRequested } from "./notices/account.server";
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
  if (!user || user.email_verified_at) return refuse({ kind: "alreadyVerified" });
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("email_verification").where("user_id", "=", userId).execute();
    await trx
      .insertInto("email_verification")
      .values({ token_hash: tokenHash(token), user_id: userId, email: user.email, expires_at: storedTime(now + verificationLifetimeMs) })
      .execute();
    await emailAddressToConfirm({ db: trx, userId, email: user.email, token });
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
  locale,
  origin,
  now = Date.now(),
}: {
  db: DB;
  name: string;
  email: string;
  password: string;
  /** The language the new account's e-mails are written in. */
  locale?: Locale;
  /** Where the site is reached, for the links in the e-mail (configured, never from the request). */
  origin: string;
  now?: number;
}): Promise<void> {
  const created = await createUser({ db, name, email, password, locale });
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
    if (!row || row.expires_at < storedTime(now)) return refuse({ kind: "invalidToken" });
    await trx.deleteFrom("email_verification").where("user_id", "=", row.user_id).execute();
    const result = await trx
      .updateTable("user")
      .set({ email_verified_at: new Date(now).toISOString() })
      .where("id", "=", row.user_id)
      .where("email", "=", row.email)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? ({ ok: true, userId: row.user_id } as const) : refuse({ kind: "invalidToken" });
  });
}

export async function isEmailVerified({ db, userId }: { db: DB; userId: string }): Promise<boolean> {
  const row = await db.selectFrom("user").select("email_verified_at").where("id", "=", userId).executeTakeFirst();
  return Boolean(row?.email_verified_at);
}

/**
 * Everything stored about the person, and everything they wrote, for the JSON export (GDPR art. 15
 * and 20), readable by a person: texts in their language (notifications and the change log as the
 * app shows them, kinds and weekdays as words), times as ISO 8601, links absolute. What they wrote
 * for an organisation (its profile, offerings and capacity lines) is not signed per field, so the
 * profiles of the organisations they belong to are there in full; responses, questions, answers,
 * requests and minutes are those they wrote themselves.
 */
export async function exportPersonalData({ db, userId }: { db: DB; userId: string }) {
  const user = await db
    .selectFrom("user")
    .select(["id", "email", "name", "created_at", "email_verified_at", "email_notifications", "locale"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const t = serverTranslator(user.locale);
  const [roles, memberships, sessions, knownDevices, notifications, auditEntries] = await Promise.all([
    db.selectFrom("user_role").select(["role", "granted_at"]).where("user_id", "=", userId).execute(),
    db
      .selectFrom("membership")
      .innerJoin("organisation", "organisation.id", "membership.organisation_id")
      .select(["organisation.id", "organisation.name as organisation", "organisation.slug", "membership.role", "membership.status", "membership.created_at"])
      .where("membership.user_id", "=", userId)
      .orderBy("organisation.name")
      .execute(),
    db.selectFrom("session").select(["created_at", "expires_at"]).where("user_id", "=", userId).execute(),
    db.selectFrom("login_device").select(["created_at", "expires_at"]).where("user_id", "=", userId).orderBy("created_at").execute(),
    listNotifications({ db, userId, limit: 100_000, offset: 0 }),
    listAuditLog({ db, page: 1, pageSize: 100_000, filter: { actorUserId: userId } }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    about: t("account.exportAbout"),
    account: {
      name: user.name,
      email: user.email,
      createdAt: user.created_at,
      emailConfirmedAt: user.email_verified_at,
      emailNotifications: user.email_notifications,
      language: user.locale,
    },
    roles: roles.map((r) => ({ role: t(`role.${r.role}`), grantedAt: r.granted_at })),
    memberships: memberships.map((m) => ({ organisation: m.organisation, slug: m.slug, role: m.role, status: m.status, since: m.created_at })),
    sessions: sessions.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
    knownBrowsers: knownDevices.map((d) => ({ createdAt: d.created_at, expiresAt: d.expires_at })),
    organisations: await organisationsWritten(
      db,
      t,
      memberships.map((m) => m.id),
    ),
    requestsWritten: await requestsWritten(db, t, userId),
    responsesWritten: await responsesWritten(db, t, userId),
    questionsAsked: await publicQuestions(db, "asked_by", userId),
    answersGiven: await publicQuestions(db, "answered_by", userId),
    minutesWritten: await db
      .selectFrom("meeting")
      .select(["title as meeting", "starts_at as startsAt", "minutes", "minutes_published as published"])
      .where("minutes_by", "=", userId)
      .orderBy("starts_at")
      .execute(),
    meetingRegistrations: await db
      .selectFrom("meeting_registration")
      .innerJoin("meeting", "meeting.id", "meeting_registration.meeting_id")
      .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
      .select([
        "meeting.title as meeting",
        "meeting.starts_at as startsAt",
        "organisation.name as organisation",
        "meeting_registration.status",
        "meeting_registration.needs",
      ])
      .where("meeting_registration.user_id", "=", userId)
      .orderBy("meeting.starts_at")
      .execute(),
    notifications: notifications.map((n) => ({
      at: n.createdAt,
      text: n.key ? noticeText(user.locale, { key: n.key, vars: n.vars }) : null,
      details: n.details.map((line) => noticeText(user.locale, line)),
      link: n.link ? absoluteUrl(n.link) : null,
      read: n.read,
    })),
    changesMade: auditEntries.entries.reverse().map((entry) => ({ at: entry.at, what: auditSentence(user.locale, entry) })),
  };
}

type Translate = ReturnType<typeof serverTranslator>;

/** The public questions about requests the person asked, or answered as the buyer, with their answers. */
function publicQuestions(db: DB, by: "asked_by" | "answered_by", userId: string) {
  return db
    .selectFrom("request_question")
    .innerJoin("request", "request.id", "request_question.request_id")
    .select([
      "request.title as request",
      "request_question.question",
      "request_question.asked_at as askedAt",
      "request_question.answer",
      "request_question.answered_at as answeredAt",
    ])
    .where(`request_question.${by}`, "=", userId)
    .orderBy("request_question.id")
    .execute();
}

/** The profiles, offerings and capacity lines of the organisations the person belongs to. */
async function organisationsWritten(db: DB, t: Translate, organisationIds: number[]) {
  if (organisationIds.length === 0) return [];
  const organisations = await db.selectFrom("organisation").selectAll().where("id", "in", organisationIds).orderBy("name").execute();
  const [areas, groups] = await Promise.all([
    db.selectFrom("organisation_service_area").select(["organisation_id", "area"]).where("organisation_id", "in", organisationIds).orderBy("area").execute(),
    targetGroupsOf(db, organisationIds),
  ]);
  return Promise.all(
    organisations.map(async (o) => ({
      name: o.name,
      orgNumber: o.org_number,
      kind: t(`kind.${o.kind}`),
      description: o.description,
      contactEmail: o.contact_email,
      contactPhone: o.contact_phone,
      website: o.website,
      serviceAreas: areas.filter((a) => a.organisation_id === o.id).map((a) => a.area),
      targetGroups: groups.get(o.id) ?? [],
      workforceSharePercent: o.workforce_share,
      workforceShareDate: o.workforce_share_date,
      offerings: (await listOfferings({ db, organisationId: o.id })).map((offering) => ({
        title: offering.title,
        description: offering.description,
        cpvCode: offering.cpvCode,
        unit: offering.unit,
        capacity: offering.capacity.map((line) => ({
          quantity: line.quantity,
          per: t(line.period === "weekday" ? "capacity.perWeekday" : "capacity.perWeek"),
          weekdays: line.weekdays.map((d) => t(`weekday.${d}` as MessageKey)),
          sites: line.sites,
          validFrom: line.validFrom,
          validTo: line.validTo,
        })),
      })),
    })),
  );
}

/** The requests the person wrote as a buyer, with their demand lines. */
async function requestsWritten(db: DB, t: Translate, userId: string) {
  const requests = await db
    .selectFrom("request")
    .select(["id", "title", "kind", "status", "description", "period_from", "period_to", "deadline_at", "created_at"])
    .where("created_by", "=", userId)
    .orderBy("created_at")
    .execute();
  return Promise.all(
    requests.map(async (r) => ({
      title: r.title,
      kind: t(`requests.kind.${r.kind}`),
      status: r.status,
      description: r.description,
      period: { from: r.period_from, to: r.period_to },
      deadline: r.deadline_at,
      createdAt: r.created_at,
      demandLines: (await demandLinesOf({ db, requestId: r.id })).map((line) => ({
        item: line.item,
        quantity: line.quantity,
        unit: line.unit,
        site: line.site,
        weekdays: line.weekdays.map((d) => t(`weekday.${d}` as MessageKey)),
      })),
    })),
  );
}

/** The responses to requests the person wrote or last changed, with their capacity and answers. */
async function responsesWritten(db: DB, t: Translate, userId: string) {
  const responses = await db
    .selectFrom("request_response")
    .innerJoin("request", "request.id", "request_response.request_id")
    .innerJoin("organisation", "organisation.id", "request_response.organisation_id")
    .select([
      "request_response.id",
      "request.title as request",
      "organisation.name as organisation",
      "request_response.interest",
      "request_response.message",
      "request_response.updated_at",
    ])
    .where((eb) => eb.or([eb("request_response.created_by", "=", userId), eb("request_response.updated_by", "=", userId)]))
    .orderBy("request_response.updated_at")
    .execute();
  const ids = responses.map((r) => r.id);
  const [capacity, answers] = ids.length
    ? await Promise.all([
        db
          .selectFrom("response_capacity")
          .innerJoin("demand_line", "demand_line.id", "response_capacity.demand_line_id")
          .select(["response_capacity.response_id", "demand_line.item", "demand_line.site", "demand_line.unit", "response_capacity.quantity"])
          .where("response_capacity.response_id", "in", ids)
          .execute(),
        db
          .selectFrom("response_answer")
          .innerJoin("rfi_question", "rfi_question.id", "response_answer.question_id")
          .select(["response_answer.response_id", "rfi_question.text as question", "response_answer.answer"])
          .where("response_answer.response_id", "in", ids)
          .execute(),
      ])
    : [[], []];
  return responses.map((r) => ({
    request: r.request,
    organisation: r.organisation,
    interest: t(`requests.interest.${r.interest}`),
    message: r.message,
    updatedAt: r.updated_at,
    capacity: capacity.filter((c) => c.response_id === r.id).map(({ item, site, unit, quantity }) => ({ item, site, unit, quantity })),
    answers: answers.filter((a) => a.response_id === r.id).map(({ question, answer }) => ({ question, answer })),
  }));
}

export type DeleteAccountResult = Outcome<
  | { kind: "notFound" | "wrongPassword" }
  /** The account is the last owner of these organisations: they would be left without one. */
  | { kind: "lastOwner"; organisations: { name: string; slug: string }[] }
>;

/**
 * Deletes the account after checking its password, unless it is the last owner of an organisation
 * (an organisation always has an owner: the person hands ownership to a colleague first, or asks a
 * coordinator to appoint one). Sessions, memberships, roles and notifications go with it; what the
 * person wrote for an organisation stays, and names them no more (its author columns become null,
 * shown as "a former member"). The audit log keeps the bare id: its actor column has no foreign
 * key, so the deletion's own entry, by the deleted id, stays too.
 */
export async function deleteAccount({ db, userId, password }: { db: DB; userId: string; password: string }): Promise<DeleteAccountResult> {
  const user = await db.selectFrom("user").select("password_hash").where("id", "=", userId).executeTakeFirst();
  if (!user) return refuse({ kind: "notFound" });
  if (!(await verifyPassword(user.password_hash, password, "account"))) return refuse({ kind: "wrongPassword" });
  // The password is checked before the transaction: hashing is slow, and the transaction holds the write lock.
  return db.transaction().execute(async (trx): Promise<DeleteAccountResult> => {
    // Checked under the write lock, so a colleague leaving at the same moment cannot strand the organisation.
    const organisations = await organisationsOnlyOwnedBy({ db: trx, userId });
    if (organisations.length > 0) return refuse({ kind: "lastOwner", organisations });
    await trx.updateTable("meeting").set({ minutes_by: null }).where("minutes_by", "=", userId).execute();
    const deleted = await trx.deleteFrom("user").where("id", "=", userId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return refuse({ kind: "notFound" });
    await recordAudit(trx, { actorUserId: userId, entity: "account", entityId: userId, action: "deleted" });
    return { ok: true };
  });
}

/** A reset link works for one hour, once. */
export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** At most one reset e-mail per account per minute, so the form cannot be used to flood an inbox. */
const RESET_EMAIL_INTERVAL_MS = 60 * 1000;

export async function getAccount({ db, userId }: { db: DB; userId: string }) {
  const row = await db.selectFrom("user").select(["id", "name", "email", "email_notifications"]).where("id", "=", userId).executeTakeFirst();
  return row ? { id: row.id, name: row.name, email: row.email, emailNotifications: row.email_notifications } : null;
}

/**
 * Sends a password reset link to the address if it belongs to an account; says nothing either
 * way (the page shows the same text), so the form does not reveal who has an account. Only the
 * token's hash is stored; a new link replaces the older ones.
 */
export async function requestPasswordReset({ db, email, now = Date.now() }: { db: DB; email: string; now?: number }): Promise<void> {
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
    await passwordResetRequested({ db: trx, userId: user.id, token });
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

export type ResetResult = Outcome<{ kind: "invalidToken" }, { userId: string; deviceToken: string }>;

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
  if (!(await isResetTokenValid({ db, token, now }))) return refuse({ kind: "invalidToken" });
  const passwordHash = await hashPassword(password, "account");
  return db.transaction().execute(async (trx): Promise<ResetResult> => {
    const row = await trx.deleteFrom("password_reset_token").where("token_hash", "=", tokenHash(token)).returning(["user_id", "expires_at"]).executeTakeFirst();
    if (!row || row.expires_at <= storedTime(now)) return refuse({ kind: "invalidToken" });
    await trx.deleteFrom("password_reset_token").where("user_id", "=", row.user_id).execute();
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", row.user_id).execute();
    await trx.deleteFrom("session").where("user_id", "=", row.user_id).execute();
    await trx.deleteFrom("login_device").where("user_id", "=", row.user_id).execute();
    await passwordChanged({ db: trx, userId: row.user_id, at: new Date(now) });
    const deviceToken = await rememberDeviceIn({ trx, userId: row.user_id, now });
    return { ok: true, userId: row.user_id, deviceToken };
  });
}

export type ChangePasswordResult = Outcome<{ kind: "wrongPassword" | "notFound" }>;

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
  if (!user) return refuse({ kind: "notFound" });
  if (!(await verifyPassword(user.password_hash, currentPassword, "account"))) return refuse({ kind: "wrongPassword" });
  const passwordHash = await hashPassword(newPassword, "account");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    // Sessions are stored as the hash of their token.
    await trx.deleteFrom("session").where("user_id", "=", userId).where("id", "!=", sessionTokenHash(keepSessionId)).execute();
    await trx.deleteFrom("password_reset_token").where("user_id", "=", userId).execute();
    await passwordChanged({ db: trx, userId, at: new Date() });
  });
  return { ok: true };
}
