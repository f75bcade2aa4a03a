import { db } from "../utils/db.server";
import { healthReport, searchEngine } from "../utils/search.server";

/** GET /healthz: database status, search engine in use, outbox backlog. 503 when the database fails. */
export async function loader() {
  const report = await healthReport({ db: db(), engine: searchEngine() });
  return Response.json(report, {
    status: report.database === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
