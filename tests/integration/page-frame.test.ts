/**
 * What the frame of every signed-in page reads with one statement each (app/models/page-frame.server.ts,
 * app/utils/session.server.ts), checked for every demo user against the same figures counted here
 * from all the rows: the unread notifications, the join requests waiting for organisations the user
 * owns, and the session's user with their roles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFrameCounts } from "../../app/models/page-frame.server";
import { getCurrentSession } from "../../app/utils/auth.server";
import { grantRole } from "../../app/models/user.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

/** The frame's figures for every user, counted in JavaScript from whole tables. */
async function countedFromAllRows(): Promise<Map<string, { unreadNotifications: number; waitingJoinRequests: number }>> {
  const [users, notifications, memberships] = await Promise.all([
    db.selectFrom("user").select("id").execute(),
    db.selectFrom("notification").select(["user_id", "read_at"]).execute(),
    db.selectFrom("membership").select(["user_id", "organisation_id", "role", "status"]).execute(),
  ]);
  const counts = new Map<string, { unreadNotifications: number; waitingJoinRequests: number }>();
  for (const { id } of users) {
    const owned = new Set(memberships.filter((m) => m.user_id === id && m.role === "owner" && m.status === "active").map((m) => m.organisation_id));
    counts.set(id, {
      unreadNotifications: notifications.filter((n) => n.user_id === id && n.read_at === null).length,
      waitingJoinRequests: memberships.filter((m) => m.status === "pending" && owned.has(m.organisation_id)).length,
    });
  }
  return counts;
}

async function expectFrameCountsOfEveryUser() {
  const expected = await countedFromAllRows();
  for (const [userId, counts] of expected) expect(await getFrameCounts({ db, userId }), userId).toEqual(counts);
  return expected;
}

describe("the frame of a signed-in page", () => {
  it("counts unread notifications and waiting join requests of every user as the rows do", async () => {
    const before = await expectFrameCountsOfEveryUser();
    // Counts that are not all zero: a join request for an organisation with an owner, and a notification.
    const owner = await db
      .selectFrom("membership")
      .select(["user_id", "organisation_id"])
      .where("role", "=", "owner")
      .where("status", "=", "active")
      .executeTakeFirstOrThrow();
    const outsider = await db
      .selectFrom("user")
      .select("id")
      .where("id", "not in", db.selectFrom("membership").select("user_id").where("organisation_id", "=", owner.organisation_id))
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db
      .insertInto("membership")
      .values({ user_id: outsider.id, organisation_id: owner.organisation_id, role: "editor", status: "pending", created_at: now })
      .execute();
    await db
      .insertInto("notification")
      .values({ user_id: owner.user_id, message_key: "notifications.test", link: null, created_at: now, read_at: null })
      .execute();
    const after = await expectFrameCountsOfEveryUser();
    expect(after.get(owner.user_id)!.waitingJoinRequests).toBeGreaterThan(before.get(owner.user_id)!.waitingJoinRequests);
    expect(after.get(owner.user_id)!.unreadNotifications).toBe(before.get(owner.user_id)!.unreadNotifications + 1);
  });

  it("has the session's user with exactly their roles, none, one or several", async () => {
    const [users, roles] = await Promise.all([
      db.selectFrom("user").select(["id", "email", "name"]).execute(),
      db.selectFrom("user_role").select(["user_id", "role"]).execute(),
    ]);
    // Someone with several roles (the demo's users have none or one).
    const admin = await db.selectFrom("user").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
    const buyer = users.find((u) => u.email === "buyer@example.org")!;
    await grantRole({ db, userId: buyer.id, role: "coordinator", grantedBy: admin.id });
    roles.push({ user_id: buyer.id, role: "coordinator" });
    expect(users.some((u) => !roles.some((r) => r.user_id === u.id))).toBe(true);
    for (const user of users) {
      const session = await getCurrentSession(getRequest("/", await sessionCookieFor(db, user.email)));
      expect(session?.user).toMatchObject({ id: user.id, email: user.email, name: user.name });
      expect([...session!.user.roles].sort(), user.email).toEqual(
        roles
          .filter((r) => r.user_id === user.id)
          .map((r) => r.role)
          .sort(),
      );
    }
  });
});
