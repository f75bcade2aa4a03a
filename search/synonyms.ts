/**
 * Groups of words the network's buyers and members use for the same thing, in Swedish and English.
 * Every word in a group finds the others. Both engines read this list.
 */
export const synonymGroups: readonly string[][] = [
  ["sallad", "sallader", "salad", "salads"],
  ["catering", "mat", "måltider", "lunch", "food", "meals"],
  ["städ", "städning", "lokalvård", "cleaning"],
  ["stensättning", "stenläggning", "plattsättning", "paving"],
  ["trädgård", "grönyteskötsel", "landscaping", "gardening"],
  ["sotning", "skorstensfejning", "chimney"],
  ["bygg", "byggnation", "construction"],
  ["återvinning", "återbruk", "recycling", "reuse"],
  ["auktion", "auktioner", "auction", "auctions"],
  ["flytt", "flytthjälp", "removals", "moving"],
  ["snickeri", "snickare", "carpentry"],
  ["tvätt", "tvätteri", "laundry"],
  ["cykel", "cyklar", "bicycle", "bicycles"],
];

/** word → the other words of its groups, for engines that expand queries themselves. */
export function synonymMap(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const group of synonymGroups) {
    for (const word of group) {
      const others = group.filter((w) => w !== word);
      map.set(word, [...new Set([...(map.get(word) ?? []), ...others])]);
    }
  }
  return map;
}

const groupsByWord = new Map<string, readonly string[][]>();
for (const group of synonymGroups) {
  for (const word of group) groupsByWord.set(word.toLowerCase(), [...(groupsByWord.get(word.toLowerCase()) ?? []), group]);
}

/**
 * Every word of each synonym group above that one of the text's words belongs to.
 * Synonyms are applied here, to the document, rather than through Meilisearch's `synonyms`
 * setting: Meilisearch folds synonym keys with its default normaliser, so under Swedish
 * tokenization a query word with å/ä/ö ("lokalvård", "städ") never triggered its synonyms
 * (tested; docs/decisions/003). Stored with their diacritics, the terms match exactly like text.
 */
export function synonymTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const group of groupsByWord.get(word) ?? []) for (const term of group) terms.add(term);
  }
  return [...terms].sort();
}
