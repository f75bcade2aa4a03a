import { pilotAccess, type PilotAccess } from "../models/pilot.server";
import { requireUser, type CurrentUser } from "./auth.server";
import { db } from "./db.server";
import { forbidden } from "./http.server";

/** A coordinator, or a buyer of an organisation that takes part in the pilot; anyone else signed in gets a 403, a visitor the login page. */
export async function requirePilotUser(request: Request): Promise<{ user: CurrentUser; access: PilotAccess }> {
  const user = await requireUser(request);
  const access = await pilotAccess({ db: db(), userId: user.id, roles: user.roles });
  if (!access) throw forbidden();
  return { user, access };
}

/** Estimate parameters, publishing and the annual report's own texts are for coordinators only. */
export async function requirePilotCoordinator(request: Request): Promise<CurrentUser> {
  const { user, access } = await requirePilotUser(request);
  if (access !== "coordinator") throw forbidden();
  return user;
}

/** Which organisations take part in the pilot is set by coordinators and admins. */
export async function requirePilotParticipationManager(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!user.roles.includes("coordinator") && !user.roles.includes("admin")) throw forbidden();
  return user;
}
