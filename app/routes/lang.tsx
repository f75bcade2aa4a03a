import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "../utils/auth.server";
import { localeCookie } from "../utils/locale.server";
import { readFormData } from "../utils/form-data.server";

export async function loader() {
  return redirect("/");
}

/** The language switcher: remembers the choice in a cookie and returns to the same page. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const locale = form.get("lang") === "en" ? "en" : "sv";
  return redirect(safeRedirectPath(form.get("redirectTo")), { headers: { "Set-Cookie": localeCookie(locale) } });
}
