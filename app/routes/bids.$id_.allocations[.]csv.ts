import type { Route } from "./+types/bids.$id_.allocations[.]csv";
import type { ServerArgs } from "../utils/route-args";
import { allocationRows } from "../models/joint-bid/exports.server";
import { getBidAccess } from "../models/joint-bid/access.server";
import { requireUser } from "../utils/auth.server";
import { allocationsCsv } from "../route-helpers/bid-exports.server";
import { db } from "../utils/db.server";
import { notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";

/** The stored plan's allocations, one row per date, site and organisation, for whoever may see the bid, as the viewer's Excel reads CSV. */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = parseId(params.id);
  if (bidId === null) throw notFound();
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  const rows = orNotFound(await allocationRows({ db: db(), access }));
  return new Response(allocationsCsv(rows, localeFromRequest(request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bid-${bidId}-allocations.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
