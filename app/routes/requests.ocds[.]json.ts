import type { Route } from "./+types/requests.ocds[.]json";
import type { ServerArgs } from "../utils/route-args";
import { DEFAULT_OCDS_PREFIX, ocdsReleasePackage } from "../domain/ocds";
import { openDataReleases } from "../models/tender/award.server";
import { db } from "../utils/db.server";
import { publicOrigin } from "../utils/origin.server";

/** Every published request (never drafts), each through its whole life, as an OCDS 1.1 release package. */
export async function loader(_: ServerArgs<Route.LoaderArgs>) {
  const releases = (await openDataReleases({ db: db(), prefix: process.env.OCDS_PREFIX || DEFAULT_OCDS_PREFIX, now: new Date() }))!;
  const publishedDate = releases.reduce((latest, r) => (r.date > latest ? r.date : latest), "1970-01-01T00:00:00.000Z");
  // The package's own address comes from PUBLIC_URL, never from the request's Host header.
  const body = ocdsReleasePackage(releases, { uri: `${publicOrigin()}/requests/ocds.json`, publishedDate });
  return new Response(JSON.stringify(body, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
