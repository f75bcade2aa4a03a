import { verifyLogin } from "../../../app/models/user.server";
import { createUserSession } from "../../../app/utils/session.server";
import type { DB } from "../../../db/client.server";

/** The Cookie header of a fresh session for a demo account. */
export async function sessionCookieFor(db: DB, email: string): Promise<string> {
  const userId = await verifyLogin({ db, email, password: "demo-password" });
  if (!userId) throw new Error(`No demo account ${email}`);
  return (await createUserSession(userId)).split(";")[0];
}

export function formRequest(url: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return new Request(`http://localhost${url}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

export function getRequest(url: string, cookie?: string): Request {
  return new Request(`http://localhost${url}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** Runs a loader or action and returns the Response it threw or returned. */
export async function responseOf(run: () => Promise<unknown>): Promise<Response | unknown> {
  try {
    return await run();
  } catch (thrown) {
    return thrown;
  }
}
