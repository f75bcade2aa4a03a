import type { Route } from "./+types/pilot.report[.json]";
import type { ServerArgs } from "../utils/route-args";
import { countRows } from "../domain/pilot-report";
import { displayCount } from "../domain/suppression";
import { buildPilotReport } from "../models/pilot-report.server";
import { db } from "../utils/db.server";
import { badRequest } from "../utils/http.server";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { reportPeriodFromUrl } from "../forms/pilot-forms";

/** The eight-point report as JSON, with the same suppression as the page: a hidden count is null with display "..". */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requirePilotUser(request);
  const submission = reportPeriodFromUrl(new URL(request.url));
  if (submission.status !== "success") throw badRequest();
  const { report } = await buildPilotReport({ db: db(), ...submission.value });
  const body = {
    period: report.period,
    generatedAt: report.generatedAt,
    suppression:
      'A hidden count is null with display "..": every count from 1 to 4, and every figure from which one could be worked out or narrowed down, across every table and every public version. The mark says nothing about the value. Zero is always shown.',
    procurements: report.procurements,
    pilotNotes: report.pilotNotes,
    counts: countRows(report.counts, report.procurements),
    shares: report.counts.shares,
    estimate: {
      valuesOn: report.estimate.valuesOn,
      parameters: report.estimate.parameters,
      missing: report.estimate.missing,
      perPerson: report.estimate.perPerson,
      intoWork: { value: report.estimate.intoWork.value, display: displayCount(report.estimate.intoWork) },
      procurements: report.estimate.procurements,
      period: report.estimate.period,
    },
    extraCosts: report.extraCosts,
    extraCostTotalSek: report.extraCostTotalSek,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
