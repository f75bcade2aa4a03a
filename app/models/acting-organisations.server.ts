/**
 * What acting for an organisation means, written once: an active membership of an organisation
 * that is itself active. A deactivated organisation's members act for it nowhere. Every model and
 * route that asks who a user acts for reads it here (decision 026).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ActingOrganisation, Viewer } from "../domain/permissions";
import type { RoleName } from "../domain/roles";

export async function actingOrganisations({ db, userId }: { db: Kysely<Database>; userId: string }): Promise<ActingOrganisation[]> {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["organisation.id", "organisation.name", "organisation.kind", "organisation.pilot_participant"])
    .where("membership.user_id", "=", userId)
    .where("membership.status", "=", "active")
    .where("organisation.status", "=", "active")
    .orderBy("organisation.name")
    .execute();
  return rows.map(({ pilot_participant, ...o }) => ({ ...o, pilotParticipant: Boolean(pilot_participant) }));
}

/** A user with roles as the permission table sees them; a viewer already loaded is used as it is, so a request loads it once. */
export async function loadViewer({ db, user }: { db: Kysely<Database>; user: { id: string; roles: readonly RoleName[] } | Viewer }): Promise<Viewer> {
  if ("organisations" in user) return user;
  return { id: user.id, roles: user.roles, organisations: await actingOrganisations({ db, userId: user.id }) };
}
