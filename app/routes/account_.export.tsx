import type { Route } from "./+types/account_.export";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { exportPersonalData } from "../models/account.server";
import { requireUser } from "../utils/auth.server";
import { orNotFound } from "../utils/http.server";

/** The signed-in user's personal data as a JSON download. */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const data = orNotFound(await exportPersonalData({ db: db(), userId: user.id }));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="social-trade-lund-my-data.json"',
      "Cache-Control": "no-store",
    },
  });
}
