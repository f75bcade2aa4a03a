import type { Route } from "./+types/pilot.report[.json]";
import type { ServerArgs } from "../utils/route-args";
import { countRows } from "../domain/pilot-report";
import { buildPilotReport } from "../models/pilot.server";
import { db } from "../utils/db.server";
import { badRequest } from "../utils/http.server";
import { requirePilotUser } from "../utils/pilot-auth.server";
import { reportPeriodFromUrl } from "../utils/pilot-forms";

/** The eight-point report as JSON, with the same suppression as the page: a hidden count is null with display "<5". */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requirePilotUser(request);
  const { parsed } = reportPeriodFromUrl(new URL(request.url));
  if (!parsed.ok) throw badRequest();
  const report = await buildPilotReport({ db: db(), ...parsed.data });
  const body = {
    period: report.period,
    generatedAt: report.generatedAt,
    suppression: "Counts from 1 to 4, and figures from which such a count could be worked out, are null with display \"<5\".",
    procurements: report.procurements,
    pilotNotes: report.pilotNotes,
    counts: countRows(report),
    shares: report.counts.shares,
    estimate: {
      perPerson: report.estimate.perPerson,
      forParticipants: report.estimate.forParticipants,
      parameters: report.estimate.parameters,
    },
    extraCosts: report.extraCosts,
    extraCostTotalSek: report.extraCostTotalSek,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
