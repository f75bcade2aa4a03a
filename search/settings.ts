import type { Settings } from "meilisearch";
import type { OrganisationDocument } from "./documents";
import { compoundTerms } from "./compounds";
import { synonymTerms } from "./synonyms";
import { foldDiacritics } from "./highlight";

/** The live organisations index. Reindexing builds `organisations_<timestamp>` and swaps it in. */
export const ORGANISATIONS_INDEX = "organisations";

/** Which fields each facet of the search query filters on, in the index. */
export const facetAttributes = {
  kind: "kind",
  cpvCategory: "cpvCategories",
  serviceArea: "serviceAreas",
  reservedEligible: "reservedEligible",
} as const;

/**
 * What Meilisearch stores per organisation: the shared document, two copies of its text with
 * å/ä/ö folded away (see `foldDiacritics`), so a search typed without diacritics still matches,
 * the synonyms of the words it contains (see `synonymTerms`), and the compound parts of its words
 * with their synonyms, as written and folded (see `compoundTerms`).
 */
export interface MeiliOrganisationDocument extends OrganisationDocument {
  nameFolded: string;
  textFolded: string;
  synonyms: string[];
  compoundParts: string[];
  compoundPartsFolded: string[];
}

/**
 * "Fontänhuset" → "fontanhuset". The index tokenizes Swedish text as Swedish (å, ä and ö are
 * letters of their own, so "städ" does not match "stad"); the folded copies let people who type
 * without them still find what they mean, ranked below exact matches. See docs/decisions/003.
 */

export function toMeiliDocument(document: OrganisationDocument): MeiliOrganisationDocument {
  const text = [...document.offeringTitles, ...document.cpvLabels, document.description, ...document.offeringDescriptions, ...document.targetGroups].join("\n");
  const compoundParts = compoundTerms(`${document.name}\n${text}`);
  return {
    ...document,
    nameFolded: foldDiacritics(document.name),
    textFolded: foldDiacritics(text),
    synonyms: synonymTerms(`${document.name}\n${text}`),
    compoundParts,
    compoundPartsFolded: [...new Set(compoundParts.map(foldDiacritics))],
  };
}

// Every field of the shared document: what a search retrieves (the folded copies stay behind).
const documentFields = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  description: true,
  targetGroups: true,
  offeringTitles: true,
  offeringDescriptions: true,
  cpvCodes: true,
  cpvLabels: true,
  cpvCategories: true,
  serviceAreas: true,
  deliverySites: true,
  reservedEligible: true,
  verified: true,
  hasLogo: true,
  offeringCount: true,
} satisfies Record<keyof OrganisationDocument, true>;
export const documentAttributes = Object.keys(documentFields) as (keyof OrganisationDocument)[];

export function fromMeiliDocument(stored: Record<string, unknown>): OrganisationDocument {
  const {
    nameFolded: _n,
    textFolded: _t,
    synonyms: _s,
    compoundParts: _c,
    compoundPartsFolded: _cf,
    _formatted: _f,
    _matchesPosition: _m,
    ...document
  } = stored;
  return document as unknown as OrganisationDocument;
}

/**
 * The organisations index settings, as data. Changing anything here changes `settingsHash`, and the
 * next start (or `npm run search:reindex`) rebuilds the index into a fresh one and swaps it in.
 */
export const organisationIndexSettings = {
  // Ranking order of the fields: the "attribute" ranking rule prefers earlier ones.
  searchableAttributes: [
    "name",
    "nameFolded",
    "offeringTitles",
    "cpvLabels",
    "description",
    "offeringDescriptions",
    "targetGroups",
    // Place names as written (not folded, no synonyms): "Stadshuset" must not answer "städ".
    "deliverySites",
    "synonyms",
    "textFolded",
    // Parts of compound words last, so that whole words rank first: "sallad" finds "Sallader"
    // before "Lunchsallader" (decision 017).
    "compoundParts",
    "compoundPartsFolded",
  ],
  filterableAttributes: ["kind", "cpvCategories", "serviceAreas", "reservedEligible"],
  sortableAttributes: ["name"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  // Applied to the documents instead; see `synonymTerms`.
  synonyms: {},
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnNumbers: true,
  },
  // Tested (docs/decisions/003): Swedish tokenization keeps å/ä/ö distinct, so "städ" finds
  // städning and not "stad"; the folded copies above bring back "Bjorka" → Björkå.
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["swe"] }],
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { "*": "alpha" } },
  // Exact totals for the whole directory (the default stops counting at 1,000).
  pagination: { maxTotalHits: 100_000 },
} satisfies Settings;
