import type { Settings } from "meilisearch";
import type { OrganisationDocument } from "./documents";
import { synonymGroups } from "./synonyms";

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
 * What Meilisearch stores per organisation: the shared document plus two copies of its text with
 * å/ä/ö folded away (see `foldDiacritics`), so a search typed without diacritics still matches.
 */
export interface MeiliOrganisationDocument extends OrganisationDocument {
  nameFolded: string;
  textFolded: string;
}

/**
 * "Fontänhuset" → "fontanhuset". The index tokenizes Swedish text as Swedish (å, ä and ö are
 * letters of their own, so "städ" does not match "stad"); the folded copies let people who type
 * without them still find what they mean, ranked below exact matches. See docs/decisions/003.
 */
export function foldDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function toMeiliDocument(document: OrganisationDocument): MeiliOrganisationDocument {
  const text = [
    ...document.offeringTitles,
    ...document.cpvLabels,
    document.description,
    ...document.offeringDescriptions,
    ...document.targetGroups,
  ].join("\n");
  return { ...document, nameFolded: foldDiacritics(document.name), textFolded: foldDiacritics(text) };
}

export function fromMeiliDocument(stored: Record<string, unknown>): OrganisationDocument {
  const { nameFolded: _n, textFolded: _t, _formatted: _f, _matchesPosition: _m, ...document } = stored;
  return document as unknown as OrganisationDocument;
}

/**
 * Meilisearch synonyms are one-directional (word → words it also finds), so every word of a group
 * maps to all the others. Multi-word keys would not work with the Swedish tokenizer; the groups
 * hold single words.
 */
export function meiliSynonyms(groups: readonly string[][] = synonymGroups): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const key = word.toLowerCase();
      const others = group.map((w) => w.toLowerCase()).filter((w) => w !== key);
      map[key] = [...new Set([...(map[key] ?? []), ...others])].sort();
    }
  }
  return map;
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
    "textFolded",
  ],
  filterableAttributes: ["kind", "cpvCategories", "serviceAreas", "reservedEligible"],
  sortableAttributes: ["name"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  synonyms: meiliSynonyms(),
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
