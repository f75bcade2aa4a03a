import type { Route } from "./+types/bids.$id_.allocations[.]csv";
import type { ServerArgs } from "../utils/route-args";
import { csvFormat, toCsv } from "../domain/csv";
import { isoWeekday } from "../domain/swedish-holidays";
import { allocationRows, getBidAccess } from "../models/joint-bid.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { notFound, orNotFound } from "../utils/http.server";
import type { MessageKey } from "../utils/i18n";
import { isMessageKey, serverTranslator } from "../utils/messages.server";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";

/** The stored plan's allocations, one row per date, site and organisation, for whoever may see the bid, as the viewer's Excel reads CSV. */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = parseId(params.id);
  if (bidId === null) throw notFound();
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  const rows = orNotFound(await allocationRows({ db: db(), access }));
  const locale = localeFromRequest(request);
  const t = serverTranslator(locale);
  const unit = (u: string) => (isMessageKey(`unit.${u}`) ? t(`unit.${u}` as MessageKey) : u);
  const body = toCsv(
    [
      [t("bids.csv.date"), t("bids.csv.weekday"), t("bids.csv.item"), t("bids.csv.unit"), t("bids.csv.site"), t("bids.csv.organisation"), t("bids.csv.orgNumber"), t("bids.csv.quantity")],
      ...rows.map((r) => [r.date, t(`weekday.${isoWeekday(r.date)}` as MessageKey), r.item, unit(r.unit), r.site, r.organisation, r.orgNumber, r.quantity]),
    ],
    csvFormat(locale),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bid-${bidId}-allocations.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
