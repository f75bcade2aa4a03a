import type { Route } from "./+types/requests.$id_.ocds[.]json";
import type { ServerArgs } from "../utils/route-args";
import { DEFAULT_OCDS_PREFIX, ocdsRelease } from "../domain/ocds";
import { ocdsRequests } from "../models/request.server";
import { db } from "../utils/db.server";
import { orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";

/** One published request as an OCDS 1.1 release; drafts do not exist here. */
export async function loader({ params }: ServerArgs<Route.LoaderArgs>) {
  const id = orNotFound(parseId(params.id));
  const [request] = await ocdsRequests({ db: db(), requestId: id });
  const release = ocdsRelease(orNotFound(request), { prefix: process.env.OCDS_PREFIX || DEFAULT_OCDS_PREFIX, now: new Date() });
  return new Response(JSON.stringify(release, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
