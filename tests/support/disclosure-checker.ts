/**
 * An independent check of the pilot report's small-number suppression (decision 010), written
 * apart from the suppression code and solved with another solver (GLPK, through `glpk.js`).
 *
 * It takes what the publications put out — each figure by the labels of the JSON export (table,
 * row, column), a number or null for ".." — and the register rows each publication counted, and
 * asks: which values can each hidden figure still take, given every published figure of every
 * publication? The reader is granted everything: counts are whole and never negative, what the
 * mark for a hidden figure claims (".." claims nothing; the earlier "<5", with every zero shown as
 * 0, meant at least 1), and that the rows that read the same in two publications are the same people.
 *
 * Its unknowns are finer than the suppression's: per row, the twelve cells of "social assistance at
 * the start (yes/no) × outcome (six columns)", a joint table no publication shows, of which every
 * published figure is a sum.
 *
 * Two readers are checked. The one ".." leaves with nothing more (a hidden figure is any whole
 * number from 0 up): a hidden figure fails when it has a single possible value, and a count of 1–4
 * when it has fewer than three possible values from 1 to 4. The one who counts on zero always
 * being shown as "0" (a hidden figure is at least 1): a hidden figure fails when it has fewer than
 * three possible values. A group of people that only a difference between publications describes
 * (a "sliver") is checked the same way when it is 1–4.
 */
import GLPK from "glpk.js/node";

export interface CheckedRow {
  procurementId: number;
  gender: "women" | "men" | "other";
  periodFrom: string;
  periodTo: string;
  participants: number;
  onSocialAssistance: number;
  outcomes: { work: number; studies: number; unemployment_benefit: number; social_assistance: number; other_unknown: number };
}

export interface PublishedFigure {
  table: string;
  row: string;
  column: string;
  /** null when the publication shows "..". */
  value: number | null;
  procurementId?: number;
}

export interface CheckedPublication {
  rows: CheckedRow[];
  figures: PublishedFigure[];
}

export interface Exposure {
  what: string;
  value: number;
  least: number;
  greatest: number;
  /** Up to the first three values found possible (from 1 to 4 for a small count). */
  possible: number[];
}

const UNBOUNDED = 10_000;
const columns = ["work", "studies", "unemployment_benefit", "social_assistance", "other_unknown", "not_followed_up"] as const;
type Column = (typeof columns)[number];
const starts = ["yes", "no"] as const;
type Start = (typeof starts)[number];

/** A layer: the people of one row, or what one row gained between two publications. */
interface Layer {
  procurementId: number;
  gender: CheckedRow["gender"];
  marginals: Record<string, number>;
  publications: Set<number>;
}

function marginalsOf(row: CheckedRow): Record<string, number> {
  const followed = Object.values(row.outcomes).reduce((s, n) => s + n, 0);
  return {
    yes: row.onSocialAssistance,
    no: row.participants - row.onSocialAssistance,
    ...row.outcomes,
    not_followed_up: row.participants - followed,
  };
}

/** Which cells of the joint table a figure adds up, and over which rows, from its labels alone. */
function selection(figure: Pick<PublishedFigure, "table" | "row" | "column" | "procurementId">): {
  gender: string;
  procurementId: number | null;
  cells: [Start, Column][];
} {
  const every = (s: readonly Start[], c: readonly Column[]) => s.flatMap((x) => c.map((y) => [x, y] as [Start, Column]));
  switch (figure.table) {
    case "participants": {
      const s = figure.column === "total" ? starts : figure.column === "on_social_assistance" ? (["yes"] as const) : (["no"] as const);
      if (!["total", "on_social_assistance", "not_on_social_assistance"].includes(figure.column)) break;
      return { gender: figure.row, procurementId: null, cells: every(s, columns) };
    }
    case "outcomes":
      if (!(columns as readonly string[]).includes(figure.column)) break;
      return { gender: figure.row, procurementId: null, cells: every(starts, [figure.column as Column]) };
    case "outcome_groups":
      if (figure.column === "work_or_studies") return { gender: figure.row, procurementId: null, cells: every(starts, ["work", "studies"]) };
      if (figure.column === "benefit_or_assistance") {
        return { gender: figure.row, procurementId: null, cells: every(starts, ["unemployment_benefit", "social_assistance"]) };
      }
      break;
    case "participants_by_procurement":
      if (figure.procurementId === undefined) break;
      return { gender: figure.column, procurementId: figure.procurementId, cells: every(starts, columns) };
  }
  throw new Error(`The checker does not know the figure ${figure.table}/${figure.row}/${figure.column}`);
}

export interface Reader {
  /** What the reader takes a hidden figure to be at least. */
  hiddenAtLeast: number;
  /** How many values protect a count of 1–4: three within 1–4, or three anywhere. */
  smallCounts: "threeWithinOneToFour" | "threeAnywhere";
  /** How many values protect any hidden figure. */
  anyHidden: number;
}

export const readers = {
  nothingMore: { hiddenAtLeast: 0, smallCounts: "threeWithinOneToFour", anyHidden: 2 },
  zerosShown: { hiddenAtLeast: 1, smallCounts: "threeAnywhere", anyHidden: 3 },
} as const satisfies Record<string, Reader>;

export async function disclosureExposures(publications: CheckedPublication[], reader: Reader): Promise<Exposure[]> {
  const glpk = await GLPK();
  // Layers, in the order the publications were made.
  const layers: Layer[] = [];
  const latest = new Map<string, { marginals: Record<string, number>; layers: number[] }>();
  publications.forEach((publication, index) => {
    for (const row of publication.rows) {
      const key = `${row.procurementId}/${row.periodFrom}/${row.periodTo}/${row.gender}`;
      const marginals = marginalsOf(row);
      const before = latest.get(key);
      const add = (m: Record<string, number>) =>
        layers.push({ procurementId: row.procurementId, gender: row.gender, marginals: m, publications: new Set() }) - 1;
      let chain: number[];
      if (!before) chain = [add(marginals)];
      else if (Object.keys(marginals).every((k) => marginals[k] === before.marginals[k])) chain = before.layers;
      else {
        const gain = Object.fromEntries(Object.keys(marginals).map((k) => [k, marginals[k] - before.marginals[k]]));
        chain = Object.values(gain).every((n) => n >= 0) ? [...before.layers, add(gain)] : [add(marginals)];
      }
      latest.set(key, { marginals, layers: chain });
      for (const l of chain) layers[l].publications.add(index);
    }
  });
  const variable = (layer: number, s: Start, c: Column) => `x${layer}_${s}_${c}`;
  const allVariables = layers.flatMap((_, l) => starts.flatMap((s) => columns.map((c) => variable(l, s, c))));
  const termsOf = (figure: Pick<PublishedFigure, "table" | "row" | "column" | "procurementId">, inLayer: (layer: Layer) => boolean) => {
    const { gender, procurementId, cells } = selection(figure);
    return layers.flatMap((layer, l) =>
      inLayer(layer) && (gender === "all" || layer.gender === gender) && (procurementId === null || layer.procurementId === procurementId)
        ? cells.map(([s, c]) => variable(l, s, c))
        : [],
    );
  };
  const trueValueOf = (figure: Pick<PublishedFigure, "table" | "row" | "column" | "procurementId">, inLayer: (layer: Layer) => boolean) => {
    const { gender, procurementId, cells } = selection(figure);
    const rowsOf = new Set(cells.map(([s]) => s));
    const columnsOf = new Set(cells.map(([, c]) => c));
    // A figure takes whole rows or whole columns of the joint table, so its margins give its value.
    const ofLayer = (layer: Layer) =>
      rowsOf.size === 2 ? [...columnsOf].reduce((s, c) => s + layer.marginals[c], 0) : [...rowsOf].reduce((s, x) => s + layer.marginals[x], 0);
    return layers
      .filter((layer) => inLayer(layer) && (gender === "all" || layer.gender === gender) && (procurementId === null || layer.procurementId === procurementId))
      .reduce((sum, layer) => sum + ofLayer(layer), 0);
  };

  const published = publications.flatMap((publication, index) =>
    publication.figures.map((figure) => {
      const terms = termsOf(figure, (layer) => layer.publications.has(index));
      const truth = trueValueOf(figure, (layer) => layer.publications.has(index));
      if (figure.value !== null && figure.value !== truth) {
        throw new Error(`Publication ${index} shows ${figure.value} for ${label(figure)}, but its rows give ${truth}`);
      }
      return { what: `${index}: ${label(figure)}`, terms, value: truth, hidden: figure.value === null };
    }),
  );

  // The joint tables' cells are the only unknowns: the two ways of counting a row add up by themselves.
  const base = [
    ...published.map((f, i) => ({ name: `f${i}`, vars: f.terms, lb: f.hidden ? reader.hiddenAtLeast : f.value, ub: f.hidden ? Infinity : f.value })),
  ];
  const solve = (objective: string[], direction: number, extra: { vars: string[]; value: number } | null): number | null => {
    const rows = extra ? [...base, { name: "probe", vars: extra.vars, lb: extra.value, ub: extra.value }] : base;
    const lp = {
      name: "disclosure",
      objective: { direction, name: "z", vars: objective.map((name) => ({ name, coef: 1 })) },
      subjectTo: rows.map((row) => ({
        name: row.name,
        vars: row.vars.map((name) => ({ name, coef: 1 })),
        bnds:
          row.ub === Infinity
            ? { type: glpk.GLP_LO, lb: row.lb, ub: 0 }
            : row.lb === row.ub
              ? { type: glpk.GLP_FX, lb: row.lb, ub: row.ub }
              : { type: glpk.GLP_DB, lb: row.lb, ub: row.ub },
      })),
      // A cap far above any count keeps every optimum finite; reaching it reads as "unbounded".
      bounds: allVariables.map((name) => ({ name, type: glpk.GLP_DB, lb: 0, ub: UNBOUNDED })),
    };
    // Without the presolver GLPK names every outcome (with it, an infeasible probe can end "undefined").
    const relaxed = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: false });
    if (relaxed.result.status === glpk.GLP_NOFEAS || relaxed.result.status === glpk.GLP_INFEAS) return null;
    if (relaxed.result.status !== glpk.GLP_OPT) throw new Error(`GLPK ended with status ${relaxed.result.status}`);
    if (Object.values(relaxed.result.vars).every((v) => Math.abs(v - Math.round(v)) < 1e-7)) return Math.round(relaxed.result.z);
    const exact = glpk.solve({ ...lp, generals: allVariables }, { msglev: glpk.GLP_MSG_OFF });
    if (exact.result.status === glpk.GLP_NOFEAS) return null;
    if (exact.result.status !== glpk.GLP_OPT) throw new Error(`GLPK ended with status ${exact.result.status}`);
    return Math.round(exact.result.z);
  };

  const exposures: Exposure[] = [];
  for (const f of published) {
    if (f.hidden && f.value < reader.hiddenAtLeast) throw new Error(`${f.what} is hidden and ${f.value}: the reader would be told wrong`);
    // Nothing from 1 to 4 is ever shown.
    if (!f.hidden && f.value >= 1 && f.value <= 4) exposures.push({ what: f.what, value: f.value, least: f.value, greatest: f.value, possible: [f.value] });
  }
  const check = (what: string, terms: string[], value: number) => {
    const least = solve(terms, glpk.GLP_MIN, null);
    const greatest = solve(terms, glpk.GLP_MAX, null);
    if (least === null || greatest === null) throw new Error(`No register fits what was published (at ${what})`);
    const small = value >= 1 && value <= 4;
    const withinOneToFour = small && reader.smallCounts === "threeWithinOneToFour";
    const needed = small ? 3 : reader.anyHidden;
    const candidates: number[] = [];
    if (withinOneToFour) for (let w = Math.max(1, least); w <= Math.min(4, greatest); w += 1) candidates.push(w);
    else for (let w = least; w <= greatest && candidates.length < 5; w += 1) candidates.push(w);
    const possible: number[] = [];
    for (const w of candidates) {
      if (w === value || w === least || w === greatest || solve([], glpk.GLP_MIN, { vars: terms, value: w }) !== null) possible.push(w);
      if (possible.length >= needed) return;
    }
    exposures.push({ what, value, least, greatest, possible });
  };

  for (const f of published) if (f.hidden) check(f.what, f.terms, f.value);

  // Slivers: the people that exactly the same publications count, for every figure's definition.
  if (publications.length > 1) {
    const signature = (layer: Layer) => [...layer.publications].sort().join(",");
    const shownSums = new Set(published.map((f) => [...f.terms].sort().join(" ")));
    const definitions = new Map(publications.flatMap((p) => p.figures).map((f) => [label(f), f]));
    for (const sig of new Set(layers.map(signature))) {
      for (const [name, figure] of definitions) {
        const inSliver = (layer: Layer) => signature(layer) === sig;
        const value = trueValueOf(figure, inSliver);
        const terms = termsOf(figure, inSliver);
        if (value >= 1 && value <= 4 && !shownSums.has([...terms].sort().join(" "))) check(`only in publications ${sig}: ${name}`, terms, value);
      }
    }
  }
  return exposures;
}

function label(figure: Pick<PublishedFigure, "table" | "row" | "column" | "procurementId">): string {
  return [figure.table, figure.procurementId ?? figure.row, figure.column].join("/");
}
