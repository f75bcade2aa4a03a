import { redirect } from "react-router";
import type { Route } from "./+types/lang";
import type { ServerArgs } from "../utils/route-args";
import { safeRedirectPath } from "../utils/auth.server";
import { localeCookie } from "../utils/locale.server";
import { readFormData } from "../utils/form-data.server";

export async function loader() {
  return redirect("/");
}

/** The language switcher: remembers the choice in a cookie and returns to the same page. */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const form = await readFormData(request);
  const locale = form.get("lang") === "en" ? "en" : "sv";
  return redirect(safeRedirectPath(form.get("redirectTo")), { headers: { "Set-Cookie": localeCookie(locale) } });
}
