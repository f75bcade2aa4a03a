import { DEFAULT_OCDS_PREFIX, ocdsRelease, ocdsReleasePackage } from "../domain/ocds";
import { ocdsRequests } from "../models/request.server";
import { db } from "../utils/db.server";
import { absoluteUrl } from "../utils/origin.server";

/** Every published request (never drafts) as an OCDS 1.1 release package. */
export async function loader() {
  const now = new Date();
  const prefix = process.env.OCDS_PREFIX || DEFAULT_OCDS_PREFIX;
  const releases = (await ocdsRequests({ db: db() })).map((r) => ocdsRelease(r, { prefix, now }));
  const publishedDate = releases.reduce((latest, r) => (r.date > latest ? r.date : latest), "1970-01-01T00:00:00.000Z");
  const body = ocdsReleasePackage(releases, { uri: absoluteUrl("/requests/ocds.json"), publishedDate });
  return new Response(JSON.stringify(body, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
