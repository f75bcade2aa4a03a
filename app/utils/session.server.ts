import { createHash } from "node:crypto";
import { Lucia, TimeSpan, type Adapter, type Cookie, type DatabaseSession, type DatabaseUser } from "lucia";
import { db } from "../../db/client.server";
import { storedTime, storedTimeMillis } from "../../db/timestamps";
import type { RoleName } from "../domain/roles";
import { arrivedOverHttps, sessionCookieName } from "./request-security";

/**
 * All session handling lives here, behind createUserSession / getSession / destroySession, so that
 * moving from Lucia 3 (deprecated upstream) to the guide's hand-written sessions touches one file.
 * Only the SHA-256 of the session token, the user id and two timestamps are stored, so a copy of
 * the database cannot be used to log in (Lucia 3's own guidance).
 */

/** What the session table stores for a cookie's token. */
export function sessionTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Sliding expiry: a session unused for this long ends. */
const slidingLifetime = new TimeSpan(14, "d");
/** Absolute cap: a session ends this long after login however much it is used. */
export const absoluteLifetimeMs = 30 * 24 * 60 * 60 * 1000;

const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    // One row per role (one row without any): the session, its user and the user's roles in one
    // statement, as it runs for every page and data request of a signed-in visitor.
    const rows = await db()
      .selectFrom("session")
      .innerJoin("user", "user.id", "session.user_id")
      .leftJoin("user_role", "user_role.user_id", "session.user_id")
      .select([
        "session.id",
        "session.user_id",
        "session.expires_at",
        "session.created_at",
        "user.email",
        "user.name",
        "user.email_verified_at",
        "user_role.role",
      ])
      .where("session.id", "=", sessionTokenHash(sessionId))
      .execute();
    const row = rows[0];
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: sessionId,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: { created_at: storedTimeMillis(row.created_at) },
    };
    const user: DatabaseUser = {
      id: row.user_id,
      attributes: { email: row.email, name: row.name, email_verified: row.email_verified_at !== null, roles: rows.flatMap((r) => (r.role ? [r.role] : [])) },
    };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await db().selectFrom("session").selectAll().where("user_id", "=", userId).execute();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      expiresAt: new Date(row.expires_at),
      attributes: { created_at: storedTimeMillis(row.created_at) },
    }));
  },
  async setSession(session) {
    await db()
      .insertInto("session")
      .values({
        id: sessionTokenHash(session.id),
        user_id: session.userId,
        expires_at: storedTime(session.expiresAt.getTime()),
        created_at: storedTime(session.attributes.created_at),
      })
      .execute();
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await db()
      .updateTable("session")
      .set({ expires_at: storedTime(expiresAt.getTime()) })
      .where("id", "=", sessionTokenHash(sessionId))
      .execute();
  },
  async deleteSession(sessionId) {
    await db().deleteFrom("session").where("id", "=", sessionTokenHash(sessionId)).execute();
  },
  async deleteUserSessions(userId) {
    await db().deleteFrom("session").where("user_id", "=", userId).execute();
  },
  async deleteExpiredSessions() {
    await db().deleteFrom("session").where("expires_at", "<=", storedTime(Date.now())).execute();
  },
};

const lucia = new Lucia(adapter, {
  sessionExpiresIn: slidingLifetime,
  sessionCookie: {
    name: sessionCookieName,
    // Secure is decided per request (`forRequest`), not here: the app's build fixes NODE_ENV.
    attributes: { sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => ({ createdAt: attributes.created_at }),
  getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name, emailVerified: attributes.email_verified, roles: attributes.roles }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseSessionAttributes: { created_at: number };
    DatabaseUserAttributes: { email: string; name: string; email_verified: boolean; roles: RoleName[] };
  }
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** False until the address is confirmed; such an account cannot act for an organisation. */
  emailVerified: boolean;
  roles: RoleName[];
}

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  /** A Set-Cookie value to send when the session was extended or ended. */
  setCookie?: string;
}

/** The Set-Cookie value of a session cookie, Secure when the request came over HTTPS. */
function forRequest(cookie: Cookie, request: Request): string {
  cookie.attributes.secure = arrivedOverHttps(request);
  return cookie.serialize();
}

/**
 * Starts a new session (never reuses one) and returns its Set-Cookie header value for the
 * response to `request`.
 */
export async function createUserSession(userId: string, request: Request): Promise<string> {
  const session = await lucia.createSession(userId, { created_at: Date.now() });
  return forRequest(lucia.createSessionCookie(session.id), request);
}

/** The signed-in user, or null. Ends sessions past their absolute lifetime. */
export async function getSession(request: Request): Promise<CurrentSession | null> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  if (Date.now() - session.createdAt >= absoluteLifetimeMs) {
    await lucia.invalidateSession(session.id);
    return null;
  }
  return {
    user: { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified, roles: user.roles },
    sessionId: session.id,
    setCookie: session.fresh ? forRequest(lucia.createSessionCookie(session.id), request) : undefined,
  };
}

/** Ends the session on the server and returns the Set-Cookie value that clears it in the browser. */
export async function destroySession(request: Request): Promise<string> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return forRequest(lucia.createBlankSessionCookie(), request);
}

export async function endAllSessionsOf(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

/** Ends every session of the user except the one this request carries (after a password change). */
export async function endOtherSessionsOf(userId: string, request: Request): Promise<void> {
  const current = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  let query = db().deleteFrom("session").where("user_id", "=", userId);
  if (current) query = query.where("id", "!=", sessionTokenHash(current));
  await query.execute();
}

export async function countSessionsOf(userId: string): Promise<number> {
  const row = await db()
    .selectFrom("session")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("expires_at", ">", storedTime(Date.now()))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
