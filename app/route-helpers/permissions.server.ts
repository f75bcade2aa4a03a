/**
 * The one way a route asks who may do what: the signed-in user with the organisations they act
 * for, loaded once per request, checked against the permission table (`app/domain/permissions.ts`).
 * Checks that need a resource load it first and call `can` with the viewer this returns.
 */
import { can, type Viewer, type ViewerAction } from "../domain/permissions";
import { loadViewer } from "../models/acting-organisations.server";
import { getMembership } from "../models/membership.server";
import { getOrganisationBySlug } from "../models/organisation.server";
import { maySeeOrganisation } from "../models/profile-access.server";
import { getCurrentUser, requireUser, requireVerifiedUser, type CurrentUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { forbidden, notFound, orNotFound } from "../utils/http.server";

type Organisation = NonNullable<Awaited<ReturnType<typeof getOrganisationBySlug>>>;

/** The signed-in user as a viewer of the permission table. */
export type CurrentViewer = CurrentUser & Viewer;

async function asViewer(user: CurrentUser): Promise<CurrentViewer> {
  const { organisations } = await loadViewer({ db: db(), user });
  return { ...user, organisations };
}

/** The signed-in user with the organisations they act for, or null for a visitor. */
export async function getViewer(request: Request): Promise<CurrentViewer | null> {
  const user = await getCurrentUser(request);
  return user ? asViewer(user) : null;
}

/** The signed-in user with the organisations they act for; a visitor is sent to the login page. */
export async function requireViewer(request: Request): Promise<CurrentViewer> {
  return asViewer(await requireUser(request));
}

/** A signed-in user the table lets do the action; anyone else signed in gets a 403, a visitor the login page. */
export async function requireUserWithPermission(request: Request, action: ViewerAction): Promise<CurrentViewer> {
  const viewer = await requireViewer(request);
  if (!can(viewer, action)) throw forbidden();
  return viewer;
}

/**
 * The organisation behind the slug, for a user the table lets edit it (`organisation.edit`: an
 * active owner or editor, also of an applicant organisation). Anyone else gets a 403, or a 404
 * when the organisation is unlisted and they may not see it.
 */
export async function requireOrganisationEditor(
  request: Request,
  slug: string,
): Promise<{ user: CurrentViewer; organisation: Organisation; isOwner: boolean }> {
  const user = await asViewer(await requireVerifiedUser(request));
  const organisation = orNotFound(await getOrganisationBySlug({ db: db(), slug }));
  const membership = await getMembership({ db: db(), userId: user.id, organisationId: organisation.id });
  if (!membership || !can(user, "organisation.edit", { viewerMembership: membership })) {
    // Someone who may not know the organisation exists gets the same answer as for an unknown slug.
    throw maySeeOrganisation({ organisation, user, isActiveMember: false }) ? forbidden() : notFound();
  }
  return { user, organisation, isOwner: membership.role === "owner" };
}
