/**
 * The one way a route asks who may do what: the signed-in user with the organisations they act
 * for, loaded once per request, checked against the permission table (`app/domain/permissions.ts`).
 * Checks that need a resource load it first and call `can` with the viewer this returns.
 */
import { can, type Viewer, type ViewerAction } from "../domain/permissions";
import { loadViewer } from "../models/acting-organisations.server";
import { getCurrentUser, requireUser, type CurrentUser } from "./auth.server";
import { db } from "./db.server";
import { forbidden } from "./http.server";

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
