/**
 * A joint bid's stored plan as it leaves the service: the JSON export and the allocation rows of
 * the CSV and the tender pack.
 */
import type { Plan, PlanInput } from "../../domain/planner";
import type { BidAccess } from "./access.server";
import { demandSources } from "./candidates.server";
import type { Db } from "./change.server";

/**
 * The stored plan as the export shows it, without parsing the (possibly large) JSON: `{ bid, input,
 * plan }`, the bid with its prices as far as the viewer may see them (app/models/tender).
 */
export async function exportBidJson({ db, access, prices }: { db: Db; access: BidAccess; prices: unknown }): Promise<string | null> {
  const plan = await db.selectFrom("joint_bid_plan").select(["input_json", "plan_json"]).where("bid_id", "=", access.bid.id).executeTakeFirst();
  if (!plan) return null;
  const bid = JSON.stringify({ id: access.bid.id, status: access.bid.status, requestId: access.bid.request_id, prices });
  return `{"bid":${bid},"input":${plan.input_json},"plan":${plan.plan_json}}`;
}

export interface AllocationCsvRow {
  date: string;
  item: string;
  unit: string;
  site: string;
  organisation: string;
  orgNumber: string;
  quantity: number;
}

/** One row per allocation of the stored plan: date, item, site, organisation, quantity. */
export async function allocationRows({ db, access }: { db: Db; access: BidAccess }): Promise<AllocationCsvRow[] | null> {
  const stored = await db.selectFrom("joint_bid_plan").select(["input_json", "plan_json"]).where("bid_id", "=", access.bid.id).executeTakeFirst();
  if (!stored) return null;
  const input = JSON.parse(stored.input_json) as PlanInput;
  const plan = JSON.parse(stored.plan_json) as Plan;
  const demand = new Map(input.demand.map((d) => [d.id, d]));
  const units = new Map((await demandSources(db, access.bid.request_id)).map((d) => [d.item, d.unit]));
  const orgs = new Map(
    (
      await db
        .selectFrom("organisation")
        .select(["id", "name", "org_number"])
        .where("id", "in", [...new Set(plan.allocations.map((a) => Number(a.orgId))), 0])
        .execute()
    ).map((o) => [String(o.id), o]),
  );
  return plan.allocations.map((a) => {
    const line = demand.get(a.demandId)!;
    const org = orgs.get(a.orgId);
    return {
      date: line.slot,
      item: line.item,
      unit: units.get(line.item) ?? "",
      site: line.site,
      organisation: org?.name ?? a.orgId,
      orgNumber: org?.org_number ?? "",
      quantity: a.quantity,
    };
  });
}
