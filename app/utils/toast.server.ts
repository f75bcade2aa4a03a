import type { MessageKey } from "./i18n";
import { isMessageKey } from "./messages.server";

/** A one-time message shown after a redirect, carried in a short-lived cookie. */
export interface Toast {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

const cookieName = "toast";

export function toastCookie(toast: Toast): string {
  const value = Buffer.from(JSON.stringify(toast)).toString("base64url");
  return `${cookieName}=${value}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax`;
}

export function clearToastCookie(): string {
  return `${cookieName}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`;
}

/** Whether the request carries a toast cookie at all, valid or not, so that it can be cleared. */
export function hasToastCookie(request: Request): boolean {
  return new RegExp(`(?:^|;\\s*)${cookieName}=`).test(request.headers.get("Cookie") ?? "");
}

/** The toast in the cookie, or null for none or one that is not exactly a toast we could have written. */
export function readToast(request: Request): Toast | null {
  const match = new RegExp(`(?:^|;\\s*)${cookieName}=([^;]+)`).exec(request.headers.get("Cookie") ?? "");
  if (!match) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!isPlainObject(parsed) || !isMessageKey(parsed.key)) return null;
  if (parsed.vars === undefined) return { key: parsed.key };
  if (!isPlainObject(parsed.vars)) return null;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(parsed.vars)) {
    if (typeof value !== "string" && typeof value !== "number") return null;
    vars[name] = value;
  }
  return { key: parsed.key, vars };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** A redirect that shows a message on the next page. */
export function redirectWithToast(to: string, toast: Toast, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.append("Set-Cookie", toastCookie(toast));
  h.set("Location", to);
  return new Response(null, { status: 302, headers: h });
}
