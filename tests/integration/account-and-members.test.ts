/**
 * Issue 8, items 8, 9 and 16 against the real demo database: password reset links (single use,
 * one hour, only a hash stored, through the one outbox), password change ending the other
 * sessions, owners never removed or demoted below one, join requests reaching the owners, and a
 * rejected application carrying its reason to the applicant.
 */
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { changePassword, requestPasswordReset, resetPassword, RESET_TOKEN_LIFETIME_MS } from "../../app/models/account.server";
import { rejectApplication } from "../../app/models/coordination.server";
import { changeMemberRole, countPendingJoinRequestsForOwner, removeMember, requestToJoin } from "../../app/models/membership.server";
import { createUser, verifyLogin } from "../../app/models/user.server";
import { action as joinAction } from "../../app/routes/organisations.$slug";
import { action as resetAction } from "../../app/routes/reset-password.$token";
import { clientAddressHeader } from "../../app/utils/client-address.server";
import { createHashingBudget, machineLimits } from "../../app/utils/hashing-budget.server";
import { useHashingBudget } from "../../app/utils/password.server";
import { getSession } from "../../app/utils/session.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, responseOf, sessionCookieFor } from "./support/requests";
import { profileInput } from "./fixtures";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

async function lastEmailTo(to: string) {
  return db.selectFrom("email_outbox").selectAll().where("to_address", "=", to).orderBy("id", "desc").executeTakeFirst();
}

function tokenFrom(text: string): string {
  const match = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`No reset link in: ${text}`);
  return match[1];
}

async function sessionsOf(userId: string) {
  return db.selectFrom("session").select("id").where("user_id", "=", userId).execute();
}

describe("password reset by e-mail", () => {
  // Links are made from PUBLIC_URL alone.
  beforeAll(() => vi.stubEnv("PUBLIC_URL", "https://stl.example"));
  afterAll(() => vi.unstubAllEnvs());

  it("mails a link whose token is stored only as a hash, and works once", async () => {
    const user = (await createUser({ db, email: "reset-once@example.org", name: "Rut Reset", password: "old-password-1" }))!;
    const cookie = await sessionCookieFor(db, "member@example.org"); // another user's session stays untouched
    const ownSession = await getSession(getRequest("/", await signIn("reset-once@example.org", "old-password-1")));
    expect(ownSession).not.toBeNull();

    await requestPasswordReset({ db, email: "Reset-Once@Example.org " });
    const mail = await lastEmailTo("reset-once@example.org");
    expect(mail?.body_text).toContain("https://stl.example/reset-password/");
    const token = tokenFrom(mail!.body_text);
    const stored = await db.selectFrom("password_reset_token").selectAll().where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await resetPassword({ db, token, password: "new-password-1" })).toMatchObject({ ok: true });
    expect(await verifyLogin({ db, email: "reset-once@example.org", password: "new-password-1" })).toBe(user.id);
    expect(await verifyLogin({ db, email: "reset-once@example.org", password: "old-password-1" })).toBeNull();
    expect(await sessionsOf(user.id), "every session of the account ends").toHaveLength(0);
    expect(await getSession(getRequest("/", cookie)), "other users stay signed in").not.toBeNull();

    expect(await resetPassword({ db, token, password: "third-password" }), "a used link does not work again").toEqual({
      ok: false,
      error: { kind: "invalidToken" },
    });
  });

  it("refuses a link older than one hour", async () => {
    await createUser({ db, email: "reset-late@example.org", name: "Lars Sen", password: "old-password-2" });
    const requestedAt = Date.now() - RESET_TOKEN_LIFETIME_MS - 1000;
    await requestPasswordReset({ db, email: "reset-late@example.org", now: requestedAt });
    const token = tokenFrom((await lastEmailTo("reset-late@example.org"))!.body_text);
    expect(await resetPassword({ db, token, password: "new-password-2" })).toEqual({ ok: false, error: { kind: "invalidToken" } });
    expect(await verifyLogin({ db, email: "reset-late@example.org", password: "old-password-2" })).not.toBeNull();
  });

  it("sends nothing for an unknown address, and at most one mail a minute per account", async () => {
    const before = await db
      .selectFrom("email_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await requestPasswordReset({ db, email: "nobody-here@example.org" });
    await createUser({ db, email: "reset-flood@example.org", name: "Flo", password: "old-password-3" });
    await requestPasswordReset({ db, email: "reset-flood@example.org" });
    await requestPasswordReset({ db, email: "reset-flood@example.org" });
    const after = await db
      .selectFrom("email_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
  });

  describe("the reset page under load", () => {
    const reset = (token: string, address: string) => {
      const request = formRequest(`/reset-password/${token}`, { password: "brand-new-password" });
      request.headers.set(clientAddressHeader, address);
      return answerOf(() => resetAction({ request, params: { token }, context: {} }));
    };
    afterEach(() => useHashingBudget(createHashingBudget(machineLimits())));

    it("checks the link before hashing: a made-up link is refused even while every hashing turn is taken", async () => {
      await createUser({ db, email: "reset-busy@example.org", name: "Bo Busy", password: "old-password-4" });
      await requestPasswordReset({ db, email: "reset-busy@example.org" });
      const token = tokenFrom((await lastEmailTo("reset-busy@example.org"))!.body_text);
      const full = createHashingBudget({ concurrency: 1, maxWaiting: 0, maxAccount: 1 });
      useHashingBudget(full);
      const held = await full.acquire("login");
      expect(await reset("made-up-token", "10.28.1.1")).toMatchObject({ status: 400, data: { error: { "": [{ key: "account.resetInvalid" }] } } });

      // A real link while the budget is full: 503 "busy", never a 500, and the link still works after.
      const busy = await reset(token, "10.28.1.2");
      expect(busy).toMatchObject({ status: 503, data: { error: { "": [{ key: "security.busy" }] } } });
      expect(busy.headers.get("Retry-After")).toBe("5");
      held();
      const done = await reset(token, "10.28.1.2");
      expect(done.status).toBe(302);
      // The browser that reset the password is a known one from now on (decision 002).
      expect(done.headers.getSetCookie().some((c) => /^stl_device=[A-Za-z0-9_-]{43};/.test(c))).toBe(true);
      expect(await verifyLogin({ db, email: "reset-busy@example.org", password: "brand-new-password" })).not.toBeNull();
    });

    it("limits attempts per address: the 11th in 15 minutes is 429, other addresses go on", async () => {
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await reset(`made-up-${i}`, "10.28.2.1")).status);
      expect(statuses).toEqual([...Array(10).fill(400), 429]);
      expect(await reset("made-up-next", "10.28.2.1")).toMatchObject({ status: 429, data: { error: { "": [{ key: "security.resetThrottled" }] } } });
      expect((await reset("made-up-elsewhere", "10.28.2.2")).status).toBe(400);
    });
  });
});

async function signIn(email: string, password: string): Promise<string> {
  const { createUserSession } = await import("../../app/utils/session.server");
  const userId = await verifyLogin({ db, email, password });
  return (await createUserSession(userId!, new Request("http://localhost/"))).split(";")[0];
}

describe("password change", () => {
  it("checks the current password, and ends every other session but the one it was made in", async () => {
    const user = (await createUser({ db, email: "change@example.org", name: "Cha Nge", password: "old-password-4" }))!;
    const here = await signIn("change@example.org", "old-password-4");
    const elsewhere = await signIn("change@example.org", "old-password-4");
    const hereId = (await getSession(getRequest("/", here)))!.sessionId;

    expect(await changePassword({ db, userId: user.id, currentPassword: "wrong", newPassword: "new-password-4", keepSessionId: hereId })).toEqual({
      ok: false,
      error: { kind: "wrongPassword" },
    });
    expect(await sessionsOf(user.id)).toHaveLength(2);

    expect(await changePassword({ db, userId: user.id, currentPassword: "old-password-4", newPassword: "new-password-4", keepSessionId: hereId })).toEqual({
      ok: true,
    });
    expect(await getSession(getRequest("/", here))).not.toBeNull();
    expect(await getSession(getRequest("/", elsewhere))).toBeNull();
    expect(await verifyLogin({ db, email: "change@example.org", password: "new-password-4" })).toBe(user.id);
  });
});

describe("members of an organisation", () => {
  it("never leaves an organisation without an owner", async () => {
    const organisationId = await organisationIdBySlug(db, "fontanhuset-lund");
    const owner = (await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow()).id;
    expect(await changeMemberRole({ db, organisationId, userId: owner, role: "editor" })).toEqual({ ok: false, error: { kind: "lastOwner" } });
    expect(await removeMember({ db, organisationId, userId: owner })).toEqual({ ok: false, error: { kind: "lastOwner" } });

    // With a second owner, the first may step down, and the second may then not.
    const colleague = (await createUser({ db, email: "colleague@example.org", name: "Kollega", password: "password-5" }))!;
    await requestToJoin({ db, userId: colleague.id, organisationId });
    await db.updateTable("membership").set({ status: "active" }).where("user_id", "=", colleague.id).execute();
    expect(await changeMemberRole({ db, organisationId, userId: colleague.id, role: "owner" })).toEqual({ ok: true });
    expect(await changeMemberRole({ db, organisationId, userId: owner, role: "editor" })).toEqual({ ok: true });
    expect(await removeMember({ db, organisationId, userId: colleague.id })).toEqual({ ok: false, error: { kind: "lastOwner" } });
    expect(await changeMemberRole({ db, organisationId, userId: owner, role: "owner" })).toEqual({ ok: true });
    expect(await removeMember({ db, organisationId, userId: colleague.id })).toEqual({ ok: true });
    expect(await removeMember({ db, organisationId, userId: colleague.id })).toEqual({ ok: false, error: { kind: "notFound" } });
  });

  it("tells the owners of a join request and counts it where they land", async () => {
    const organisationId = await organisationIdBySlug(db, "fontanhuset-lund");
    const owner = (await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow()).id;
    const before = await countPendingJoinRequestsForOwner({ db, userId: owner });
    const asker = (await createUser({ db, email: "asker@example.org", name: "Asker Andersson", password: "password-6" }))!;
    await requestToJoin({ db, userId: asker.id, organisationId });
    await requestToJoin({ db, userId: asker.id, organisationId }); // asking twice notifies once
    const after = await countPendingJoinRequestsForOwner({ db, userId: owner });
    expect(after.total).toBe(before.total + 1);
    expect(after.byOrganisation.find((o) => o.slug === "fontanhuset-lund")?.count).toBeGreaterThan(0);
    const notices = await db
      .selectFrom("notification")
      .selectAll()
      .where("user_id", "=", owner)
      .where("message_key", "=", "members.joinRequestNotice")
      .execute();
    expect(notices.filter((n) => n.message_vars.includes("Asker Andersson"))).toHaveLength(1);
    expect(notices[0].link).toBe("/organisations/fontanhuset-lund/members");
  });

  it("does not let a buyer ask to join a supplier", async () => {
    const cookie = await sessionCookieFor(db, "buyer@example.org");
    const response = (await responseOf(() =>
      joinAction({ request: formRequest("/organisations/iris-kraft", { intent: "join" }, cookie), params: { slug: "iris-kraft" }, context: {} }),
    )) as Response;
    expect(response.status).toBe(403);
  });
});

describe("a rejected application", () => {
  it("keeps the organisation unlisted, stores the reason and tells the applicant", async () => {
    const applicant = (await createUser({ db, email: "applicant@example.org", name: "Ann Sökande", password: "password-7" }))!;
    const { createOrganisation } = await import("../../app/models/organisation.server");
    const created = await createOrganisation({
      db,
      ownerUserId: applicant.id,
      input: profileInput({ name: "Avslagna AB", orgNumber: "556036-0793", kind: "work_integrating" }),
    });
    if (!created.ok) throw new Error(created.error.kind);
    const coordinator = (await db.selectFrom("user").select("id").where("email", "=", "coordinator@example.org").executeTakeFirstOrThrow()).id;
    // An application is approved or rejected before anyone may mark it verified.
    const { verifyOrganisation } = await import("../../app/models/organisation.server");
    expect(await verifyOrganisation({ db, organisationId: created.id, coordinatorId: coordinator })).toBeNull();
    expect((await db.selectFrom("organisation").select("verified_at").where("id", "=", created.id).executeTakeFirstOrThrow()).verified_at).toBeNull();
    const result = await rejectApplication({ db, organisationId: created.id, coordinatorId: coordinator, reason: "Inte ett socialt företag." });
    expect(result).toEqual({ ok: true, name: "Avslagna AB" });
    const org = await db.selectFrom("organisation").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(org).toMatchObject({ status: "applicant", rejection_reason: "Inte ett socialt företag.", rejected_by: coordinator });
    const notice = await db.selectFrom("notification").selectAll().where("user_id", "=", applicant.id).executeTakeFirst();
    expect(notice?.message_key).toBe("coordinator.rejectedNotice");
    // A listed organisation cannot be "rejected".
    const listed = await organisationIdBySlug(db, "iris-kraft");
    expect(await rejectApplication({ db, organisationId: listed, coordinatorId: coordinator, reason: "x" })).toEqual({
      ok: false,
      error: { kind: "notFound" },
    });
  });
});
