/**
 * Small-number suppression for published counts of people, the first half (decision 010): the
 * rules over the additive relations of one report's tables. The second half, the exact audit
 * across every table and every public version, is `disclosure-audit.ts`.
 *
 * Every count from 1 to 4 is hidden (primary suppression), and so is every figure from which a
 * hidden count could be worked out or narrowed down by subtraction (secondary suppression). The
 * figures of a table are tied together by additive relations ("total = part + part + …"); a
 * reader who knows all but one member of a relation knows the last one too. Zero is always shown
 * ("nobody" identifies no one) and never held back, so a reader can tell that every hidden figure
 * is at least 1; the rules count on that. They are applied to every relation until nothing changes:
 *
 * 1. A relation with exactly one hidden member would give that member away: hide one more.
 * 2. When the total is shown, the k hidden parts add up to a known sum S, and each is between 1
 *    and S − (k − 1). If S is from 1 to 4 (a small group, "the two hidden cells together are 3"),
 *    or that leaves fewer than three values (S < k + 2), hide one more.
 *
 * The one more is the non-zero member that opens the fewest new holes elsewhere, then the smallest.
 * What these rules cannot see — a hidden cell that a combination of relations, or of tables and
 * public versions, pins down or narrows — the exact audit finds and protects.
 * Hidden figures are all shown with the same mark, "..", as Statistics Sweden does: it makes no
 * claim about the value, and a reader cannot tell which rule hid a figure.
 */
export const SMALL_COUNT_LIMIT = 5;
/** The one mark for a figure held back, whatever its value and whichever rule held it back. */
export const SUPPRESSED_MARK = "..";

export interface Relation {
  total: string;
  parts: string[];
}

export type ShownCount = { value: number; suppressed: false } | { value: null; suppressed: true };

export function isSmallCount(value: number): boolean {
  return value > 0 && value < SMALL_COUNT_LIMIT;
}

/** Checks that every relation holds for the given counts; a wrong relation would make suppression meaningless. */
export function checkRelations(cells: Record<string, number>, relations: Relation[]): void {
  for (const relation of relations) {
    for (const id of [relation.total, ...relation.parts]) {
      if (!(id in cells)) throw new Error(`Relation refers to the unknown cell ${id}`);
    }
    const sum = relation.parts.reduce((s, id) => s + cells[id], 0);
    if (sum !== cells[relation.total]) throw new Error(`Cells do not add up: ${relation.total} is ${cells[relation.total]}, its parts ${sum}`);
  }
}

/** The set of cells to hide. */
export function suppressedCells(cells: Record<string, number>, relations: Relation[]): Set<string> {
  for (const value of Object.values(cells)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`Counts are non-negative integers, not ${value}`);
  }
  checkRelations(cells, relations);
  const hidden = new Set(Object.keys(cells).filter((id) => isSmallCount(cells[id])));

  /**
   * Hides one more shown, non-zero member of the given relations; false if there is none. The one
   * chosen opens the fewest new holes (relations where it would be the only hidden member, which
   * would need yet another cell; a total counts one more), then has the smallest value.
   */
  const hideOneMore = (among: Relation[]): boolean => {
    const members = [...new Set(among.flatMap((r) => [...r.parts, r.total]))];
    const candidates = members.filter((id) => !hidden.has(id) && cells[id] > 0);
    const newHoles = (id: string) =>
      relations.filter((r) => (r.total === id || r.parts.includes(id)) && ![r.total, ...r.parts].some((m) => hidden.has(m))).length;
    // A total counts as one hole more: totals are what readers look for first.
    const isTotal = (id: string) => among.some((r) => r.total === id);
    const ranked = candidates
      .map((id) => ({ id, holes: newHoles(id) + (isTotal(id) ? 1 : 0) }))
      .sort((a, b) => a.holes - b.holes || cells[a.id] - cells[b.id] || a.id.localeCompare(b.id));
    if (ranked.length === 0) return false;
    hidden.add(ranked[0].id);
    return true;
  };

  for (let changed = true; changed;) {
    changed = false;
    for (const relation of relations) {
      const hiddenMembers = [relation.total, ...relation.parts].filter((id) => hidden.has(id));
      if (hiddenMembers.length === 1) {
        changed = hideOneMore([relation]) || changed;
        continue;
      }
      if (!hidden.has(relation.total)) {
        const hiddenParts = relation.parts.filter((id) => hidden.has(id));
        const sum = hiddenParts.reduce((s, id) => s + cells[id], 0);
        if (hiddenParts.length > 0 && (isSmallCount(sum) || sum < hiddenParts.length + 2)) changed = hideOneMore([relation]) || changed;
      }
    }
  }
  return hidden;
}

/** A share in percent (whole numbers), only when both counts are shown and the base is not zero. */
export function shownShare(part: ShownCount, whole: ShownCount): number | null {
  if (part.suppressed || whole.suppressed || whole.value === 0) return null;
  return Math.round((part.value / whole.value) * 100);
}

export function displayCount(count: ShownCount, format: (n: number) => string = String): string {
  return count.suppressed ? SUPPRESSED_MARK : format(count.value);
}
