import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import type { RequestKind, RequestStatus } from "../domain/request";
import { effectiveStatus } from "../domain/request";
import type { RequestListParams } from "../domain/request-query";
import type { OcdsRequest } from "../domain/ocds";
import type { DemandLine } from "../domain/request-view";
import { requestSearch } from "../../search/requests/index.server";
import { requestsFittingOrganisation } from "./capacity-fit.server";
import { requestRecord, requestsWithBuyer } from "./request.server";
import { demandLinesOfRequests } from "./demand-lines.server";

/**
 * Finding requests: the public list with its filters and facet counts, a buyer's own, and every
 * request as open data. Reads only; a request's changes are `request.server.ts`.
 */

/** The list's filters as the query string gives them, with the organisation whose capacity must fit and the page's size. */
export interface RequestListQuery extends Omit<RequestListParams, "matching"> {
  /** Only requests this organisation's capacity fits (decision 018); null for any. */
  matchingOrganisationId: number | null;
  pageSize: number;
}

export interface RequestListItem {
  id: number;
  title: string;
  kind: RequestKind;
  status: RequestStatus;
  cpvCode: string;
  deadlineAt: string;
  periodFrom: string;
  periodTo: string;
  buyerName: string;
  sites: string[];
}

type Facet = "kind" | "cpvCategory" | "site" | "within";

/**
 * Open (or closed) requests, by deadline, with facet counts: each facet is counted with every
 * other filter applied but not its own, so choosing one kind still shows how many the others have.
 * Text search goes through the search engine, which returns matching ids; the rest is SQL.
 */
export async function listRequests({ db, query, at = new Date() }: { db: DB; query: RequestListQuery; at?: Date }) {
  const nowIso = at.toISOString();
  const matchIds = query.q.trim() ? await requestSearch().matchingIds(query.q, 2_000) : null;
  const inState = () => {
    const q = db.selectFrom("request").where("request.status", "!=", "draft");
    return query.state === "open"
      ? q.where("request.status", "=", "published").where("request.deadline_at", ">", nowIso)
      : q.where((eb) => eb.or([eb("request.status", "in", ["closed", "awarded", "cancelled"]), eb("request.deadline_at", "<=", nowIso)]));
  };
  const fitting =
    query.matchingOrganisationId === null
      ? null
      : await requestsFittingOrganisation({
          db,
          organisationId: query.matchingOrganisationId,
          candidateIds: (await inState().select("request.id").execute()).map((r) => r.id),
        });

  const base = (except?: Facet) => {
    let q = inState();
    if (matchIds) q = q.where("request.id", "in", matchIds.length ? matchIds : [0]);
    if (fitting) q = q.where("request.id", "in", fitting.length ? fitting : [0]);
    if (except !== "kind" && query.kind.length) q = q.where("request.kind", "in", query.kind);
    if (except !== "cpvCategory" && query.cpvCategory.length) q = q.where(sql<string>`substr(request.cpv_code, 1, 2)`, "in", query.cpvCategory);
    if (except !== "site" && query.site.length) {
      q = q.where("request.id", "in", db.selectFrom("request_site").select("request_id").where("site", "in", query.site));
    }
    if (except !== "within" && query.within !== null) {
      q = q.where("request.deadline_at", "<=", new Date(at.getTime() + query.within * 86_400_000).toISOString());
    }
    return q;
  };

  const [totalRow, rows, kind, cpvCategory, site, within] = await Promise.all([
    base()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
    base()
      .innerJoin("organisation", "organisation.id", "request.buyer_organisation_id")
      .select([
        "request.id",
        "request.title",
        "request.kind",
        "request.status",
        "request.cpv_code",
        "request.deadline_at",
        "request.period_from",
        "request.period_to",
        "organisation.name as buyer_name",
      ])
      .orderBy("request.deadline_at", query.state === "open" ? "asc" : "desc")
      .orderBy("request.id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base("kind")
      .select(["request.kind as value", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("request.kind")
      .execute(),
    base("cpvCategory")
      .select([sql<string>`substr(request.cpv_code, 1, 2)`.as("value"), (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(sql`substr(request.cpv_code, 1, 2)`)
      .execute(),
    db
      .selectFrom("request_site")
      .where("request_id", "in", base("site").select("request.id"))
      .select(["site as value", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("site")
      .orderBy("site")
      .limit(50)
      .execute(),
    Promise.all(
      ([7, 30] as const).map(async (days) => {
        const row = await base("within")
          .where("request.deadline_at", "<=", new Date(at.getTime() + days * 86_400_000).toISOString())
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst();
        return { value: String(days), n: Number(row?.n ?? 0) };
      }),
    ),
  ]);
  const ids = rows.map((r) => r.id);
  const sites = ids.length ? await db.selectFrom("request_site").select(["request_id", "site"]).where("request_id", "in", ids).execute() : [];
  const counts = (list: { value: string; n: number }[]) => Object.fromEntries(list.map((r) => [r.value, Number(r.n)]));
  return {
    total: Number(totalRow?.n ?? 0),
    items: rows.map((r): RequestListItem => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: effectiveStatus({ status: r.status, deadlineAt: r.deadline_at }, at),
      cpvCode: r.cpv_code,
      deadlineAt: r.deadline_at,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      buyerName: r.buyer_name,
      sites: [...new Set(sites.filter((s) => s.request_id === r.id).map((s) => s.site))],
    })),
    facets: { kind: counts(kind), cpvCategory: counts(cpvCategory), site: counts(site), within: counts(within) },
  };
}

/** A buyer organisation's own requests, drafts included, newest first. */
export async function listOwnRequests({ db, buyerOrganisationIds }: { db: DB; buyerOrganisationIds: number[] }) {
  if (buyerOrganisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("request")
    .select(["id", "title", "status", "deadline_at", "kind"])
    .where("buyer_organisation_id", "in", buyerOrganisationIds)
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  const at = new Date();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    deadlineAt: r.deadline_at,
    status: effectiveStatus({ status: r.status, deadlineAt: r.deadline_at }, at),
  }));
}

// --- Open data ------------------------------------------------------------------------------------

/** Requests as open data: published or later, never drafts; one request, or all of them. */
export async function ocdsRequests({ db, requestId }: { db: DB; requestId?: number }): Promise<OcdsRequest[]> {
  let q = requestsWithBuyer(db).where("request.status", "!=", "draft");
  if (requestId !== undefined) q = q.where("request.id", "=", requestId);
  const requests = (await q.orderBy("request.id").execute()).map(requestRecord);
  const linesBy = new Map<number, DemandLine[]>();
  for (const { requestId, ...line } of await demandLinesOfRequests({ db, requestIds: requests.map((r) => r.id) })) {
    linesBy.set(requestId, [...(linesBy.get(requestId) ?? []), line]);
  }
  return requests.map((request) => ({
    ...request,
    buyer: { name: request.buyerName, orgNumber: request.buyerOrgNumber },
    lines: linesBy.get(request.id) ?? [],
  }));
}
