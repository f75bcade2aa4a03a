import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import type { Locale } from "../domain/locale";
import type { RoleName } from "../domain/roles";
import { recordAudit } from "./audit-log.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../utils/password.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserByEmail({ db, email }: { db: DB; email: string }) {
  return (await db.selectFrom("user").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst()) ?? null;
}

/** Creates an account; returns null when the email is taken. Its e-mails are written in `locale`. */
export async function createUser({
  db,
  email,
  name,
  password,
  locale = "sv",
}: {
  db: DB;
  email: string;
  name: string;
  password: string;
  locale?: Locale;
}): Promise<{ id: string } | null> {
  const passwordHash = await hashPassword(password, "account");
  const id = randomUUID();
  const result = await db
    .insertInto("user")
    .values({ id, email: normaliseEmail(email), name: name.trim(), password_hash: passwordHash, locale, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("email").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? { id } : null;
}

/** The user id for a correct email and password, else null; takes as long whether or not the account exists. */
export async function verifyLogin({ db, email, password }: { db: DB; email: string; password: string }): Promise<string | null> {
  const user = await getUserByEmail({ db, email });
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password, "login");
  return user && ok ? user.id : null;
}

export async function getUserRoles({ db, userId }: { db: DB; userId: string }): Promise<RoleName[]> {
  const rows = await db.selectFrom("user_role").select("role").where("user_id", "=", userId).execute();
  return rows.map((r) => r.role);
}

export async function grantRole({ db, userId, role, grantedBy }: { db: DB; userId: string; role: RoleName; grantedBy: string }) {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("user_role")
      .values({ user_id: userId, role, granted_at: new Date().toISOString(), granted_by: grantedBy })
      .onConflict((oc) => oc.columns(["user_id", "role"]).doNothing())
      .execute();
    await recordAudit(trx, { actorUserId: grantedBy, entity: "role", entityId: userId, action: "granted", details: { role } });
  });
}

export type RevokeRoleResult = { ok: true } | { ok: false; error: "own_admin_role" };

/** Takes a role away. An admin cannot revoke their own admin role, so the network always keeps one. */
export async function revokeRole({ db, userId, role, revokedBy }: { db: DB; userId: string; role: RoleName; revokedBy: string }): Promise<RevokeRoleResult> {
  if (userId === revokedBy && role === "admin") return { ok: false, error: "own_admin_role" };
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_role").where("user_id", "=", userId).where("role", "=", role).execute();
    await recordAudit(trx, { actorUserId: revokedBy, entity: "role", entityId: userId, action: "revoked", details: { role } });
  });
  return { ok: true };
}

export async function getUserById({ db, userId }: { db: DB; userId: string }) {
  return (await db.selectFrom("user").select(["id", "email", "name"]).where("id", "=", userId).executeTakeFirst()) ?? null;
}

/** A page of users with their roles, optionally filtered by name or email. */
export async function listUsers({ db, search, page, pageSize }: { db: DB; search: string; page: number; pageSize: number }) {
  let query = db.selectFrom("user");
  const term = search.trim().toLowerCase();
  if (term) {
    // LIKE has no escape character unless one is declared, so "_" would match any letter. Both
    // sides are lower-cased: SQLite's LIKE ignores case (for ASCII), PostgreSQL's does not.
    const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([sql<boolean>`lower(${eb.ref("email")}) like ${like} escape '\\'`, sql<boolean>`lower(${eb.ref("name")}) like ${like} escape '\\'`]),
    );
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0);
  const users = await query
    .select(["id", "email", "name", "created_at"])
    .orderBy("email")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const roles = users.length
    ? await db
        .selectFrom("user_role")
        .select(["user_id", "role"])
        .where(
          "user_id",
          "in",
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return {
    total,
    users: users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) })),
  };
}
