import { isCpvDivision } from "../domain/cpv";
import { organisationKinds, serviceAreas, supplierKinds } from "../domain/organisation";
import { parsePage } from "./ids";
import { emptyQuery, type OrganisationSearchQuery } from "../../search/documents";

const only = (allowed: readonly string[], values: string[]) => [...new Set(values.filter((v) => allowed.includes(v)))];

/**
 * Reads /organisations?q=&kind=&cpv=&area=&reserved=1&page= ; unknown values are ignored, never an
 * error. Without a kind the directory lists suppliers: buyers and support organisations are found
 * by ticking their kind, so they do not crowd a buyer's search for a service.
 */
export function parseDirectoryQuery(searchParams: URLSearchParams): OrganisationSearchQuery {
  const kind = only(organisationKinds, searchParams.getAll("kind"));
  return {
    q: (searchParams.get("q") ?? "").slice(0, 200),
    kind: kind.length > 0 ? kind : [...supplierKinds],
    cpvCategory: [...new Set(searchParams.getAll("cpv").filter(isCpvDivision))],
    serviceArea: only(serviceAreas, searchParams.getAll("area")),
    reservedEligible: searchParams.get("reserved") === "1",
    page: parsePage(searchParams.get("page")),
    pageSize: emptyQuery.pageSize,
  };
}
