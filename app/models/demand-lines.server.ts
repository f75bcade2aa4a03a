import type { DB } from "../../db/client.server";
import type { DemandLineRow } from "../../db/schema";
import type { DemandLine } from "../domain/request-view";
import { weekdaysOf } from "./weekdays-and-sites.server";

/**
 * Reading requests' demand lines with their weekdays: for the request's own pages, open data and the
 * capacity-fit rule, which reads many requests at once. Below the request models (it imports none of
 * them), so the capacity-fit rule that the request's notices use can read lines without a cycle.
 */

/** A stored demand line with its weekdays, as routes and pages read it. */
function demandLine(row: DemandLineRow, weekdays: number[]): DemandLine {
  return { id: row.id, position: row.position, item: row.item, unit: row.unit, quantity: row.quantity, site: row.site, cpvCode: row.cpv_code, weekdays };
}

/** The demand lines of several requests, each with its request's id, in their order. */
export async function demandLinesOfRequests({ db, requestIds }: { db: DB; requestIds: number[] }): Promise<(DemandLine & { requestId: number })[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .selectFrom("demand_line")
    .selectAll()
    .where("request_id", "in", requestIds)
    .orderBy("request_id")
    .orderBy("position")
    .orderBy("id")
    .execute();
  const weekdays = await weekdaysOf(
    db,
    "demand_line",
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...demandLine(r, weekdays.get(r.id) ?? []), requestId: r.request_id }));
}
