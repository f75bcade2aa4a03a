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
