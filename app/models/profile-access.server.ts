import type { DB } from "../../db/client.server";
import type { Organisation } from "../../db/schema";
import type { RoleName } from "../domain/roles";
import { getMembership } from "./membership.server";

/**
 * Who may see an organisation's profile: everyone when it is listed; otherwise only its own members
 * and the network's coordinators. Null for anyone else, whom routes answer with a 404 so unlisted
 * organisations stay unknown.
 */
export async function profileVisibility({
  db,
  organisation,
  user,
}: {
  db: DB;
  organisation: Organisation;
  user: { id: string; roles: RoleName[] } | null;
}) {
  const membership = user ? await getMembership({ db, userId: user.id, organisationId: organisation.id }) : null;
  const canEdit = membership?.status === "active";
  const visible = organisation.status === "active" || canEdit || Boolean(user?.roles.includes("coordinator"));
  if (!visible) return null;
  return { canEdit, membershipStatus: membership?.status ?? null };
}
