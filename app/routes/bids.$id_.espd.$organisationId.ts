import type { Route } from "./+types/bids.$id_.espd.$organisationId";
import type { ServerArgs } from "../utils/route-args";
import { getBidAccess } from "../models/joint-bid/access.server";
import { espdForViewer } from "../models/tender/exports.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";
import { serverTranslator } from "../utils/messages.server";

/**
 * One member's ESPD Response (ESPD-EDM 4.1.0 XML): a member downloads its own organisation's,
 * the lead and coordinators every member's. Until the member has filled in its details (or, for a
 * reserved procurement, has a verified share) the answer is 409 with the reason in words.
 */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  const organisationId = orNotFound(parseId(params.organisationId));
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  const file = orNotFound(await espdForViewer({ db: db(), access, organisationId }));
  if (!("xml" in file)) {
    const t = serverTranslator(localeFromRequest(request));
    return new Response(t(file.problem === "details" ? "tender.espd.blocked.details" : "tender.espd.blocked.share", { organisation: file.name }), {
      status: 409,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
  return new Response(file.xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
