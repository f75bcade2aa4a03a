/**
 * Small-number suppression for published counts of people.
 *
 * Every count from 1 to 4 is hidden (primary suppression), and so is every figure from which a
 * hidden count could be worked out by subtraction (secondary suppression). The figures of a table
 * are tied together by additive relations ("total = part + part + …"); a reader who knows all but
 * one member of a relation knows the last one too. The rule is applied to every relation until
 * nothing changes:
 *
 * 1. A relation with exactly one hidden member would give that member away: hide one more.
 * 2. When the total is shown, the hidden parts add up to a known figure; if that sum is from 1 to
 *    4, it is itself a small count (e.g. "the two hidden cells together are 3"): hide one more.
 *
 * The one more is the member that opens the fewest new holes elsewhere, then the smallest. Zero is
 * never a small count ("nobody" is shown), but a zero may be hidden to protect another cell.
 *
 * 3. Relations combine: a hidden cell that follows from adding and subtracting several relations
 *    (linear algebra over the relations, see `determinedCells`) is protected the same way.
 *
 * Hidden figures are all shown the same way ("<5"), whichever rule hid them: if a reader could tell
 * the secondary ones apart, knowing that a primary one is 1–4 would narrow the others down.
 */
export const SMALL_COUNT_LIMIT = 5;
export const SUPPRESSED_LABEL = "<5";

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
   * Hides one more shown member of the given relations; false if there is none. The one chosen
   * opens the fewest new holes (relations where it would be the only hidden member, which would
   * need yet another cell; a total counts one more), then is non-zero (a hidden zero reads "<5", which is less true), then
   * has the smallest value. `nonZero` is for hiding a small hidden sum, which a zero cannot change.
   */
  const hideOneMore = (among: Relation[], nonZero = false): boolean => {
    const members = [...new Set(among.flatMap((r) => [...r.parts, r.total]))];
    const candidates = members.filter((id) => !hidden.has(id) && (!nonZero || cells[id] > 0));
    const newHoles = (id: string) =>
      relations.filter((r) => (r.total === id || r.parts.includes(id)) && ![r.total, ...r.parts].some((m) => hidden.has(m))).length;
    // A total counts as one hole more: totals are what readers look for first.
    const isTotal = (id: string) => among.some((r) => r.total === id);
    const ranked = candidates
      .map((id) => ({ id, holes: newHoles(id) + (isTotal(id) ? 1 : 0) }))
      .sort(
        (a, b) =>
          a.holes - b.holes || Number(cells[a.id] === 0) - Number(cells[b.id] === 0) || cells[a.id] - cells[b.id] || a.id.localeCompare(b.id),
      );
    if (ranked.length === 0) return false;
    hidden.add(ranked[0].id);
    return true;
  };

  for (;;) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const relation of relations) {
        const hiddenMembers = [relation.total, ...relation.parts].filter((id) => hidden.has(id));
        if (hiddenMembers.length === 1) {
          changed = hideOneMore([relation]) || changed;
          continue;
        }
        if (!hidden.has(relation.total)) {
          const hiddenPartsSum = relation.parts.filter((id) => hidden.has(id)).reduce((s, id) => s + cells[id], 0);
          if (isSmallCount(hiddenPartsSum)) changed = hideOneMore([relation], true) || changed;
        }
      }
    }
    // Relations can also be combined (a total minus the sum of two other relations): a hidden cell
    // that some combination pins down is hidden further, until no combination pins any down.
    const pinned = determinedCells(relations, hidden).filter((id) => cells[id] > 0);
    if (!pinned.some((id) => hideOneMore(relations.filter((r) => r.total === id || r.parts.includes(id))))) return hidden;
  }
}

/**
 * The hidden cells whose value follows from the shown ones by adding and subtracting relations:
 * a cell is pinned down when its unit vector lies in the row space of the relations, restricted
 * to the hidden cells (Gaussian elimination; the shown cells are constants).
 */
export function determinedCells(relations: Relation[], hidden: Set<string>): string[] {
  const columns = [...hidden];
  const index = new Map(columns.map((id, i) => [id, i]));
  const basis: { pivot: number; row: number[] }[] = [];
  const reduce = (vector: number[]) => {
    for (const { pivot, row } of basis) {
      const factor = vector[pivot];
      if (Math.abs(factor) > 1e-9) for (let j = 0; j < vector.length; j += 1) vector[j] -= factor * row[j];
    }
    return vector;
  };
  for (const relation of relations) {
    const row = new Array<number>(columns.length).fill(0);
    const add = (id: string, coefficient: number) => {
      const i = index.get(id);
      if (i !== undefined) row[i] += coefficient;
    };
    add(relation.total, 1);
    for (const id of relation.parts) add(id, -1);
    const reduced = reduce(row);
    const pivot = reduced.findIndex((v) => Math.abs(v) > 1e-9);
    if (pivot === -1) continue;
    const scale = reduced[pivot];
    const normalised = reduced.map((v) => v / scale);
    // Keep the basis fully reduced, so that reducing by it in order is exact.
    for (const b of basis) {
      const factor = b.row[pivot];
      if (Math.abs(factor) > 1e-9) for (let j = 0; j < b.row.length; j += 1) b.row[j] -= factor * normalised[j];
    }
    basis.push({ pivot, row: normalised });
  }
  return columns.filter((_, i) => {
    const unit = new Array<number>(columns.length).fill(0);
    unit[i] = 1;
    return reduce(unit).every((v) => Math.abs(v) < 1e-9);
  });
}

/** Every cell, either with its value or marked as suppressed. */
export function suppressCounts(cells: Record<string, number>, relations: Relation[]): Record<string, ShownCount> {
  const hidden = suppressedCells(cells, relations);
  return Object.fromEntries(
    Object.entries(cells).map(([id, value]) => [id, hidden.has(id) ? { value: null, suppressed: true } : { value, suppressed: false }]),
  );
}

/** A share in percent (whole numbers), only when both counts are shown and the base is not zero. */
export function shownShare(part: ShownCount, whole: ShownCount): number | null {
  if (part.suppressed || whole.suppressed || whole.value === 0) return null;
  return Math.round((part.value / whole.value) * 100);
}

export function displayCount(count: ShownCount, format: (n: number) => string = String): string {
  return count.suppressed ? SUPPRESSED_LABEL : format(count.value);
}
