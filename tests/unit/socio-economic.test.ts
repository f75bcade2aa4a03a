import { describe, expect, it } from "vitest";
import { type EstimateParameters, parameterInRange, socioEconomicEstimate } from "../../app/domain/socio-economic";

/**
 * A worked example, computed by hand:
 *
 * One person (N = 1) works full time (100 %) for 12 months (n = 12) at a gross wage of 20 000 kr.
 *   W = 20 000 × 100 % = 20 000 kr a month
 *   employer contributions 30 %: 6 000; labour cost L = 26 000 kr a month
 *   municipal tax 20 %: 4 000; region tax 10 %: 2 000
 *   before: social assistance 8 000 kr a month, no state benefit
 *   wage subsidy 10 000 kr a month; production 80 % of labour cost = 20 800
 *   supervision: 30 000 × 1.30 × 10 % = 3 900 kr a month
 *   employer's one-off administration 10 000; municipality's procurement cost 40 000
 *
 * individual   = 12 × (20 000 × (1 − 0.20 − 0.10) − 8 000)        = 12 × (14 000 − 8 000)         =  72 000
 * municipality = 12 × (4 000 + 8 000) − 40 000                     = 144 000 − 40 000              = 104 000
 * state        = 12 × (2 000 + 6 000 + 0 − 10 000)                 = 12 × (−2 000)                 = −24 000
 * employer     = 12 × (20 800 − 26 000 + 10 000 − 3 900) − 10 000  = 12 × 900 − 10 000            =     800
 * society      = 72 000 + 104 000 − 24 000 + 800                                                  = 152 800
 * Check: society is production minus real costs: 12 × (20 800 − 3 900) − 40 000 − 10 000        = 152 800
 */
const workedExample: EstimateParameters = {
  persons: 1,
  months: 12,
  grossWage: 20_000,
  employmentShare: 100,
  employerContributionRate: 30,
  municipalTaxRate: 20,
  regionTaxRate: 10,
  socialAssistance: 8_000,
  stateBenefit: 0,
  wageSubsidy: 10_000,
  productionFactor: 80,
  supervisorWage: 30_000,
  supervisionShare: 10,
  employerAdminCost: 10_000,
  procurementCost: 40_000,
};

describe("the socio-economic estimate", () => {
  it("reproduces the worked example computed by hand", () => {
    expect(socioEconomicEstimate(workedExample).total).toEqual({
      individual: 72_000,
      municipality: 104_000,
      state: -24_000,
      employer: 800,
      society: 152_800,
    });
  });

  it("has transfers cancel out: society is production minus supervision, administration and procurement", () => {
    for (const persons of [1, 3, 10]) {
      const p = { ...workedExample, persons, months: 7, socialAssistance: 12_345, stateBenefit: 2_000, wageSubsidy: 4_000 };
      const labour = p.grossWage * 1.3;
      const expected = persons * 7 * (0.8 * labour - 30_000 * 1.3 * 0.1) - 40_000 - persons * 10_000;
      expect(socioEconomicEstimate(p).total.society).toBeCloseTo(expected, -1);
    }
  });

  it("gives the value per person, with the procurement cost shared", () => {
    const estimate = socioEconomicEstimate({ ...workedExample, persons: 2 });
    // municipality: 2 × 144 000 − 40 000 = 248 000, i.e. 124 000 each
    expect(estimate.total.municipality).toBe(248_000);
    expect(estimate.perPerson.municipality).toBe(124_000);
  });

  it("scales the wage by the employment share", () => {
    const half = socioEconomicEstimate({ ...workedExample, employmentShare: 50 });
    // individual: 12 × (10 000 × 0.7 − 8 000) = −12 000: part time on these figures leaves the person worse off.
    expect(half.total.individual).toBe(-12_000);
  });

  it("bounds the parameters", () => {
    expect(parameterInRange("municipalTaxRate", 101)).toBe(false);
    expect(parameterInRange("municipalTaxRate", 21.24)).toBe(true);
    expect(parameterInRange("persons", 1.5)).toBe(false);
    expect(parameterInRange("grossWage", -1)).toBe(false);
    expect(parameterInRange("grossWage", Number.NaN)).toBe(false);
  });
});
