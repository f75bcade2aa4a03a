import type { Route } from "./+types/bids.$id_.tender-pack[.]zip";
import type { ServerArgs } from "../utils/route-args";
import { tenderProblemText } from "../components/tender-text";
import { DEFAULT_OCDS_PREFIX, ocid } from "../domain/ocds";
import { allocationRows } from "../models/joint-bid/exports.server";
import { getBidAccess } from "../models/joint-bid/access.server";
import { tenderPackContent } from "../models/tender/exports.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { forbidden, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";
import { serverTranslator } from "../utils/messages.server";
import { tenderPackFiles, zipStream } from "../route-helpers/tender-pack.server";

/**
 * The tender pack, streamed as a zip, for the lead's members and coordinators: price sheet (CSV
 * and JSON), the consortium agreement in Swedish and English, every member's ESPD, the plan's
 * summary and allocations, and a README of what is in it and what the lead must still do. While
 * something blocks it the answer is 409 with every problem in words, each naming who must act.
 */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  const locale = localeFromRequest(request);
  const pack = await tenderPackContent({ db: db(), access });
  if (!pack.ok) {
    if (pack.error === "forbidden") throw forbidden();
    const t = serverTranslator(locale);
    const text = [t("tender.problems"), "", ...pack.problems.map((p) => `- ${tenderProblemText(t, p)}`)].join("\n");
    return new Response(`${text}\n`, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });
  }
  const allocations = orNotFound(await allocationRows({ db: db(), access }));
  const files = tenderPackFiles({
    data: pack.data,
    figures: pack.figures,
    agreement: pack.agreement,
    agreementFrozenAt: pack.agreementFrozenAt,
    espd: pack.espd,
    allocations,
    locale,
    ocid: ocid(process.env.OCDS_PREFIX || DEFAULT_OCDS_PREFIX, pack.data.request.id),
  });
  return new Response(zipStream(files), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="tender-pack-bid-${bidId}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}
