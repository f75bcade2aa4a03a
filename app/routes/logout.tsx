import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroySession } from "../utils/session.server";
import { toastCookie } from "../utils/toast.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySession(request));
  headers.append("Set-Cookie", toastCookie({ key: "auth.loggedOut" }));
  return redirect("/", { headers });
}
