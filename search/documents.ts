/** The searchable shape of an organisation, the same for every search engine. */
export interface OrganisationDocument {
  id: number;
  slug: string;
  name: string;
  kind: string;
  description: string;
  targetGroups: string[];
  offeringTitles: string[];
  offeringDescriptions: string[];
  cpvCodes: string[];
  /** Swedish and English labels of the offerings' CPV codes. */
  cpvLabels: string[];
  /** CPV divisions (first two digits), the category facet. */
  cpvCategories: string[];
  serviceAreas: string[];
  /** Where the organisation's capacity lines deliver ("Stadshuset", "Linero"), searchable as text. */
  deliverySites: string[];
  reservedEligible: boolean;
  verified: boolean;
  hasLogo: boolean;
  offeringCount: number;
}

export interface OrganisationSearchQuery {
  q: string;
  kind: string[];
  cpvCategory: string[];
  serviceArea: string[];
  /** true: only organisations eligible for reserved contracts. */
  reservedEligible: boolean;
  page: number;
  pageSize: number;
}

export type FacetCounts = Record<string, number>;

export interface OrganisationFacets {
  kind: FacetCounts;
  cpvCategory: FacetCounts;
  serviceArea: FacetCounts;
  reservedEligible: FacetCounts;
}

export interface OrganisationHit {
  document: OrganisationDocument;
  /** Fields with matches wrapped in <mark>…</mark>, already HTML-escaped; absent where nothing matched. */
  highlighted?: Partial<Record<"name" | "description", string>> & {
    /** Every offering title as HTML, in order, when at least one of them matched. */
    offeringTitles?: string[];
  };
}

/** What a directory card shows of a hit; the searchable text behind it stays on the server. */
export interface DirectoryCard {
  document: Pick<OrganisationDocument, "id" | "slug" | "name" | "kind" | "description" | "offeringTitles" | "reservedEligible" | "verified">;
  highlighted?: OrganisationHit["highlighted"];
}

export function directoryCard({ document: d, highlighted }: OrganisationHit): DirectoryCard {
  const document = {
    id: d.id,
    slug: d.slug,
    name: d.name,
    kind: d.kind,
    description: d.description,
    offeringTitles: d.offeringTitles,
    reservedEligible: d.reservedEligible,
    verified: d.verified,
  };
  return highlighted ? { document, highlighted } : { document };
}

export interface OrganisationSearchResult {
  hits: OrganisationHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: OrganisationFacets;
}

/** The embedded engines, one per database, that answer when Meilisearch cannot. */
export type EmbeddedEngineName = "fts5" | "postgres";

export interface SearchEngine {
  readonly name: "meilisearch" | EmbeddedEngineName;
  searchOrganisations(query: OrganisationSearchQuery): Promise<OrganisationSearchResult>;
}

/** No text, no filters, the first page of 24: the directory as it opens. */
export const emptyQuery: OrganisationSearchQuery = {
  q: "",
  kind: [],
  cpvCategory: [],
  serviceArea: [],
  reservedEligible: false,
  page: 1,
  pageSize: 24,
};

/** What the search code logs through: console, pino, or a test's collector. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** The values in their first order, each once. */
export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
