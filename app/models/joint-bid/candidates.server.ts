/**
 * What a joint bid can be built from: the requests open for bids with their period and demand
 * lines, and the listed organisations that may take part or lead.
 */
import { demandCpvCodes, type DemandWithQuantity } from "../../domain/capacity-fit";
import type { RequestPeriod } from "../../domain/joint-bid";
import { supplierSideOrganisations } from "../../domain/permissions";
import { isOpenForResponses, type RequestKind } from "../../domain/request";
import { loadViewer } from "../acting-organisations.server";
import { weekdaysOf } from "../weekdays-and-sites.server";
import type { Viewer } from "./access.server";
import type { Db, Trx } from "./change.server";

interface BidRequest extends RequestPeriod {
  kind: RequestKind;
  cpvCode: string;
  /** Open for responses now: published and before its deadline. Bids are started, confirmed, planned and submitted only then. */
  open: boolean;
}

export async function requestPeriod(db: Trx, requestId: number): Promise<BidRequest | null> {
  const row = await db
    .selectFrom("request")
    .select(["period_from", "period_to", "deliver_on_holidays", "kind", "cpv_code", "status", "deadline_at"])
    .where("id", "=", requestId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    from: row.period_from,
    to: row.period_to,
    skipHolidays: !row.deliver_on_holidays,
    kind: row.kind,
    cpvCode: row.cpv_code,
    open: isOpenForResponses({ status: row.status, deadlineAt: row.deadline_at }, new Date()),
  };
}

/** The request's demand lines, each with the codes it is bought under. */
export async function demandSources(db: Trx, requestId: number): Promise<DemandWithQuantity[]> {
  const rows = await db
    .selectFrom("demand_line")
    .innerJoin("request", "request.id", "demand_line.request_id")
    .select(["demand_line.id", "item", "unit", "site", "quantity", "demand_line.cpv_code", "request.cpv_code as request_cpv_code"])
    .where("request_id", "=", requestId)
    .orderBy("position")
    .orderBy("demand_line.id")
    .execute();
  const weekdays = await weekdaysOf(
    db,
    "demand_line",
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    item: r.item,
    unit: r.unit,
    site: r.site,
    weekdays: weekdays.get(r.id) ?? [],
    quantity: r.quantity,
    cpvCodes: demandCpvCodes(r.request_cpv_code, r.cpv_code),
  }));
}

/** Requests open for responses (published, before the deadline) with demand lines: what a joint bid can be started on. */
export async function listBiddableRequests({ db, at = new Date() }: { db: Db; at?: Date }) {
  return db
    .selectFrom("request")
    .select(["id", "title", "kind", "period_from", "period_to"])
    .where("status", "=", "published")
    .where("deadline_at", ">", at.toISOString())
    .where((eb) => eb.exists(eb.selectFrom("demand_line").select("id").whereRef("demand_line.request_id", "=", "request.id")))
    .orderBy("deadline_at")
    .execute();
}

/** Listed organisations that can take part in a bid (not buyers); for invitations and leads. */
export async function listBidCandidates({ db }: { db: Db }) {
  return db.selectFrom("organisation").select(["id", "name"]).where("status", "=", "active").where("kind", "!=", "buyer").orderBy("name").execute();
}

/** The viewer's own listed organisations that could lead a bid. */
export async function listOwnBidOrganisations({ db, viewer }: { db: Db; viewer: Viewer }) {
  return supplierSideOrganisations(await loadViewer({ db, user: viewer })).map(({ id, name }) => ({ id, name }));
}
