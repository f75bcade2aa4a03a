import { knownDeviceLifetimeMs } from "../domain/login-throttle";
import { arrivedOverHttps } from "./request-security";

/**
 * The cookie that makes a browser a known device of the accounts logged in from it (decision 002):
 * such a login is not held back by failures on the account from elsewhere. A random token; the
 * database keeps its hash with the account. Not a session: logging out keeps it.
 */
const cookieName = "stl_device";

export function knownDeviceCookie(token: string, request: Request): string {
  const secure = arrivedOverHttps(request) ? "; Secure" : "";
  return `${cookieName}=${token}; Path=/; Max-Age=${Math.floor(knownDeviceLifetimeMs / 1000)}; HttpOnly; SameSite=Lax${secure}`;
}

/** The token of the request's known-device cookie, or null for none (or one we could not have written). */
export function knownDeviceToken(request: Request): string | null {
  return new RegExp(`(?:^|;\\s*)${cookieName}=([A-Za-z0-9_-]{43})(?:;|$)`).exec(request.headers.get("Cookie") ?? "")?.[1] ?? null;
}
