import { cpvCategories } from "../domain/cpv";
import { organisationKinds, serviceAreas } from "../domain/organisation";
import { emptyQuery, type OrganisationSearchQuery } from "../../search/documents";

const only = (allowed: readonly string[], values: string[]) => [...new Set(values.filter((v) => allowed.includes(v)))];

/** Reads /organisations?q=&kind=&cpv=&area=&reserved=1&page= ; unknown values are ignored, never an error. */
export function parseDirectoryQuery(searchParams: URLSearchParams): OrganisationSearchQuery {
  const page = Number.parseInt(searchParams.get("page") ?? "1", 10);
  return {
    q: (searchParams.get("q") ?? "").slice(0, 200),
    kind: only(organisationKinds, searchParams.getAll("kind")),
    cpvCategory: only(
      cpvCategories.map((c) => c.division),
      searchParams.getAll("cpv"),
    ),
    serviceArea: only(serviceAreas, searchParams.getAll("area")),
    reservedEligible: searchParams.get("reserved") === "1",
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
    pageSize: emptyQuery.pageSize,
  };
}
