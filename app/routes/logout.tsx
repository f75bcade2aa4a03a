import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import type { ServerArgs } from "../utils/route-args";
import { destroySession } from "../utils/session.server";
import { toastCookie } from "../utils/toast.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySession(request));
  headers.append("Set-Cookie", toastCookie({ key: "auth.loggedOut" }));
  return redirect("/", { headers });
}
