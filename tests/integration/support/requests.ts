import { verifyLogin } from "../../../app/models/user.server";
import { createUserSession } from "../../../app/utils/session.server";
import type { DB } from "../../../db/client.server";

/** The Cookie header of a fresh session for a demo account. */
export async function sessionCookieFor(db: DB, email: string): Promise<string> {
  const userId = await verifyLogin({ db, email, password: "demo-password" });
  if (!userId) throw new Error(`No demo account ${email}`);
  return (await createUserSession(userId, getRequest("/"))).split(";")[0];
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

/** What a loader or action answered, as a browser would see it: status, headers and the data. */
export interface RouteAnswer {
  status: number;
  headers: Headers;
  /** The data a page receives; null for a Response (a redirect, an error, a file). */
  data: unknown;
}

/**
 * Runs a loader or action and reads its answer, returned or thrown. The only place in the tests
 * that knows how the framework wraps data sent with a status (`data(value, { status })`).
 */
export async function answerOf(run: () => Promise<unknown>): Promise<RouteAnswer> {
  const value = await responseOf(run);
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null };
  if (isDataWithStatus(value)) return { status: value.init?.status ?? 200, headers: new Headers(value.init?.headers), data: value.data };
  if (value instanceof Error) throw value;
  return { status: 200, headers: new Headers(), data: value };
}

function isDataWithStatus(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}
