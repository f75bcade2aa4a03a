import type { Route } from "./+types/verify-email";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { confirmEmail } from "../models/account.server";
import { getCurrentUser } from "../utils/auth.server";
import { redirectWithToast } from "../utils/toast.server";

/** The link in the verification e-mail. Opening it confirms the address; the token works once. */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const result = token.length > 0 && token.length <= 100 ? await confirmEmail({ db: db(), token }) : ({ ok: false } as const);
  const signedIn = (await getCurrentUser(request)) !== null;
  if (!result.ok) return redirectWithToast(signedIn ? "/account/verify" : "/login", { key: "security.verifyInvalid" });
  // A new account is not signed in by its sign-up: it logs in now and goes on to its organisation.
  return redirectWithToast(signedIn ? "/organisations/new" : `/login?${new URLSearchParams({ redirectTo: "/organisations/new" })}`, {
    key: "security.verifyDone",
  });
}
