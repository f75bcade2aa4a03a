/** Issue 13, accounts (ASVS level 2): verification, sessions, export, deletion and the audit log. */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditLog, recordAudit } from "../../app/models/audit-log.server";
import { createUser } from "../../app/models/user.server";
import { action as deleteAction } from "../../app/routes/account_.delete";
import { loader as exportLoader } from "../../app/routes/account_.export";
import { action as sessionsAction } from "../../app/routes/account_.sessions";
import { action as verifyResendAction } from "../../app/routes/account_.verify";
import { loader as auditLoader } from "../../app/routes/coordinator_.audit";
import { action as onboardingAction } from "../../app/routes/organisations.new";
import { action as signupAction } from "../../app/routes/signup";
import { loader as verifyLoader } from "../../app/routes/verify-email";
import { clientAddressHeader } from "../../app/utils/client-address.server";
import { publicOrigin } from "../../app/utils/origin.server";
import { sv } from "../../app/locales/sv";
import { verifyLogin } from "../../app/models/user.server";
import { createUserSession, endOtherSessionsOf, getSession } from "../../app/utils/session.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { formRequest, getRequest, responseOf, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

/** Signs up through the form (which signs nobody in) and logs in with the new account. */
async function signUpAndLogIn(fields: { name: string; email: string; password: string }, address: string): Promise<string> {
  const signup = formRequest("/signup", fields);
  signup.headers.set(clientAddressHeader, address);
  const answer = (await signupAction({ request: signup, params: {}, context: {} })) as Response;
  expect(answer.headers.get("Location")).toBe("/signup?sent");
  const userId = await verifyLogin({ db, email: fields.email, password: fields.password });
  return (await createUserSession(userId!, getRequest("/"))).split(";")[0];
}

describe("sign-up", () => {
  /** A sign-up through the form, and everything a sender could observe of its answer. */
  async function signUpAnswer(email: string, address: string) {
    const request = formRequest("/signup", { name: "Sara Sökande", email, password: "a-long-password" });
    request.headers.set(clientAddressHeader, address);
    const answer = (await responseOf(() => signupAction({ request, params: {}, context: {} }))) as Response;
    return { status: answer.status, headers: [...answer.headers.entries()], body: await answer.text() };
  }
  const mailsTo = (to: string) => db.selectFrom("email_outbox").select(["subject", "body_text"]).where("to_address", "=", to).orderBy("id").execute();
  const noticesTo = async (to: string) => (await mailsTo(to)).filter((m) => m.subject.startsWith(sv["security.signupExistingSubject"]));

  it("answers the same for an address that has an account and one that has not, and mails each", async () => {
    const taken = await signUpAnswer("Member@Example.org", "10.21.0.1");
    const fresh = await signUpAnswer("sara.sokande@example.org", "10.21.0.2");
    expect(taken).toEqual(fresh);
    expect(fresh.status).toBe(302);
    expect(new Map(fresh.headers).get("location")).toBe("/signup?sent");
    expect(new Map(fresh.headers).has("set-cookie"), "nobody is signed in by a sign-up").toBe(false);

    // The new address gets its confirmation link; the owner of the existing one is told and not signed up twice.
    expect((await mailsTo("sara.sokande@example.org")).map((m) => m.body_text).join()).toMatch(/\/verify-email\?token=/);
    const notices = await noticesTo("member@example.org");
    expect(notices.map((m) => m.subject)).toEqual([`${sv["security.signupExistingSubject"]} | Social Trade Lund`]);
    expect(notices[0].body_text).toContain(`${publicOrigin()}/login`);
    expect(notices[0].body_text).toContain(`${publicOrigin()}/forgot-password`);
    expect(await verifyLogin({ db, email: "member@example.org", password: "a-long-password" }), "the existing password is unchanged").toBeNull();

    // Asked again within the hour: the same answer, and no second e-mail to the owner.
    expect(await signUpAnswer("member@example.org", "10.21.0.3")).toEqual(fresh);
    expect(await noticesTo("member@example.org")).toHaveLength(1);
  });
});

describe("e-mail verification", () => {
  it("a new account cannot act for an organisation until it opens the link it was sent", async () => {
    const cookie = await signUpAndLogIn({ name: "Vera Verifierad", email: "vera@example.org", password: "a-long-password" }, "10.20.0.1");

    const register = (fields: Record<string, string> = {}) =>
      responseOf(() => onboardingAction({ request: formRequest("/organisations/new", { intent: "register", ...fields }, cookie), params: {}, context: {} }));
    // Sent before the address is confirmed, the form comes back as typed, saying why: nothing is lost.
    const refused = await register({ name: "Veras Verkstad", description: "Cyklar och reparationer" });
    expect(refused).toMatchObject({
      init: { status: 400 },
      data: {
        form: "register",
        reply: { error: { "": [{ key: "onboarding.verifyFirstError" }] }, initialValue: { name: "Veras Verkstad", description: "Cyklar och reparationer" } },
      },
    });
    expect(await db.selectFrom("organisation").select("id").where("name", "=", "Veras Verkstad").executeTakeFirst()).toBeUndefined();

    const mail = await db.selectFrom("email_outbox").selectAll().where("to_address", "=", "vera@example.org").executeTakeFirstOrThrow();
    const link = /\/verify-email\?token=[A-Za-z0-9_-]+/.exec(mail.body_text)![0];
    // The token itself is not stored.
    expect(JSON.stringify(await db.selectFrom("email_verification").selectAll().execute())).not.toContain(link.split("=")[1]);

    const confirmed = (await verifyLoader({ request: getRequest(link, cookie), params: {}, context: {} })) as Response;
    expect(confirmed.headers.get("Location")).toBe("/organisations/new");
    // Past the check now: an empty form fails validation instead.
    expect(await register()).toMatchObject({ init: { status: 400 } });
    // The link works once.
    const again = (await verifyLoader({ request: getRequest(link, cookie), params: {}, context: {} })) as Response;
    expect(again.headers.get("Location")).toBe("/account/verify");
  });

  it("a new link can be asked for, a few times an hour", async () => {
    const cookie = await signUpAndLogIn({ name: "Otto", email: "otto@example.org", password: "a-long-password" }, "10.20.0.2");
    const resend = () => responseOf(() => verifyResendAction({ request: formRequest("/account/verify", {}, cookie), params: {}, context: {} }));
    for (let i = 0; i < 5; i++) expect(((await resend()) as Response).status).toBe(302);
    expect(((await resend()) as Response).status).toBe(429);
  });
});

describe("sessions", () => {
  it("log out everywhere ends every session of the account", async () => {
    const one = await sessionCookieFor(db, "buyer@example.org");
    const two = await sessionCookieFor(db, "buyer@example.org");
    const response = (await sessionsAction({ request: formRequest("/account/sessions", {}, one), params: {}, context: {} })) as Response;
    expect(response.headers.get("Location")).toBe("/login");
    expect(await getSession(getRequest("/", one))).toBeNull();
    expect(await getSession(getRequest("/", two))).toBeNull();
  });

  it("a password change can end the other sessions and keep this one", async () => {
    const current = await sessionCookieFor(db, "buyer@example.org");
    const other = await sessionCookieFor(db, "buyer@example.org");
    const session = (await getSession(getRequest("/", current)))!;
    await endOtherSessionsOf(session.user.id, getRequest("/", current));
    expect(await getSession(getRequest("/", current))).not.toBeNull();
    expect(await getSession(getRequest("/", other))).toBeNull();
  });
});

describe("export and deletion", () => {
  it("exports the user's own data as JSON, without secrets", async () => {
    const cookie = await sessionCookieFor(db, "member@example.org");
    const response = await exportLoader({ request: getRequest("/account/export", cookie), params: {}, context: {} });
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment/);
    const text = await response.text();
    const data = JSON.parse(text);
    expect(data.account.email).toBe("member@example.org");
    expect(data.memberships.map((m: { slug: string }) => m.slug)).toContain("fontanhuset-lund");
    expect(text).not.toMatch(/scrypt|password_hash/);
  });

  it("deletes the account with its password; the organisation and its log stay, by a former member", async () => {
    const cookie = await sessionCookieFor(db, "member@example.org");
    const userId = (await getSession(getRequest("/", cookie)))!.user.id;
    const organisationId = await organisationIdBySlug(db, "fontanhuset-lund");
    await recordAudit(db, { actorUserId: userId, organisationId, entity: "organisation", entityId: organisationId, action: "updated" });
    // An organisation always keeps an owner: a colleague takes over first.
    const colleague = (await createUser({ db, email: "fontan-kollega@example.org", name: "Frida Kollega", password: "a-long-password" }))!;
    await db
      .insertInto("membership")
      .values({ user_id: colleague.id, organisation_id: organisationId, role: "owner", status: "active", created_at: new Date().toISOString() })
      .execute();

    const wrong = await deleteAction({ request: formRequest("/account/delete", { password: "not-it" }, cookie), params: {}, context: {} });
    expect(wrong).toMatchObject({ init: { status: 400 }, data: { error: { password: [{ key: "security.wrongPassword" }] } } });
    // The password typed is not sent back to the page.
    expect((wrong as { data: { initialValue?: Record<string, unknown> } }).data.initialValue).not.toHaveProperty("password");

    const done = (await deleteAction({ request: formRequest("/account/delete", { password: "demo-password" }, cookie), params: {}, context: {} })) as Response;
    expect(done.status).toBe(302);
    expect(await db.selectFrom("user").select("id").where("id", "=", userId).executeTakeFirst()).toBeUndefined();
    expect(await getSession(getRequest("/", cookie))).toBeNull();
    expect(await db.selectFrom("organisation").select("id").where("id", "=", organisationId).executeTakeFirst()).toBeDefined();
    const { entries } = await listAuditLog({ db, page: 1, pageSize: 100 });
    const theirs = entries.filter((e) => e.actor_user_id === userId);
    expect(theirs.length).toBeGreaterThan(0);
    for (const entry of theirs) expect(entry.actor_name).toBeNull();
  });
});

describe("audit log", () => {
  it("nobody can edit or delete it, and coordinators can read it", async () => {
    await recordAudit(db, { actorUserId: null, entity: "role", entityId: "x", action: "granted" });
    await expect(sql`update audit_log set action = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const coordinator = await sessionCookieFor(db, "coordinator@example.org");
    const page = (await auditLoader({ request: getRequest("/coordinator/audit", coordinator), params: {}, context: {} })) as { total: number };
    expect(page.total).toBeGreaterThan(0);
    const member = await sessionCookieFor(db, "buyer@example.org");
    expect(((await responseOf(() => auditLoader({ request: getRequest("/coordinator/audit", member), params: {}, context: {} }))) as Response).status).toBe(
      403,
    );
  });
});
