import type { Route } from "./+types/bids.$id_.export[.]json";
import type { ServerArgs } from "../utils/route-args";
import { exportBidJson } from "../models/joint-bid/exports.server";
import { getBidAccess } from "../models/joint-bid/access.server";
import { exportedPrices } from "../models/tender/exports.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";

/**
 * `{ bid, input, plan }`: exactly what was planned, so anyone may check the plan against its input;
 * the bid carries its prices as far as the viewer may see them (null when not at all).
 */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = parseId(params.id);
  if (bidId === null) throw notFound();
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  const body = orNotFound(await exportBidJson({ db: db(), access, prices: await exportedPrices({ db: db(), access }) }));
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="bid-${bidId}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
