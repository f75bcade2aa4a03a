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
 * "Per person" is one person who moves into work for the stated number of months. A period's
 * total is the value per person times the number who moved into work, minus what occurs once per
 * procurement (the municipality's extra cost of a procurement with requirements), each a line of
 * its own. Every parameter has a period of validity: a report uses the values valid on the last
 * day of its period.
 */

export const estimateParameterKeys = [
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

export type ParameterUnit = "months" | "sekPerMonth" | "percent" | "sek";

/** How each parameter is measured: percentages as 0–100 in the form, fractions in the formula. */
export const parameterUnits: Record<EstimateParameterKey, ParameterUnit> = {
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

export type ByStakeholder = Record<Stakeholder, number>;

/**
 * The value of one person moving into work for n months, per stakeholder, in whole kronor:
 *
 *   W  = grossWage × employmentShare                 (wage per month)
 *   L  = W × (1 + employerContributionRate)          (labour cost per month)
 *   individual   = n × (W × (1 − municipalTaxRate − regionTaxRate) − socialAssistance − stateBenefit)
 *   municipality = n × (W × municipalTaxRate + socialAssistance)
 *   state        = n × (W × regionTaxRate + W × employerContributionRate + stateBenefit − wageSubsidy)
 *   employer     = n × (productionFactor × L − L + wageSubsidy − supervisorWage × (1 + employerContributionRate) × supervisionShare)
 *                  − employerAdminCost
 *   society      = individual + municipality + state + employer
 *
 * Income tax is simplified to the local tax rates (no state income tax, no earned-income tax
 * credit). The page writes the same formulas in its own language (`pilot.formula.*`).
 */
export function perPersonEstimate(p: EstimateParameters): ByStakeholder {
  const pct = (v: number) => v / 100;
  const n = p.months;
  const W = p.grossWage * pct(p.employmentShare);
  const e = pct(p.employerContributionRate);
  const L = W * (1 + e);
  const individual = n * (W * (1 - pct(p.municipalTaxRate) - pct(p.regionTaxRate)) - p.socialAssistance - p.stateBenefit);
  const municipality = n * (W * pct(p.municipalTaxRate) + p.socialAssistance);
  const state = n * (W * pct(p.regionTaxRate) + W * e + p.stateBenefit - p.wageSubsidy);
  const supervision = p.supervisorWage * (1 + e) * pct(p.supervisionShare);
  const employer = n * (pct(p.productionFactor) * L - L + p.wageSubsidy - supervision) - p.employerAdminCost;
  const rounded = mapStakeholders((s) => Math.round({ individual, municipality, state, employer, society: 0 }[s]) + 0);
  // Society is the sum of the rounded lines, so that the page's figures add up to the krona.
  return { ...rounded, society: rounded.individual + rounded.municipality + rounded.state + rounded.employer };
}

export interface PeriodEstimate {
  /** Value per person × the number who moved into work. */
  fromWork: ByStakeholder;
  /** Once per procurement: the municipality's extra cost × the number of procurements, borne by the municipality (and so by society). */
  perProcurement: ByStakeholder;
  total: ByStakeholder;
}

/** The period's total, line by line: per person × the number into work, then the items that occur once per procurement. */
export function periodEstimate({
  perPerson,
  intoWork,
  procurements,
  procurementCost,
}: {
  perPerson: ByStakeholder;
  intoWork: number;
  procurements: number;
  procurementCost: number;
}): PeriodEstimate {
  const fromWork = mapStakeholders((s) => perPerson[s] * intoWork);
  const once = -Math.round(procurementCost) * procurements + 0;
  const perProcurement = mapStakeholders((s) => (s === "municipality" || s === "society" ? once : 0));
  return { fromWork, perProcurement, total: mapStakeholders((s) => fromWork[s] + perProcurement[s]) };
}

function mapStakeholders(f: (s: Stakeholder) => number): ByStakeholder {
  return Object.fromEntries(stakeholders.map((s) => [s, f(s)])) as ByStakeholder;
}

/** Bounds that keep the estimate meaningful; the form reports anything outside them. */
export function parameterInRange(key: EstimateParameterKey, value: number): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  switch (parameterUnits[key]) {
    case "percent":
      return value <= 100;
    case "months":
      return Number.isInteger(value) && value >= 1 && value <= 120;
    default:
      return value <= 100_000_000;
  }
}

/** A value of a parameter and the first day it applies; it applies until the next value of the same parameter begins. */
export interface ParameterValue {
  key: EstimateParameterKey;
  value: number;
  validFrom: string;
  source: string;
  isExample: boolean;
}

/** The value each parameter had on a day (ISO date), with the last day it held ("" while it still holds). */
export function valuesValidOn<T extends ParameterValue>(
  values: T[],
  day: string,
): { valid: (T & { validTo: string | null })[]; missing: EstimateParameterKey[] } {
  const valid: (T & { validTo: string | null })[] = [];
  const missing: EstimateParameterKey[] = [];
  for (const key of estimateParameterKeys) {
    const own = values.filter((v) => v.key === key).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    const begun = own.filter((v) => v.validFrom <= day);
    if (begun.length === 0) {
      missing.push(key);
      continue;
    }
    const next = own[begun.length];
    valid.push({ ...begun[begun.length - 1], validTo: next ? dayBefore(next.validFrom) : null });
  }
  return { valid, missing };
}

/** Every value with the last day it held, null for the values that still hold. */
export function withValidTo<T extends ParameterValue>(values: T[]): (T & { validTo: string | null })[] {
  return values.map((v) => {
    const next = values.filter((o) => o.key === v.key && o.validFrom > v.validFrom).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
    return { ...v, validTo: next ? dayBefore(next.validFrom) : null };
  });
}

function dayBefore(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function parameterValues(values: { key: EstimateParameterKey; value: number }[]): EstimateParameters | null {
  const byKey = Object.fromEntries(values.map((v) => [v.key, v.value]));
  return estimateParameterKeys.every((k) => typeof byKey[k] === "number") ? (byKey as EstimateParameters) : null;
}
