import { redirect } from "react-router";
import { redirectWithToast } from "./toast.server";
import { getSession, type SessionUser } from "./session.server";

export type CurrentUser = SessionUser;

/**
 * The session of each request, looked up once: the root loader, the page's loader and the
 * permission helpers all ask for it, and each asking cost the same queries again.
 */
const sessionsOfRequests = new WeakMap<Request, ReturnType<typeof getSession>>();

/** The signed-in user with their roles, and the cookie to send if the session was extended. */
export async function getCurrentSession(request: Request): Promise<{ user: CurrentUser; setCookie?: string } | null> {
  let session = sessionsOfRequests.get(request);
  if (!session) {
    session = getSession(request);
    sessionsOfRequests.set(request, session);
  }
  const current = await session;
  return current && { user: current.user, setCookie: current.setCookie };
}

/** The signed-in user with their roles, or null for a visitor. */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  return (await getCurrentSession(request))?.user ?? null;
}

/** Only paths on this site are followed after login, so a link cannot send the user elsewhere. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // Browsers drop tabs and newlines from URLs and read "\\" as "/", so "/\t/evil.example" would leave the site.
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const base = "http://social-trade.invalid";
  const url = new URL(to, base);
  if (url.origin !== base) return fallback;
  // Dot segments are resolved away: "/.//evil.example" becomes the path "//evil.example", which a
  // browser reads as another host. The resolved path is what we send, so it is what we check.
  const path = url.pathname + url.search + url.hash;
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return new URL(path, base).origin === base ? path : fallback;
}

export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

/**
 * A signed-in user whose e-mail address is confirmed: needed to act for an organisation. Others
 * are sent to the page that explains it and can send a new link.
 */
export async function requireVerifiedUser(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!user.emailVerified) throw redirectWithToast("/account/verify", { key: "security.verifyEmailFirst" });
  return user;
}
