/**
 * The exact half of small-number suppression (decision 010). A reader who wants a hidden count
 * back has everything that is published — every figure of this report and of every public
 * version — and the fact that counts are whole and never negative. This module asks an
 * integer-programming solver which values each hidden count can still take, and holds back more
 * figures of the report being published until every hidden count is protected from two readers:
 *
 * - the reader the mark ".." leaves with nothing but that (a hidden figure is any whole number
 *   from 0 up): a count of 1–4 must keep at least three possible values from 1 to 4;
 * - the reader who counts on zero always being shown as "0", so that every hidden figure is at
 *   least 1 (the inference that undid the first version): every hidden figure must keep at least
 *   three possible values.
 *
 * The model is built from "atoms": the counts of one register row (or of what a row gained
 * between two publications), per measure. Every published figure is a sum of atoms; each atom
 * group balances (participants counted by social assistance = participants counted by outcome).
 * A group of people that only a combination of publications describes (a "sliver": 2024 alone,
 * when 2023 and 2023–2024 are both public) is protected like a hidden count.
 */

export const POSSIBLE_VALUES = 3;
export const SMALL_COUNTS = [1, 2, 3, 4] as const;

export function isSmall(value: number): boolean {
  return value >= 1 && value <= 4;
}

// --- The solver's interface ------------------------------------------------------------------------

/** min ≤ Σ coefficient × variable ≤ max; infinite bounds are ±Infinity. */
export interface IntegerRow {
  variables: number[];
  coefficients: number[];
  min: number;
  max: number;
}

/** Non-negative integer variables, each at most `upper`, and linear rows over them. */
export interface IntegerSystem {
  variables: number;
  upper: number;
  rows: IntegerRow[];
}

/** A system loaded into a solver, whose rows' bounds can be changed between solves. */
export interface IntegerModel {
  setBounds(row: number, min: number, max: number): void;
  /** The least or greatest Σ of the variables (each counted once) over the integer points; null when there is none. */
  optimise(variables: number[], sense: "min" | "max"): number | null;
  dispose(): void;
}

export type IntegerSolver = (system: IntegerSystem) => IntegerModel;

// --- The problem --------------------------------------------------------------------------------

export interface AuditFigure {
  /** Unique over every publication. */
  id: string;
  /** Index of the publication; `candidate` is the one being published. */
  publication: number;
  /** The atoms the figure adds up. */
  variables: number[];
  value: number;
  hidden: boolean;
  /** For the candidate's figures: what holding it back costs the reader (lower is held back first). */
  cost: number;
}

export interface AuditProblem {
  /** The true value of every atom. */
  values: number[];
  /** Per atom group: Σ plus = Σ minus. */
  balances: { plus: number[]; minus: number[] }[];
  figures: AuditFigure[];
  /** Counts of groups no publication shows on its own, only a combination of them. */
  slivers: { id: string; variables: number[]; value: number }[];
  candidate: number;
}

export interface AuditResult {
  /** Ids of the candidate's figures to hold back. */
  hidden: Set<string>;
  /**
   * Counts that earlier publications already give away whatever this one holds back (none, when
   * each of them was published through this audit).
   */
  exposedByHistory: string[];
}

/** The two readers: what each takes a hidden figure to be at least. */
const readers = { nothingMore: 0, zerosShown: 1 } as const;
type Reader = keyof typeof readers;

/**
 * Holds back figures of the candidate publication (beyond those already hidden in `problem`)
 * until no hidden count, of any publication, and no small sliver can be narrowed down. Zeros are
 * never held back: "0" is shown, which is what the second reader counts on.
 */
export function auditAndProtect(problem: AuditProblem, solver: IntegerSolver): AuditResult {
  const figures = problem.figures;
  const largest = Math.max(1, ...problem.values, ...figures.map((f) => f.value));
  // Atoms are bounded so that every optimum is finite; the bound is far above any true value, so
  // "up to the bound" reads as "unbounded".
  const upper = 3 * largest + 20;
  const figureRow = new Map<string, number>();
  const sliverRow = new Map<string, number>();
  const system = (reader: Reader): IntegerSystem => {
    const rows: IntegerRow[] = problem.balances.map((b) => ({
      variables: [...b.plus, ...b.minus],
      coefficients: [...b.plus.map(() => 1), ...b.minus.map(() => -1)],
      min: 0,
      max: 0,
    }));
    for (const f of figures) {
      figureRow.set(f.id, rows.length);
      rows.push({
        variables: f.variables,
        coefficients: f.variables.map(() => 1),
        min: f.hidden ? readers[reader] : f.value,
        max: f.hidden ? Infinity : f.value,
      });
    }
    for (const s of problem.slivers) {
      sliverRow.set(s.id, rows.length);
      rows.push({ variables: s.variables, coefficients: s.variables.map(() => 1), min: -Infinity, max: Infinity });
    }
    return { variables: problem.values.length, upper, rows };
  };
  const models = { nothingMore: solver(system("nothingMore")), zerosShown: solver(system("zerosShown")) };
  try {
    const hidden = new Set(figures.filter((f) => f.publication === problem.candidate && f.hidden).map((f) => f.id));
    const isOpen = (f: AuditFigure) => f.publication === problem.candidate && !hidden.has(f.id) && f.value > 0;
    const hide = (f: AuditFigure) => {
      for (const reader of Object.keys(readers) as Reader[]) models[reader].setBounds(figureRow.get(f.id)!, readers[reader], Infinity);
    };
    const show = (f: AuditFigure) => {
      for (const model of Object.values(models)) model.setBounds(figureRow.get(f.id)!, f.value, f.value);
    };
    const quantityOf = (f: AuditFigure): Quantity => ({ id: f.id, variables: f.variables, value: f.value, row: figureRow.get(f.id)!, figure: true });

    const queue: Quantity[] = [
      ...figures.filter((f) => f.hidden).map(quantityOf),
      ...problem.slivers.filter((s) => isSmall(s.value)).map((s) => ({ ...s, row: sliverRow.get(s.id)!, figure: false })),
    ];

    // Holding a figure back only removes a constraint, so a count protected once stays protected.
    const exposedByHistory: string[] = [];
    while (queue.length > 0) {
      const q = queue.shift()!;
      if (protection(models, q).protected) continue;
      // What earlier publications give away cannot be taken back, whatever this one holds back.
      // A figure of this publication that they pin down and that is no small count is no secret:
      // it is shown, which tells nothing new. A small count they pin down is reported.
      if (problem.candidate > 0 && givenAwayByHistory(q)) {
        const figure = figures.find((f) => f.id === q.id && f.publication === problem.candidate);
        if (figure && !isSmall(figure.value)) {
          hidden.delete(figure.id);
          show(figure);
        } else {
          exposedByHistory.push(q.id);
        }
        continue;
      }
      for (const f of protectOne(q)) {
        hidden.add(f.id);
        queue.push(quantityOf(f));
      }
    }
    return { hidden, exposedByHistory };

    function givenAwayByHistory(q: Quantity): boolean {
      const open = figures.filter(isOpen);
      open.forEach(hide);
      const exposed = !protection(models, q).protected;
      open.forEach(show);
      return exposed;
    }

    /**
     * Holds back the candidate's figures, nearest to the count first and cheapest among equals,
     * until the count is protected: the first one that protects it alone, or else the one that
     * widens it most, and again.
     */
    function protectOne(q: Quantity): AuditFigure[] {
      const chosen: AuditFigure[] = [];
      const ranked = rankByDistance(q);
      while (ranked.length > 0) {
        let best: { index: number; score: number } | null = null;
        for (let i = 0; i < ranked.length; i += 1) {
          hide(ranked[i]);
          const score = protection(models, q);
          show(ranked[i]);
          if (score.protected) {
            best = { index: i, score: Infinity };
            break;
          }
          if (!best || score.values > best.score) best = { index: i, score: score.values };
        }
        const [figure] = ranked.splice(best!.index, 1);
        hide(figure);
        chosen.push(figure);
        if (best!.score === Infinity) return chosen;
      }
      // Every non-zero figure is held back and the count is still pinned down: only history can do that.
      throw new Error(`No figure of the publication protects ${q.id}`);
    }

    /** The open figures that share an atom with the count, then those sharing an atom group, then the rest. */
    function rankByDistance(q: Quantity): AuditFigure[] {
      const own = new Set(q.variables);
      const groupOf = new Map<number, number>();
      problem.balances.forEach((b, i) => [...b.plus, ...b.minus].forEach((v) => groupOf.set(v, i)));
      const ownGroups = new Set(q.variables.map((v) => groupOf.get(v)));
      const distance = (f: AuditFigure) => (f.variables.some((v) => own.has(v)) ? 0 : f.variables.some((v) => ownGroups.has(groupOf.get(v))) ? 1 : 2);
      return figures.filter(isOpen).sort((a, b) => distance(a) - distance(b) || a.cost - b.cost || a.id.localeCompare(b.id));
    }
  } finally {
    for (const model of Object.values(models)) model.dispose();
  }
}

interface Quantity {
  id: string;
  variables: number[];
  value: number;
  row: number;
  /** A hidden figure's row says what the reader takes it to be at least; a sliver's row has no bounds of its own. */
  figure: boolean;
}

/**
 * Whether both readers are left with enough values, and a score of how close it is. The second
 * reader (hidden figures at least 1) must find at least `POSSIBLE_VALUES` values for every count;
 * a count of 1–4 must also keep that many values within 1–4 for the first reader, which the second
 * reader's values settle when they already do (the first reader's values include them).
 */
function protection(models: Record<Reader, IntegerModel>, q: Quantity): { protected: boolean; values: number } {
  const overall = possibleValues(models.zerosShown, q, readers.zerosShown, null);
  if (overall < POSSIBLE_VALUES) return { protected: false, values: overall };
  if (!isSmall(q.value)) return { protected: true, values: overall };
  const small = Math.max(possibleValues(models.zerosShown, q, readers.zerosShown, SMALL_COUNTS), 0);
  if (small >= POSSIBLE_VALUES) return { protected: true, values: POSSIBLE_VALUES + small };
  const lenient = possibleValues(models.nothingMore, q, readers.nothingMore, SMALL_COUNTS);
  return { protected: lenient >= POSSIBLE_VALUES, values: POSSIBLE_VALUES + lenient };
}

/**
 * How many values the count can take (counted up to `POSSIBLE_VALUES`), among `among` or among
 * all. Values between the least and the greatest are tried one by one: sums with gaps are
 * possible in principle.
 */
function possibleValues(model: IntegerModel, q: Quantity, atLeast: number, among: readonly number[] | null): number {
  const lo = model.optimise(q.variables, "min");
  const hi = model.optimise(q.variables, "max");
  if (lo === null || hi === null) throw new Error(`The published figures contradict the register at ${q.id}`);
  const feasible = (w: number) => {
    if (w === lo || w === hi || w === q.value) return true;
    model.setBounds(q.row, w, w);
    const found = model.optimise([], "min") !== null;
    model.setBounds(q.row, q.figure ? atLeast : -Infinity, Infinity);
    return found;
  };
  const candidates = among ? among.filter((w) => w >= lo && w <= hi) : range(lo, hi);
  let values = 0;
  for (const w of candidates) {
    if (feasible(w)) values += 1;
    if (values >= POSSIBLE_VALUES) break;
  }
  return values;
}

/** lo, hi and the values between them, the ends first (they are known to be possible). */
function range(lo: number, hi: number): number[] {
  const inner: number[] = [];
  for (let w = lo + 1; w < hi && inner.length < POSSIBLE_VALUES; w += 1) inner.push(w);
  return lo === hi ? [lo] : [lo, hi, ...inner];
}
