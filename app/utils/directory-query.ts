import { cpvCategories } from "../domain/cpv";
import { organisationKinds, serviceAreas } from "../domain/organisation";
import { parsePage } from "./ids";
import { emptyQuery, type OrganisationSearchQuery } from "../../search/documents";

const only = (allowed: readonly string[], values: string[]) => [...new Set(values.filter((v) => allowed.includes(v)))];

/** Reads /organisations?q=&kind=&cpv=&area=&reserved=1&page= ; unknown values are ignored, never an error. */
export function parseDirectoryQuery(searchParams: URLSearchParams): OrganisationSearchQuery {
  return {
    q: (searchParams.get("q") ?? "").slice(0, 200),
    kind: only(organisationKinds, searchParams.getAll("kind")),
    cpvCategory: only(
      cpvCategories.map((c) => c.division),
      searchParams.getAll("cpv"),
    ),
    serviceArea: only(serviceAreas, searchParams.getAll("area")),
    reservedEligible: searchParams.get("reserved") === "1",
    page: parsePage(searchParams.get("page")),
    pageSize: emptyQuery.pageSize,
  };
}
