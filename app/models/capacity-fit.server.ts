import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { demandCpvCodes, offeringsFitRequest, type FitOffering, type FitRequest } from "../domain/capacity-fit";
import { capacityByOffering } from "./offering.server";
import { demandLinesOfRequests } from "./demand-lines.server";

/**
 * Which organisations' capacity fits which requests, by the one rule of app/domain/capacity-fit.ts:
 * who hears of a published request, and which requests "match us". Listed organisations that are
 * not buyers only. The database narrows the candidates by CPV division (two codes on one branch
 * always share it); the rule decides.
 */

/** The listed suppliers' offerings with their capacity lines, by organisation. */
async function offeringsByOrganisation(db: DB, organisationIds: readonly number[] | null): Promise<Map<number, FitOffering[]>> {
  let query = db
    .selectFrom("offering")
    .innerJoin("organisation", "organisation.id", "offering.organisation_id")
    .select(["offering.id", "offering.organisation_id", "offering.cpv_code"])
    .where("organisation.status", "=", "active")
    .where("organisation.kind", "!=", "buyer");
  if (organisationIds) query = query.where("offering.organisation_id", "in", organisationIds.length ? [...organisationIds] : [0]);
  const offerings = await query.orderBy("offering.id").execute();
  const capacity = await capacityByOffering(
    db,
    offerings.map((o) => o.id),
  );
  const byOrganisation = new Map<number, FitOffering[]>();
  for (const o of offerings) {
    const own = capacity.get(o.id) ?? [];
    byOrganisation.set(o.organisation_id, [...(byOrganisation.get(o.organisation_id) ?? []), { cpvCode: o.cpv_code, lines: own }]);
  }
  return byOrganisation;
}

/** The requests as the rule reads them: code, period and demand lines. */
async function fitRequests(db: DB, requestIds: readonly number[]): Promise<Map<number, FitRequest>> {
  if (requestIds.length === 0) return new Map();
  const requests = await db
    .selectFrom("request")
    .select(["id", "cpv_code", "period_from", "period_to", "deliver_on_holidays"])
    .where("id", "in", [...requestIds])
    .execute();
  const demand = await demandLinesOfRequests({ db, requestIds: [...requestIds] });
  return new Map(
    requests.map((r) => [
      r.id,
      {
        cpvCode: r.cpv_code,
        period: { from: r.period_from, to: r.period_to, skipHolidays: !r.deliver_on_holidays },
        lines: demand
          .filter((d) => d.requestId === r.id)
          .map((d) => ({ id: d.id, item: d.item, site: d.site, weekdays: d.weekdays, cpvCodes: demandCpvCodes(r.cpv_code, d.cpvCode) })),
      },
    ]),
  );
}

/** The CPV divisions of a request: its own code's and its demand lines'. */
function requestDivisions(db: DB, requestId: number) {
  return db
    .selectFrom("request")
    .select(sql<string>`substr(cpv_code, 1, 2)`.as("division"))
    .where("id", "=", requestId)
    .union(
      db
        .selectFrom("demand_line")
        .select(sql<string>`substr(cpv_code, 1, 2)`.as("division"))
        .where("request_id", "=", requestId)
        .where("cpv_code", "is not", null),
    )
    .execute();
}

/** Listed suppliers whose capacity fits the request: those told when it is published. */
export async function organisationsFittingRequest({ db, requestId }: { db: DB; requestId: number }): Promise<number[]> {
  const request = (await fitRequests(db, [requestId])).get(requestId);
  if (!request) return [];
  const divisions = (await requestDivisions(db, requestId)).map((r) => r.division);
  const candidates = await db
    .selectFrom("offering")
    .select("organisation_id")
    .distinct()
    .where(sql<string>`substr(cpv_code, 1, 2)`, "in", divisions)
    .execute();
  const offerings = await offeringsByOrganisation(
    db,
    candidates.map((c) => c.organisation_id),
  );
  return [...offerings].filter(([, own]) => offeringsFitRequest(own, request)).map(([organisationId]) => organisationId);
}

/**
 * Of the given requests, those the organisation's capacity fits ("requests that match us"). The
 * candidates come as a query of request ids, so the caller's other filters narrow them first.
 */
export async function requestsFittingOrganisation({
  db,
  organisationId,
  candidateIds,
}: {
  db: DB;
  organisationId: number;
  candidateIds: readonly number[];
}): Promise<number[]> {
  const own = (await offeringsByOrganisation(db, [organisationId])).get(organisationId) ?? [];
  if (own.length === 0 || candidateIds.length === 0) return [];
  const divisions = [...new Set(own.map((o) => o.cpvCode.slice(0, 2)))];
  const sameDivision = await db
    .selectFrom("request")
    .select("id")
    .where("id", "in", [...candidateIds])
    .where((eb) =>
      eb.or([
        eb(sql<string>`substr(request.cpv_code, 1, 2)`, "in", divisions),
        eb.exists(
          eb
            .selectFrom("demand_line")
            .select("demand_line.id")
            .whereRef("demand_line.request_id", "=", "request.id")
            .where(sql<string>`substr(demand_line.cpv_code, 1, 2)`, "in", divisions),
        ),
      ]),
    )
    .execute();
  const requests = await fitRequests(
    db,
    sameDivision.map((r) => r.id),
  );
  return [...requests].filter(([, request]) => offeringsFitRequest(own, request)).map(([id]) => id);
}
