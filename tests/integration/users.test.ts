import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, getUserByEmail, getUserRoles, listUsers, revokeRole } from "../../app/models/user.server";
import { action as adminAction } from "../../app/routes/admin";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, formRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const [email, name] of [
    ["kim_berg@example.org", "Kim_Berg"],
    ["kimxberg@example.org", "KimXBerg"],
    ["half@example.org", "Femtio% Rabatt"],
    ["halfx@example.org", "Femtio Procent Rabatt"],
  ]) {
    await createUser({ db, email, name, password: "demo-password" });
  }
});
afterAll(() => close());

const emailsFound = async (search: string) => (await listUsers({ db, search, page: 1, pageSize: 50 })).users.map((u) => u.email).sort();

describe("listUsers", () => {
  it("takes _ and % in a search literally, in names and e-mail addresses", async () => {
    expect(await emailsFound("kim_berg")).toEqual(["kim_berg@example.org"]);
    expect(await emailsFound("Kim_B")).toEqual(["kim_berg@example.org"]);
    expect(await emailsFound("femtio%")).toEqual(["half@example.org"]);
    expect(await emailsFound("\\")).toEqual([]);
  });

  it("still finds by any part of the name or address, ignoring case", async () => {
    expect(await emailsFound("KIMXB")).toEqual(["kimxberg@example.org"]);
    expect(await emailsFound("berg@")).toEqual(["kim_berg@example.org", "kimxberg@example.org"]);
  });
});

describe("revokeRole", () => {
  it("refuses an admin's own admin role and keeps it, but revokes it from someone else", async () => {
    const admin = (await getUserByEmail({ db, email: "admin@example.org" }))!;
    expect(await revokeRole({ db, userId: admin.id, role: "admin", revokedBy: admin.id })).toEqual({ ok: false, error: "own_admin_role" });
    expect(await getUserRoles({ db, userId: admin.id })).toContain("admin");
    const other = (await getUserByEmail({ db, email: "coordinator@example.org" }))!;
    expect(await revokeRole({ db, userId: other.id, role: "coordinator", revokedBy: admin.id })).toEqual({ ok: true });
    expect(await getUserRoles({ db, userId: other.id })).not.toContain("coordinator");
  });
});

describe("the admin page", () => {
  it("tells an admin who revokes their own admin role why nothing happened", async () => {
    const admin = (await getUserByEmail({ db, email: "admin@example.org" }))!;
    const cookie = await sessionCookieFor(db, "admin@example.org");
    const request = formRequest("/admin", { intent: "revoke", role: "admin", userId: admin.id }, cookie);
    expect(await answerOf(() => adminAction({ request, params: {}, context: {} }))).toMatchObject({
      status: 400,
      data: { error: { "": [{ key: "admin.cannotRevokeOwnAdmin" }] } },
    });
    expect(await getUserRoles({ db, userId: admin.id })).toContain("admin");
  });

  it("answers 400 for a role that does not exist and 404 for a user who does not", async () => {
    const admin = (await getUserByEmail({ db, email: "admin@example.org" }))!;
    const cookie = await sessionCookieFor(db, "admin@example.org");
    const post = (fields: Record<string, string>) => answerOf(() => adminAction({ request: formRequest("/admin", fields, cookie), params: {}, context: {} }));
    expect((await post({ intent: "grant", role: "owner", userId: admin.id })).status).toBe(400);
    expect((await post({ intent: "grant", role: "buyer", userId: "no-such-user" })).status).toBe(404);
    expect((await post({ intent: "promote", role: "buyer", userId: admin.id })).status).toBe(400);
  });
});
