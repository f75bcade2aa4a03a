/**
 * The audit log through the routes: each change to an organisation, a membership, a role or an
 * account leaves one entry naming who made it, written by the model in the change's own
 * transaction; a refused or failed action leaves none, and a change whose entry cannot be written
 * is not made either.
 */
import sharp from "sharp";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../../app/domain/org-number";
import { listAuditLog } from "../../app/models/audit-log.server";
import { requestToJoin } from "../../app/models/membership.server";
import { createOrganisation } from "../../app/models/organisation.server";
import { createUser, getUserRoles } from "../../app/models/user.server";
import { action as deleteAction } from "../../app/routes/account_.delete";
import { action as adminAction } from "../../app/routes/admin";
import { action as coordinatorAction } from "../../app/routes/coordinator";
import { action as editAction } from "../../app/routes/organisations.$slug_.edit";
import { action as logoAction } from "../../app/routes/organisations.$slug_.logo";
import { action as membersAction } from "../../app/routes/organisations.$slug_.members";
import { action as onboardingAction } from "../../app/routes/organisations.new";
import { type DB, databaseKind } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, sessionCookieFor, type RouteAnswer } from "./support/requests";
import { profileInput } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
const ids: Record<"admin" | "coordinator" | "owner", string> = { admin: "", coordinator: "", owner: "" };
const cookies: Record<"admin" | "coordinator" | "owner", string> = { admin: "", coordinator: "", owner: "" };
let fontanhuset: number;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const [who, email] of [
    ["admin", "admin@example.org"],
    ["coordinator", "coordinator@example.org"],
    ["owner", "member@example.org"],
  ] as const) {
    ids[who] = await userIdByEmail(email);
    cookies[who] = await sessionCookieFor(db, email);
  }
  fontanhuset = await organisationIdBySlug(db, "fontanhuset-lund");
});
afterAll(() => close());

async function userIdByEmail(email: string): Promise<string> {
  return (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

/** A new account with a confirmed address, signed in. */
async function newUser(email: string): Promise<{ id: string; cookie: string }> {
  const created = await createUser({ db, email, name: email.split("@")[0], password: "demo-password" });
  if (!created) throw new Error(`${email} exists`);
  await db.updateTable("user").set({ email_verified_at: new Date().toISOString() }).where("id", "=", created.id).execute();
  return { id: created.id, cookie: await sessionCookieFor(db, email) };
}

let orgNumberSeq = 0;
const nextOrgNumber = () => withCheckDigit(`802777${String(++orgNumberSeq).padStart(3, "0")}`);

async function newApplicant(name: string): Promise<number> {
  const created = await createOrganisation({
    db,
    ownerUserId: null,
    input: profileInput({ name, orgNumber: nextOrgNumber(), kind: "work_integrating" }),
  });
  if (!created.ok) throw new Error(`fixture ${name}`);
  return created.id;
}

/** Runs an action and returns its answer with the audit entries written meanwhile. */
async function withAudit(run: () => Promise<unknown>): Promise<{ answer: RouteAnswer; entries: AuditRow[] }> {
  const before =
    (
      await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirst()
    )?.id ?? 0;
  const answer = await answerOf(run);
  const entries = await db
    .selectFrom("audit_log")
    .select(["actor_user_id", "organisation_id", "entity", "entity_id", "action", "details"])
    .where("id", ">", Number(before))
    .orderBy("id")
    .execute();
  return { answer, entries: entries.map((e) => ({ ...e, details: JSON.parse(e.details) })) };
}

interface AuditRow {
  actor_user_id: string | null;
  organisation_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  details: Record<string, unknown>;
}

const entry = (e: Omit<AuditRow, "details" | "organisation_id"> & Partial<AuditRow>): AuditRow => ({ organisation_id: null, details: {}, ...e });

const coordinator = (fields: Record<string, string>) =>
  withAudit(() => coordinatorAction({ request: formRequest("/coordinator", fields, cookies.coordinator), params: {}, context: {} }));

describe("a coordinator's decisions on organisations", () => {
  it("are each recorded with the coordinator as actor", async () => {
    const orgId = await newApplicant("Granskade Cyklar");
    const org = { organisation_id: orgId, entity: "organisation", entity_id: String(orgId), actor_user_id: ids.coordinator };
    for (const [intent, action] of [
      ["approve", "approved"],
      ["verify", "verified"],
      ["deactivate", "deactivated"],
      ["reactivate", "reactivated"],
    ] as const) {
      const { answer, entries } = await coordinator({ intent, organisationId: String(orgId) });
      expect(answer.status, intent).toBe(302);
      expect(entries, intent).toEqual([entry({ ...org, action })]);
    }

    const rejectedId = await newApplicant("Avböjda Bagare");
    const { answer, entries } = await coordinator({ intent: "reject", organisationId: String(rejectedId), reason: "Inte ett socialt företag." });
    expect(answer.status).toBe(302);
    expect(entries).toEqual([
      entry({
        organisation_id: rejectedId,
        entity: "organisation",
        entity_id: String(rejectedId),
        actor_user_id: ids.coordinator,
        action: "rejected",
        details: { reason: "Inte ett socialt företag." },
      }),
    ]);
  });

  it("leave no entry when nothing changed", async () => {
    const orgId = await newApplicant("Väntande Väveri");
    // An applicant is approved before it can be verified or reactivated.
    for (const intent of ["verify", "reactivate"]) {
      const { answer, entries } = await coordinator({ intent, organisationId: String(orgId) });
      expect(answer.status, intent).toBe(404);
      expect(entries, intent).toEqual([]);
    }
    // A rejection needs a reason.
    const noReason = await coordinator({ intent: "reject", organisationId: String(orgId), reason: "" });
    expect(noReason.answer.status).toBe(400);
    expect(noReason.entries).toEqual([]);
  });
});

describe("an owner's decisions on join requests", () => {
  const members = (fields: Record<string, string>) =>
    withAudit(() =>
      membersAction({
        request: formRequest("/organisations/fontanhuset-lund/members", fields, cookies.owner),
        params: { slug: "fontanhuset-lund" },
        context: {},
      }),
    );

  it("are recorded with the owner as actor and the member as the entity", async () => {
    for (const [intent, action] of [
      ["approveMember", "approved"],
      ["rejectMember", "rejected"],
    ] as const) {
      const applicant = await newUser(`join-${action}@example.org`);
      expect(await requestToJoin({ db, userId: applicant.id, organisationId: fontanhuset })).toEqual({ decidedBy: "owners" });
      const { answer, entries } = await members({ intent, userId: applicant.id });
      expect(answer.status, intent).toBe(302);
      expect(entries, intent).toEqual([
        entry({ actor_user_id: ids.owner, organisation_id: fontanhuset, entity: "membership", entity_id: applicant.id, action }),
      ]);
    }
  });

  it("leave no entry for someone with no pending request", async () => {
    const stranger = await newUser("join-none@example.org");
    for (const intent of ["approveMember", "rejectMember"]) {
      const { answer, entries } = await members({ intent, userId: stranger.id });
      expect(answer.status, intent).toBe(404);
      expect(entries, intent).toEqual([]);
    }
    // Already a member: approving again changes nothing.
    const again = await members({ intent: "approveMember", userId: ids.owner });
    expect(again.answer.status).toBe(404);
    expect(again.entries).toEqual([]);
  });
});

describe("an organisation's profile and logo", () => {
  const ownEntry = (action: string) =>
    entry({ actor_user_id: ids.owner, organisation_id: fontanhuset, entity: "organisation", entity_id: String(fontanhuset), action });

  async function profileFields(overrides: Record<string, string> = {}) {
    const org = await db.selectFrom("organisation").selectAll().where("id", "=", fontanhuset).executeTakeFirstOrThrow();
    return {
      intent: "profile",
      name: org.name,
      orgNumber: org.org_number,
      kind: org.kind,
      description: "Uppdaterad text.",
      workforceShare: org.workforce_share === null ? "" : String(org.workforce_share),
      workforceShareDate: org.workforce_share_date ?? "",
      ...overrides,
    };
  }
  const edit = (fields: Record<string, string>) =>
    withAudit(() =>
      editAction({ request: formRequest("/organisations/fontanhuset-lund/edit", fields, cookies.owner), params: { slug: "fontanhuset-lund" }, context: {} }),
    );

  it("an edit is recorded with the editor as actor", async () => {
    const { answer, entries } = await edit(await profileFields());
    expect(answer.status).toBe(302);
    expect(entries).toEqual([ownEntry("updated")]);
  });

  it("a refused edit leaves no entry", async () => {
    const iris = await db.selectFrom("organisation").select("org_number").where("slug", "=", "iris-kraft").executeTakeFirstOrThrow();
    const { answer, entries } = await edit(await profileFields({ orgNumber: iris.org_number }));
    expect(answer).toMatchObject({ status: 400, data: { reply: { error: { orgNumber: [{ key: "form.orgNumber.taken" }] } } } });
    expect(entries).toEqual([]);
  });

  function logo(form: FormData | Record<string, string>) {
    const body = form instanceof FormData ? form : new URLSearchParams(form);
    const request = new Request("http://localhost/organisations/fontanhuset-lund/logo", { method: "POST", body, headers: { Cookie: cookies.owner } });
    return withAudit(() => logoAction({ request, params: { slug: "fontanhuset-lund" }, context: {} }));
  }

  it("uploading and removing the logo are recorded; a refused file is not", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#2a7" } })
      .png()
      .toBuffer();
    const upload = new FormData();
    upload.append("intent", "uploadLogo");
    upload.append("logo", new File([new Uint8Array(png)], "logo.png", { type: "image/png" }));
    const uploaded = await logo(upload);
    expect(uploaded.answer.headers.get("Location")).toBe("/organisations/fontanhuset-lund/edit");
    expect(uploaded.entries).toEqual([ownEntry("logoChanged")]);

    const notAnImage = new FormData();
    notAnImage.append("intent", "uploadLogo");
    notAnImage.append("logo", new File([new TextEncoder().encode("<svg/>")], "logo.png", { type: "image/png" }));
    const refused = await logo(notAnImage);
    expect(refused.answer.headers.get("Location")).toMatch(/logoError=/);
    expect(refused.entries).toEqual([]);

    const removed = await logo({ intent: "removeLogo" });
    expect(removed.answer.status).toBe(302);
    expect(removed.entries).toEqual([ownEntry("logoRemoved")]);
  });
});

describe("registering an organisation", () => {
  const register = (fields: Record<string, string>, cookie: string) =>
    withAudit(() => onboardingAction({ request: formRequest("/organisations/new", { intent: "register", ...fields }, cookie), params: {}, context: {} }));

  it("is recorded with the registering user as actor, for the new organisation", async () => {
    const founder = await newUser("founder@example.org");
    const { answer, entries } = await register({ name: "Nystartade Snickare", orgNumber: nextOrgNumber(), kind: "work_integrating" }, founder.cookie);
    expect(answer.status).toBe(302);
    const created = await db.selectFrom("organisation").select("id").where("name", "=", "Nystartade Snickare").executeTakeFirstOrThrow();
    expect(entries).toEqual([
      entry({ actor_user_id: founder.id, organisation_id: created.id, entity: "organisation", entity_id: String(created.id), action: "registered" }),
    ]);
  });

  it("leaves no entry when the organisation number is taken", async () => {
    const founder = await newUser("founder-taken@example.org");
    const taken = await db.selectFrom("organisation").select("org_number").where("id", "=", fontanhuset).executeTakeFirstOrThrow();
    const { answer, entries } = await register({ name: "Dubblett", orgNumber: taken.org_number, kind: "work_integrating" }, founder.cookie);
    expect(answer.status).toBe(400);
    expect(entries).toEqual([]);
  });
});

describe("an admin's role changes", () => {
  const admin = (fields: Record<string, string>) =>
    withAudit(() => adminAction({ request: formRequest("/admin", fields, cookies.admin), params: {}, context: {} }));

  it("granting and revoking are recorded with the admin as actor and the role in the details", async () => {
    const someone = await newUser("role-holder@example.org");
    const granted = await admin({ intent: "grant", role: "buyer", userId: someone.id });
    expect(granted.answer.status).toBe(302);
    expect(granted.entries).toEqual([
      entry({ actor_user_id: ids.admin, entity: "role", entity_id: someone.id, action: "granted", details: { role: "buyer" } }),
    ]);
    expect(await getUserRoles({ db, userId: someone.id })).toEqual(["buyer"]);

    const revoked = await admin({ intent: "revoke", role: "buyer", userId: someone.id });
    expect(revoked.answer.status).toBe(302);
    expect(revoked.entries).toEqual([
      entry({ actor_user_id: ids.admin, entity: "role", entity_id: someone.id, action: "revoked", details: { role: "buyer" } }),
    ]);
  });

  it("revoking one's own admin role is refused and leaves no entry", async () => {
    const { answer, entries } = await admin({ intent: "revoke", role: "admin", userId: ids.admin });
    expect(answer).toMatchObject({ status: 400, data: { error: { "": [{ key: "admin.cannotRevokeOwnAdmin" }] } } });
    expect(entries).toEqual([]);
  });
});

describe("deleting an account", () => {
  const remove = (password: string, cookie: string) =>
    withAudit(() => deleteAction({ request: formRequest("/account/delete", { password }, cookie), params: {}, context: {} }));

  it("a wrong password leaves no entry", async () => {
    const leaving = await newUser("not-leaving@example.org");
    const { answer, entries } = await remove("not-it", leaving.cookie);
    expect(answer.status).toBe(400);
    expect(entries).toEqual([]);
  });

  it("is recorded by the deleted account's id, and the entry outlives the account", async () => {
    const leaving = await newUser("leaving@example.org");
    const { answer, entries } = await remove("demo-password", leaving.cookie);
    expect(answer.status).toBe(302);
    expect(await db.selectFrom("user").select("id").where("id", "=", leaving.id).executeTakeFirst()).toBeUndefined();
    expect(entries).toEqual([entry({ actor_user_id: leaving.id, entity: "account", entity_id: leaving.id, action: "deleted" })]);
    const { entries: log } = await listAuditLog({ db, page: 1, pageSize: 20 });
    expect(log.find((e) => e.entity === "account" && e.entity_id === leaving.id)).toMatchObject({ action: "deleted", actor_name: null });
  });
});

describe("a change whose entry cannot be written", () => {
  /** Runs an action while the audit log refuses every entry; it must fail, not go through unrecorded. */
  async function whileAuditLogRefuses(run: () => Promise<unknown>) {
    if (databaseKind(db) === "postgres") {
      await sql`create function audit_log_refuse() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$`.execute(db);
      await sql`create trigger audit_log_refuse before insert on audit_log for each row execute function audit_log_refuse()`.execute(db);
    } else {
      await sql`create trigger audit_log_refuse before insert on audit_log begin select raise(abort, 'audit log unavailable'); end`.execute(db);
    }
    try {
      await expect(run()).rejects.toThrow(/audit log unavailable/);
    } finally {
      await sql`drop trigger audit_log_refuse${databaseKind(db) === "postgres" ? sql` on audit_log` : sql``}`.execute(db);
      if (databaseKind(db) === "postgres") await sql`drop function audit_log_refuse()`.execute(db);
    }
  }

  it("is not made: an approval", async () => {
    const orgId = await newApplicant("Ologgade Odlare");
    await whileAuditLogRefuses(() =>
      coordinatorAction({
        request: formRequest("/coordinator", { intent: "approve", organisationId: String(orgId) }, cookies.coordinator),
        params: {},
        context: {},
      }),
    );
    const row = await db.selectFrom("organisation").select(["status", "approved_by"]).where("id", "=", orgId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "applicant", approved_by: null });
  });

  it("is not made: a membership decision", async () => {
    const applicant = await newUser("join-unlogged@example.org");
    await requestToJoin({ db, userId: applicant.id, organisationId: fontanhuset });
    await whileAuditLogRefuses(() =>
      membersAction({
        request: formRequest("/organisations/fontanhuset-lund/members", { intent: "approveMember", userId: applicant.id }, cookies.owner),
        params: { slug: "fontanhuset-lund" },
        context: {},
      }),
    );
    const membership = await db.selectFrom("membership").select("status").where("user_id", "=", applicant.id).executeTakeFirstOrThrow();
    expect(membership.status).toBe("pending");
  });

  it("is not made: a role granted", async () => {
    const someone = await newUser("role-unlogged@example.org");
    await whileAuditLogRefuses(() =>
      adminAction({ request: formRequest("/admin", { intent: "grant", role: "coordinator", userId: someone.id }, cookies.admin), params: {}, context: {} }),
    );
    expect(await getUserRoles({ db, userId: someone.id })).toEqual([]);
  });

  it("is not made: an account deleted", async () => {
    const leaving = await newUser("leaving-unlogged@example.org");
    await whileAuditLogRefuses(() =>
      deleteAction({ request: formRequest("/account/delete", { password: "demo-password" }, leaving.cookie), params: {}, context: {} }),
    );
    expect(await db.selectFrom("user").select("id").where("id", "=", leaving.id).executeTakeFirst()).toBeDefined();
  });
});
