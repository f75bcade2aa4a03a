import type { Route } from "./+types/requests.$id_.ocds[.]json";
import type { ServerArgs } from "../utils/route-args";
import { DEFAULT_OCDS_PREFIX, ocdsReleasePackage } from "../domain/ocds";
import { openDataReleases } from "../models/tender/award.server";
import { db } from "../utils/db.server";
import { orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { publicOrigin } from "../utils/origin.server";

/**
 * One published request's whole life as an OCDS 1.1 release package: the tender, its joint bids
 * once the deadline has passed, the award and the contract. Drafts do not exist here.
 */
export async function loader({ params }: ServerArgs<Route.LoaderArgs>) {
  const id = orNotFound(parseId(params.id));
  const releases = orNotFound(await openDataReleases({ db: db(), requestId: id, prefix: process.env.OCDS_PREFIX || DEFAULT_OCDS_PREFIX, now: new Date() }));
  const publishedDate = releases.reduce((latest, r) => (r.date > latest ? r.date : latest), releases[0].date);
  const body = ocdsReleasePackage(releases, { uri: `${publicOrigin()}/requests/${id}/ocds.json`, publishedDate });
  return new Response(JSON.stringify(body, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
