import { redirect } from "react-router";
import type { Route } from "./+types/lang";
import type { ServerArgs } from "../utils/route-args";
import { getCurrentUser, safeRedirectPath } from "../utils/auth.server";
import { setUserLocale } from "../models/notification.server";
import { db } from "../utils/db.server";
import { localeCookie } from "../utils/locale.server";
import { readFormData } from "../utils/form-data.server";

export async function loader() {
  return redirect("/");
}

/**
 * The language switcher: remembers the choice in a cookie and returns to the same page. A signed-in
 * person's e-mails follow the language they choose.
 */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const form = await readFormData(request);
  const locale = form.get("lang") === "en" ? "en" : "sv";
  const user = await getCurrentUser(request);
  if (user) await setUserLocale({ db: db(), userId: user.id, locale });
  return redirect(safeRedirectPath(form.get("redirectTo")), { headers: { "Set-Cookie": localeCookie(locale) } });
}
