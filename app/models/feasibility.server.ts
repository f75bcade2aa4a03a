/**
 * Feasibility of a request: "can the network do this?", planned on the capacity lines of every
 * listed supplier that serve it, on declared and on free capacity (decision 018).
 */
import { feasibilityInputs } from "../domain/capacity-fit";
import { coveragePercent, eligibilityReasons, runPlanner, summarisePlan } from "../domain/joint-bid";
import type { FeasibilityView } from "../domain/joint-bid-view";
import type { PlanInput } from "../domain/planner";
import { demandSources, requestPeriod } from "./joint-bid/candidates.server";
import { byLineId, fitLinesOf, heldOnLines, lineQuery } from "./joint-bid/capacity.server";
import type { Db } from "./joint-bid/change.server";

/**
 * "Can the network do this?" (decision 018): the planner on the capacity lines of every listed
 * supplier that serve the request's demand lines by the fit rule (for a reserved procurement only
 * eligible ones), once with their declared capacity and once with what is free of it after the
 * confirmed commitments of live bids on other requests. Free is the figure a buyer can rely on.
 * Null when the request does not exist.
 */
export async function loadFeasibility({ db, requestId }: { db: Db; requestId: number }): Promise<FeasibilityView | null> {
  const period = await requestPeriod(db, requestId);
  if (!period) return null;
  const demand = await demandSources(db, requestId);
  const reserved = period.kind === "reserved";
  const view: FeasibilityView = {
    requestId,
    reserved,
    organisationsConsidered: 0,
    demanded: 0,
    free: { covered: 0, coverage: 0 },
    declared: { covered: 0, coverage: 0 },
    units: [],
    shortfall: [],
    carriers: [],
    problem: null,
  };
  if (demand.length === 0) return { ...view, problem: { kind: "noDemand" } };

  const organisations = (
    await db
      .selectFrom("organisation")
      .select(["id", "name", "slug", "workforce_share", "workforce_share_date", "verified_at"])
      .where("status", "=", "active")
      .where("kind", "!=", "buyer")
      .execute()
  ).filter((o) => !reserved || eligibilityReasons(o).length === 0);
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const lines = byId.size
    ? await fitLinesOf(
        db,
        await lineQuery(db)
          .where("offering.organisation_id", "in", [...byId.keys()])
          .orderBy("capacity_line.id")
          .execute(),
      )
    : [];
  const held = await heldOnLines(db, byLineId(lines), { requestId });
  const inputs = feasibilityInputs({
    period,
    demand,
    capacity: lines.map((l) => ({ organisationId: l.organisationId, fit: l.fit, held: held.get(l.fit.line.id) ?? [] })),
  });
  const declared = runPlanner(inputs.declared);
  const free = runPlanner(inputs.free);
  if (!declared.ok) return { ...view, problem: declared.problem };
  if (!free.ok) return { ...view, problem: free.problem };
  const unitOf = new Map(demand.map((d) => [d.id, d.unit]));
  const unitOfDemand = (demandId: string) => unitOf.get(Number(/^d(\d+):/.exec(demandId)![1]))!;
  const summary = summarisePlan(inputs.shown, free.plan, (item) => demand.find((d) => d.item === item)!.unit);
  const offered = (input: PlanInput, organisationId: number) =>
    input.capacity.reduce((sum, o) => (o.orgId === String(organisationId) ? sum + o.capacity : sum), 0);
  return {
    ...view,
    organisationsConsidered: inputs.servingOrganisations,
    demanded: free.plan.demanded,
    free: { covered: free.plan.covered, coverage: coveragePercent(free.plan.covered, free.plan.demanded) },
    declared: { covered: declared.plan.covered, coverage: coveragePercent(declared.plan.covered, declared.plan.demanded) },
    units: [...new Set(demand.map((d) => d.unit))].map((unit) => {
      const sum = (entries: readonly { demandId: string; quantity: number }[]) =>
        entries.reduce((total, e) => (unitOfDemand(e.demandId) === unit ? total + e.quantity : total), 0);
      return {
        unit,
        demanded: sum(inputs.shown.demand.map((d) => ({ demandId: d.id, quantity: d.quantity }))),
        free: sum(free.plan.allocations),
        declared: sum(declared.plan.allocations),
      };
    }),
    shortfall: summary.shortfall,
    carriers: summary.participants
      .filter((p) => p.allocated > 0)
      .map((p) => {
        const org = byId.get(p.organisationId)!;
        return {
          organisationId: p.organisationId,
          name: org.name,
          slug: org.slug,
          allocated: p.allocated,
          share: coveragePercent(p.allocated, summary.covered),
          free: offered(inputs.free, p.organisationId),
          declared: offered(inputs.declared, p.organisationId),
        };
      }),
  };
}
