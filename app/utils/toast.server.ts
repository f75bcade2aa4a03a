import type { MessageKey } from "./i18n";
import { isMessageKey } from "./i18n";

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

export function readToast(request: Request): Toast | null {
  const match = new RegExp(`(?:^|;\\s*)${cookieName}=([^;]+)`).exec(request.headers.get("Cookie") ?? "");
  if (!match) return null;
  try {
    const parsed = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8")) as Toast;
    return isMessageKey(parsed.key) ? parsed : null;
  } catch {
    return null;
  }
}

/** A redirect that shows a message on the next page. */
export function redirectWithToast(to: string, toast: Toast, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.append("Set-Cookie", toastCookie(toast));
  h.set("Location", to);
  return new Response(null, { status: 302, headers: h });
}
