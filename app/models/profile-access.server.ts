import type { DB } from "../../db/client.server";
import type { Organisation } from "../../db/schema";
import type { RoleName } from "../domain/roles";
import { getMembership } from "./membership.server";

/**
 * Who may see an organisation's profile: everyone when it is listed; otherwise only its own members
 * and the network's coordinators. Null for anyone else, whom routes answer with a 404 so unlisted
 * organisations stay unknown.
 */
export async function profileVisibility({ db, organisation, user }: { db: DB; organisation: Organisation; user: { id: string; roles: RoleName[] } | null }) {
  const membership = user ? await getMembership({ db, userId: user.id, organisationId: organisation.id }) : null;
  const canEdit = membership?.status === "active";
  if (!maySeeOrganisation({ organisation, user, isActiveMember: canEdit })) return null;
  return { canEdit, membershipStatus: membership?.status ?? null };
}

/**
 * The one rule for who may know an organisation exists. Anyone else is answered 404 on every
 * route under its slug, also where a member would get 403, so the answer leaks nothing.
 */
export function maySeeOrganisation({
  organisation,
  user,
  isActiveMember,
}: {
  organisation: Pick<Organisation, "status">;
  user: { roles: RoleName[] } | null;
  isActiveMember: boolean;
}): boolean {
  return organisation.status === "active" || isActiveMember || Boolean(user?.roles.includes("coordinator"));
}
