import { pilotAccessOf, type PilotAccess } from "../domain/permissions";
import { requireUserWithPermission, type CurrentViewer } from "./permissions.server";

/**
 * Coordinators, and buyers acting for an organisation that takes part in the pilot (a flag a
 * coordinator or an admin sets; the organisation's name plays no part), with what their pages
 * show them; anyone else signed in gets a 403, a visitor the login page.
 */
export async function requirePilotUser(request: Request): Promise<{ user: CurrentViewer; access: PilotAccess }> {
  const user = await requireUserWithPermission(request, "pilot.read");
  return { user, access: pilotAccessOf(user)! };
}
