import { describe, expect, it } from "vitest";
import { en } from "../../app/locales/en";
import { sv } from "../../app/locales/sv";
import {
  type EstimateParameters,
  type ParameterValue,
  estimateParameterKeys,
  parameterInRange,
  perPersonEstimate,
  periodEstimate,
  stakeholders,
  valuesValidOn,
} from "../../app/domain/socio-economic";

/**
 * A worked example, computed by hand:
 *
 * One person works full time (100 %) for 12 months (n = 12) at a gross wage of 20 000 kr.
 *   W = 20 000 × 100 % = 20 000 kr a month
 *   employer contributions 30 %: 6 000; labour cost L = 26 000 kr a month
 *   municipal tax 20 %: 4 000; region tax 10 %: 2 000
 *   before: social assistance 8 000 kr a month, no state benefit
 *   wage subsidy 10 000 kr a month; production 80 % of labour cost = 20 800
 *   supervision: 30 000 × 1.30 × 10 % = 3 900 kr a month
 *   employer's administration 10 000 once per person; municipality's extra cost 40 000 per procurement
 *
 * Per person (no per-procurement cost in it):
 *   individual   = 12 × (20 000 × (1 − 0.20 − 0.10) − 8 000)        = 12 × (14 000 − 8 000)  =  72 000
 *   municipality = 12 × (4 000 + 8 000)                              = 12 × 12 000           = 144 000
 *   state        = 12 × (2 000 + 6 000 + 0 − 10 000)                 = 12 × (−2 000)         = −24 000
 *   employer     = 12 × (20 800 − 26 000 + 10 000 − 3 900) − 10 000  = 12 × 900 − 10 000    =     800
 *   society      = 72 000 + 144 000 − 24 000 + 800                                           = 192 800
 *   Check: society is production minus real costs: 12 × (20 800 − 3 900) − 10 000          = 192 800
 *
 * A period in which 5 people moved into work, in 2 procurements:
 *   per person × 5: individual 360 000, municipality 720 000, state −120 000, employer 4 000, society 964 000
 *   once per procurement: −40 000 × 2 = −80 000 for the municipality, and so for society
 *   total:          individual 360 000, municipality 640 000, state −120 000, employer 4 000, society 884 000
 */
const workedExample: EstimateParameters = {
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
  it("reproduces the worked example per person, computed by hand", () => {
    expect(perPersonEstimate(workedExample)).toEqual({ individual: 72_000, municipality: 144_000, state: -24_000, employer: 800, society: 192_800 });
  });

  it("reproduces the worked example's period: per person × those into work, then once per procurement, line by line", () => {
    const period = periodEstimate({
      perPerson: perPersonEstimate(workedExample),
      intoWork: 5,
      procurements: 2,
      procurementCost: workedExample.procurementCost,
    });
    expect(period.fromWork).toEqual({ individual: 360_000, municipality: 720_000, state: -120_000, employer: 4_000, society: 964_000 });
    expect(period.perProcurement).toEqual({ individual: 0, municipality: -80_000, state: 0, employer: 0, society: -80_000 });
    expect(period.total).toEqual({ individual: 360_000, municipality: 640_000, state: -120_000, employer: 4_000, society: 884_000 });
  });

  it("does not take the procurement cost from one person's value (the report showed 120 250 for the municipality where 1 722 754 / 11 is 156 614)", () => {
    const demo = {
      ...workedExample,
      grossWage: 20_500,
      employerContributionRate: 31.42,
      municipalTaxRate: 21.24,
      regionTaxRate: 11.18,
      socialAssistance: 9_000,
      wageSubsidy: 0,
    };
    // 12 × (20 500 × 21.24 % + 9 000) = 12 × 13 354.2 = 160 250.4
    expect(perPersonEstimate(demo).municipality).toBe(160_250);
  });

  it("adds up to the krona: every total is its lines' sum, society the stakeholders' sum (property over many inputs)", () => {
    for (let i = 0; i < 200; i += 1) {
      const p = Object.fromEntries(
        estimateParameterKeys.map((k) => [k, workedExample[k] * (0.5 + ((i * 37 + k.length * 13) % 100) / 100)]),
      ) as EstimateParameters;
      p.months = 1 + (i % 24);
      const perPerson = perPersonEstimate(p);
      expect(perPerson.society).toBe(perPerson.individual + perPerson.municipality + perPerson.state + perPerson.employer);
      for (const s of stakeholders) expect(Number.isInteger(perPerson[s])).toBe(true);
      const intoWork = i % 7;
      const procurements = i % 3;
      const period = periodEstimate({ perPerson, intoWork, procurements, procurementCost: p.procurementCost });
      for (const s of stakeholders) {
        expect(period.fromWork[s]).toBe(perPerson[s] * intoWork);
        expect(period.total[s]).toBe(period.fromWork[s] + period.perProcurement[s]);
      }
      // Transfers cancel: society is production minus supervision and administration, whatever the taxes and benefits.
      const labour = p.grossWage * (p.employmentShare / 100) * (1 + p.employerContributionRate / 100);
      const supervision = p.supervisorWage * (1 + p.employerContributionRate / 100) * (p.supervisionShare / 100);
      const real = p.months * ((p.productionFactor / 100) * labour - supervision) - p.employerAdminCost;
      expect(Math.abs(perPerson.society - real)).toBeLessThanOrEqual(2);
    }
  });

  it("scales the wage by the employment share", () => {
    // individual: 12 × (10 000 × 0.7 − 8 000) = −12 000: part time on these figures leaves the person worse off.
    expect(perPersonEstimate({ ...workedExample, employmentShare: 50 }).individual).toBe(-12_000);
  });

  it("bounds the parameters", () => {
    expect(parameterInRange("municipalTaxRate", 101)).toBe(false);
    expect(parameterInRange("municipalTaxRate", 21.24)).toBe(true);
    expect(parameterInRange("months", 1.5)).toBe(false);
    expect(parameterInRange("months", 0)).toBe(false);
    expect(parameterInRange("grossWage", -1)).toBe(false);
    expect(parameterInRange("grossWage", Number.NaN)).toBe(false);
  });
});

describe("parameters with periods of validity", () => {
  const value = (key: ParameterValue["key"], amount: number, validFrom: string): ParameterValue => ({
    key,
    value: amount,
    validFrom,
    source: "test",
    isExample: false,
  });
  const all2023 = estimateParameterKeys.map((key) => value(key, workedExample[key], "2023-01-01"));

  it("uses for a day the value that had begun by then, whatever is entered for later (the 2025 tax rate left 2023 alone)", () => {
    const values = [...all2023, value("municipalTaxRate", 22, "2025-01-01")];
    const on2023 = valuesValidOn(values, "2023-12-31");
    expect(on2023.missing).toEqual([]);
    expect(on2023.valid.find((v) => v.key === "municipalTaxRate")).toMatchObject({ value: 20, validFrom: "2023-01-01", validTo: "2024-12-31" });
    expect(valuesValidOn(values, "2025-06-30").valid.find((v) => v.key === "municipalTaxRate")).toMatchObject({ value: 22, validTo: null });
  });

  it("names the parameters that have no value yet on a day, rather than take a later one", () => {
    const { missing, valid } = valuesValidOn([value("months", 12, "2024-01-01")], "2023-12-31");
    expect(missing).toEqual(estimateParameterKeys);
    expect(valid).toEqual([]);
  });
});

describe("the formulas on the page", () => {
  it("are written with the page's own symbols, each defined, and no code names", () => {
    for (const messages of [sv, en] as Record<string, string>[]) {
      const symbols = Object.keys(messages)
        .filter((k) => k.startsWith("pilot.symbol."))
        .map((k) => k.slice("pilot.symbol.".length));
      for (const s of stakeholders) {
        const formula = messages[`pilot.formula.${s}`];
        for (const [, name] of formula.matchAll(/\{(\w+)\}/g)) expect(symbols, `${s}: {${name}}`).toContain(name);
        // What the reader sees after the symbols are put in: no camelCase names of the code.
        const shown = formula.replace(/\{(\w+)\}/g, (_, name: string) => messages[`pilot.symbol.${name}`]);
        expect(shown).not.toMatch(/[a-z][A-Z]/);
      }
      // One symbol, one meaning.
      const letters = symbols.map((name) => messages[`pilot.symbol.${name}`]);
      expect(new Set(letters).size).toBe(letters.length);
    }
  });
});
