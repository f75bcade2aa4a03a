import type { RoleName } from "../domain/roles";
import type { Locale } from "./i18n";

/**
 * What the root loader gives every page: the frame (menu, bell, toast) and the language read it
 * with `useRouteLoaderData<RootData>("root")`. Written out here rather than taken from the root
 * module's loader, so that components and utils need not import the root route.
 */
export interface RootData {
  locale: Locale;
  user: { id: string; name: string; email: string; roles: RoleName[] } | null;
  unreadNotifications: number;
  /** The toast's text, already translated. */
  toast: string | null;
  waitingJoinRequests: number;
  /** The request's reference, shown on the error page. */
  requestId: string | null;
}
