/**
 * A socio-economic estimate of people moving from unemployment into work, an apprenticeship or an
 * internship, built on the structure of Upphandlingsmyndigheten's calculation model for
 * employment requirements ("Samhällsekonomisk beräkningsmodell för sysselsättningskrav"):
 *
 * - the value is counted per stakeholder — the individual, the municipality, the state (with the
 *   region: "myndigheter"), the employer — and for society as a whole, which is their sum, so that
 *   transfers between them (taxes, social assistance, wage subsidies) cancel out;
 * - the person is assumed to have stayed unemployed otherwise, for the whole period;
 * - no long-term or dynamic effects (later employment, health, displacement) are counted.
 *
 * This is a simplified, open version: every parameter is stored with its value, unit, source and
 * date, and the figures shipped with the app are example values whose sources are to be verified.
 */

export const estimateParameterKeys = [
  "persons",
  "months",
  "grossWage",
  "employmentShare",
  "employerContributionRate",
  "municipalTaxRate",
  "regionTaxRate",
  "socialAssistance",
  "stateBenefit",
  "wageSubsidy",
  "productionFactor",
  "supervisorWage",
  "supervisionShare",
  "employerAdminCost",
  "procurementCost",
] as const;
export type EstimateParameterKey = (typeof estimateParameterKeys)[number];

export type EstimateParameters = Record<EstimateParameterKey, number>;

/** How each parameter is entered: percentages as 0–100 in the form, fractions in the formula. */
export const parameterUnits: Record<EstimateParameterKey, "persons" | "months" | "sekPerMonth" | "percent" | "sek"> = {
  persons: "persons",
  months: "months",
  grossWage: "sekPerMonth",
  employmentShare: "percent",
  employerContributionRate: "percent",
  municipalTaxRate: "percent",
  regionTaxRate: "percent",
  socialAssistance: "sekPerMonth",
  stateBenefit: "sekPerMonth",
  wageSubsidy: "sekPerMonth",
  productionFactor: "percent",
  supervisorWage: "sekPerMonth",
  supervisionShare: "percent",
  employerAdminCost: "sek",
  procurementCost: "sek",
};

export const stakeholders = ["individual", "municipality", "state", "employer", "society"] as const;
export type Stakeholder = (typeof stakeholders)[number];

export interface Estimate {
  /** Whole period, all persons, SEK rounded to whole kronor. */
  total: Record<Stakeholder, number>;
  /** The same per person. */
  perPerson: Record<Stakeholder, number>;
}

/**
 * The formula, in the words shown next to the result (the same terms as the parameters):
 *
 *   W  = grossWage × employmentShare                 (wage per month)
 *   L  = W × (1 + employerContributionRate)          (labour cost per month)
 *   individual   = N × n × (W × (1 − municipalTaxRate − regionTaxRate) − socialAssistance − stateBenefit)
 *   municipality = N × n × (W × municipalTaxRate + socialAssistance) − procurementCost
 *   state        = N × n × (W × regionTaxRate + W × employerContributionRate + stateBenefit − wageSubsidy)
 *   employer     = N × n × (productionFactor × L − L + wageSubsidy
 *                           − supervisorWage × (1 + employerContributionRate) × supervisionShare)
 *                  − N × employerAdminCost
 *   society      = individual + municipality + state + employer
 *
 * N is the number of persons and n the number of months. Income tax is simplified to the local
 * tax rates (no state income tax, no earned-income tax credit), as the stored parameters say.
 */
export function socioEconomicEstimate(p: EstimateParameters): Estimate {
  const pct = (v: number) => v / 100;
  const N = p.persons;
  const n = p.months;
  const W = p.grossWage * pct(p.employmentShare);
  const e = pct(p.employerContributionRate);
  const L = W * (1 + e);
  const personMonths = N * n;
  const individual = personMonths * (W * (1 - pct(p.municipalTaxRate) - pct(p.regionTaxRate)) - p.socialAssistance - p.stateBenefit);
  const municipality = personMonths * (W * pct(p.municipalTaxRate) + p.socialAssistance) - p.procurementCost;
  const state = personMonths * (W * pct(p.regionTaxRate) + W * e + p.stateBenefit - p.wageSubsidy);
  const supervision = p.supervisorWage * (1 + e) * pct(p.supervisionShare);
  const employer = personMonths * (pct(p.productionFactor) * L - L + p.wageSubsidy - supervision) - N * p.employerAdminCost;
  const total = { individual, municipality, state, employer, society: individual + municipality + state + employer };
  const round = (v: number) => Math.round(v) + 0;
  return {
    total: mapStakeholders((s) => round(total[s])),
    perPerson: mapStakeholders((s) => (N > 0 ? round(total[s] / N) : 0)),
  };
}

function mapStakeholders(f: (s: Stakeholder) => number): Record<Stakeholder, number> {
  return Object.fromEntries(stakeholders.map((s) => [s, f(s)])) as Record<Stakeholder, number>;
}

/** Bounds that keep the estimate meaningful; the form reports anything outside them. */
export function parameterInRange(key: EstimateParameterKey, value: number): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  switch (parameterUnits[key]) {
    case "percent":
      return value <= 100;
    case "persons":
      return Number.isInteger(value) && value <= 100_000;
    case "months":
      return value <= 120;
    default:
      return value <= 100_000_000;
  }
}

/** The formula per stakeholder as shown on the page (parameter names replaced by the page's labels). */
export const formulaLines: Record<Stakeholder, string> = {
  individual: "N × n × (W × (1 − municipalTaxRate − regionTaxRate) − socialAssistance − stateBenefit)",
  municipality: "N × n × (W × municipalTaxRate + socialAssistance) − procurementCost",
  state: "N × n × (W × regionTaxRate + W × employerContributionRate + stateBenefit − wageSubsidy)",
  employer:
    "N × n × (productionFactor × L − L + wageSubsidy − supervisorWage × (1 + employerContributionRate) × supervisionShare) − N × employerAdminCost",
  society: "individual + municipality + state + employer",
};
