import { redirect } from "react-router";
import { db } from "../../db/client.server";
import type { Organisation } from "../../db/schema";
import type { RoleName } from "../domain/roles";
import { getMembership } from "../models/membership.server";
import { getOrganisationBySlug } from "../models/organisation.server";
import { maySeeOrganisation } from "../models/profile-access.server";
import { redirectWithToast } from "./toast.server";
import { getUserRoles } from "../models/user.server";
import { forbidden, notFound, orNotFound } from "./http.server";
import { getSession, type SessionUser } from "./session.server";

export interface CurrentUser extends SessionUser {
  roles: RoleName[];
}

/** The signed-in user with their roles, and the cookie to send if the session was extended. */
export async function getCurrentSession(request: Request): Promise<{ user: CurrentUser; setCookie?: string } | null> {
  const session = await getSession(request);
  if (!session) return null;
  const roles = await getUserRoles({ db: db(), userId: session.user.id });
  return { user: { ...session.user, roles }, setCookie: session.setCookie };
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

/**
 * The organisation behind the slug, for a user who may edit it: an active owner or editor.
 * Anyone else gets a 403, or a 404 when the organisation is unlisted and they may not see it.
 */
export async function requireOrganisationEditor(
  request: Request,
  slug: string,
): Promise<{ user: CurrentUser; organisation: Organisation; isOwner: boolean }> {
  const user = await requireVerifiedUser(request);
  const organisation = orNotFound(await getOrganisationBySlug({ db: db(), slug }));
  const membership = await getMembership({ db: db(), userId: user.id, organisationId: organisation.id });
  if (!membership || membership.status !== "active") {
    // Someone who may not know the organisation exists gets the same answer as for an unknown slug.
    throw maySeeOrganisation({ organisation, user, isActiveMember: false }) ? forbidden() : notFound();
  }
  return { user, organisation, isOwner: membership.role === "owner" };
}
