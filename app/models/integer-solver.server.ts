import loadHighs, { type Highs } from "highs";
import type { IntegerModel, IntegerSolver, IntegerSystem } from "../domain/disclosure-audit";

/**
 * The integer-programming solver behind the disclosure audit: HiGHS (University of Edinburgh),
 * compiled to WebAssembly by the `highs` package. Loaded once per process; each audit loads its
 * system into a model of its own and changes only row bounds and the objective between solves.
 *
 * The report's systems are sums of counts, whose linear relaxation almost always has a whole-number
 * optimum at a vertex: each solve is first a linear program (simplex, about a millisecond here),
 * and only when its solution is not whole is the same model solved with integrality (about a
 * hundred times slower). A whole-number optimum of the relaxation is an optimum of the integer
 * program, so the answer is the same either way.
 */
let runtime: Promise<Highs> | null = null;

export async function integerSolver(): Promise<IntegerSolver> {
  const highs = await (runtime ??= loadHighs());
  return (system) => highsModel(highs, system);
}

function highsModel(highs: Highs, system: IntegerSystem): IntegerModel {
  const model = highs.createModel();
  const bound = (v: number) => (v === Infinity ? highs.infinity : v === -Infinity ? -highs.infinity : v);
  try {
    // Exact optima: the gaps are in whole counts, so any gap below 1 would do; none is simplest.
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
    const n = system.variables;
    model.addVars(new Array<number>(n).fill(0), new Array<number>(n).fill(system.upper));
    for (const row of system.rows) {
      // HiGHS wants each column once per row.
      const merged = new Map<number, number>();
      row.variables.forEach((v, k) => merged.set(v, (merged.get(v) ?? 0) + row.coefficients[k]));
      model.addRow(bound(row.min), bound(row.max), { indices: [...merged.keys()], values: [...merged.values()] });
    }
  } catch (error) {
    model.dispose();
    throw error;
  }
  const zero = new Float64Array(system.variables);
  const all = { kind: "range", from: 0, to: Math.max(0, system.variables - 1) } as const;
  const integrality = (type: 0 | 1) => {
    if (system.variables > 0) model.changeColsIntegrality(all, new Array(system.variables).fill(type));
  };
  const solve = (): number | null => {
    model.run();
    const status = model.getModelStatus();
    if (status === highs.constants.modelStatus.optimal) return model.getObjectiveValue();
    if (status === highs.constants.modelStatus.infeasible) return null;
    throw new Error(`The integer solver stopped with status ${status}`);
  };
  return {
    setBounds(row, min, max) {
      model.changeRowBounds(row, bound(min), bound(max));
    },
    optimise(variables, sense) {
      const costs = zero.slice();
      for (const v of variables) costs[v] += 1;
      if (system.variables > 0) model.changeColsCost(all, costs);
      model.changeObjectiveSense(sense === "min" ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
      const relaxed = solve();
      if (relaxed === null) return null;
      if (model.getSolution().colValue.every((v) => Math.abs(v - Math.round(v)) < 1e-6)) return Math.round(relaxed);
      integrality(highs.constants.variableType.integer);
      try {
        const exact = solve();
        return exact === null ? null : Math.round(exact);
      } finally {
        integrality(highs.constants.variableType.continuous);
      }
    },
    dispose() {
      model.dispose();
    },
  };
}
