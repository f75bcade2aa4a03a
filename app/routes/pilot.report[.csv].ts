import type { Route } from "./+types/pilot.report[.csv]";
import type { ServerArgs } from "../utils/route-args";
import { reportCsv } from "../domain/pilot-report";
import { buildPilotReport } from "../models/pilot-report.server";
import { db } from "../utils/db.server";
import { badRequest } from "../utils/http.server";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { reportPeriodFromUrl } from "../forms/pilot-forms";

/** The report's counts and estimate as CSV, with the same suppression as the page (".."). */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requirePilotUser(request);
  const submission = reportPeriodFromUrl(new URL(request.url));
  if (submission.status !== "success") throw badRequest();
  const { report } = await buildPilotReport({ db: db(), ...submission.value });
  return new Response(`\uFEFF${reportCsv(report)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="pilot-report-${submission.value.from}-${submission.value.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
