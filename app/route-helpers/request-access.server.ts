import { can } from "../domain/permissions";
import { getRequest, requestResource, viewerAccess, type RequestAccess } from "../models/request.server";
import { forbidden, notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { type CurrentUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { getViewer, requireUserWithPermission, requireViewer } from "./permissions.server";

/** Who is asking, as far as requests are concerned; a visitor gets an access with nothing in it. */
export async function requestViewer(request: Request): Promise<{ user: CurrentUser | null; access: RequestAccess }> {
  const user = await getViewer(request);
  return { user, access: await viewerAccess({ db: db(), user }) };
}

/** A user with the buyer role who acts for a buyer organisation; anyone else gets 403. */
export async function requireBuyer(request: Request): Promise<{ user: CurrentUser; access: RequestAccess }> {
  const user = await requireUserWithPermission(request, "request.create");
  return { user, access: await viewerAccess({ db: db(), user }) };
}

/**
 * The request behind the URL, for a user of its own buyer organisation; others get 403 (404 for a
 * draft they may not see, or a request that does not exist).
 */
export async function requireOwnRequest(request: Request, idParam: string | undefined) {
  const { user, access } = await requireBuyer(request);
  const id = orNotFound(parseId(idParam));
  const stored = orNotFound(await getRequest({ db: db(), requestId: id }));
  if (!can(access.viewer, "request.manage", requestResource(stored))) throw stored.status === "draft" ? notFound() : forbidden();
  return { user, stored };
}

/**
 * The request behind the URL, for a signed-in user who may see it, with the organisations they act
 * for loaded, so the permission table can answer: where every form of the request page starts. No such request, or a draft they may not see,
 * is a 404.
 */
export async function requireVisibleRequest(request: Request, idParam: string | undefined) {
  const user = await requireViewer(request);
  const id = orNotFound(parseId(idParam));
  const stored = orNotFound(await getRequest({ db: db(), requestId: id }));
  const resource = requestResource(stored);
  if (!can(user, "request.see", resource)) throw notFound();
  return { user, stored, resource, here: `/requests/${id}` };
}
