import type { Route } from "./+types/requests.$id_.responses[.]csv";
import type { ServerArgs } from "../utils/route-args";
import { csvDateTime, csvFormat, toCsv } from "../domain/csv";
import { reasonsText } from "../components/bid-text";
import { listAllResponses } from "../models/request-response.server";
import { getRequestPage, requestResource } from "../models/request.server";
import { can } from "../domain/permissions";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { forbidden, notFound, orNotFound } from "../utils/http.server";
import type { MessageKey } from "../utils/i18n";
import { serverTranslator } from "../utils/messages.server";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";
import { requestViewer } from "../route-helpers/request-access.server";

/**
 * Every response as CSV for the request's buyer and coordinators: UTF-8 with BOM, safe against
 * formula injection, as the viewer's Excel reads it (decision 018), with each respondent's
 * eligibility for a reserved procurement.
 */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  await requireUser(request);
  const { access } = await requestViewer(request);
  const id = orNotFound(parseId(params.id));
  const page = orNotFound(await getRequestPage({ db: db(), requestId: id }));
  if (!can(access.viewer, "request.see", requestResource(page.request))) throw notFound();
  if (!can(access.viewer, "request.seeResponses", requestResource(page.request))) throw forbidden();
  const locale = localeFromRequest(request);
  const t = serverTranslator(locale);
  const responses = await listAllResponses({ db: db(), requestId: id });
  const reserved = page.request.kind === "reserved";
  const header = [
    t("requests.responses.organisation"),
    "Org. nr",
    t("requests.response.interest"),
    ...(reserved ? [t("requests.responses.eligibility")] : []),
    t("requests.responses.updated"),
    t("requests.response.message"),
    ...page.lines.map((l) => `${l.item} – ${l.site} (${l.quantity} ${t(`unit.${l.unit}` as MessageKey)})`),
    ...page.questions.map((q) => q.text),
  ];
  const rows = responses.map((r) => [
    r.organisationName,
    r.orgNumber,
    t(`requests.interest.${r.interest}` as MessageKey),
    ...(reserved ? [r.eligibility.length === 0 ? t("requests.responses.eligible") : t("requests.responses.notEligible", { reasons: reasonsText(t, r) })] : []),
    csvDateTime(r.updatedAt),
    r.message,
    ...page.lines.map((l) => r.capacity[l.id] ?? 0),
    ...page.questions.map((q) => r.answers[q.id] ?? ""),
  ]);
  return new Response(toCsv([header, ...rows], csvFormat(locale)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="request-${id}-responses.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
