import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveCpvCode, searchCpvCodes } from "../../app/domain/cpv-search";
import { allCpvCodes } from "../../app/domain/cpv";
import { offeringSchema } from "../../app/forms/offering-form";
import { capacityLineSchema, organisationProfileSchema, withHttps } from "../../app/utils/forms";
import { parseDirectoryQuery } from "../../app/utils/directory-query";
import { readFields } from "../support/form-submission";

describe("the CPV field finds codes by everyday Swedish words", () => {
  // The vocabulary (9,454 codes) and its word index are built on first use.
  beforeAll(() => void searchCpvCodes("sallad"), 60_000);
  it("finds prepared meals for 'sallad' and 'grönsaker'", () => {
    expect(searchCpvCodes("sallad").map((c) => c.code)).toContain("15894200-3");
    expect(searchCpvCodes("grönsaker").map((c) => c.code)).toContain("15894200-3");
    expect(searchCpvCodes("Städning").map((c) => c.code)[0]).toBe("90910000-9");
  });
  it("takes a code, a code with its label, or the one code that words match", () => {
    expect(resolveCpvCode("15894200-3 Färdiglagad mat")).toEqual({ ok: true, code: "15894200-3" });
    expect(resolveCpvCode("sallad")).toEqual({ ok: true, code: "15894200-3" });
    expect(resolveCpvCode("fönsterputs")).toEqual({ ok: true, code: "90911300-9" });
  });
  it("offers a choice when words fit several codes, and nothing for nonsense", () => {
    const catering = resolveCpvCode("catering");
    expect(catering.ok).toBe(false);
    expect(!catering.ok && catering.suggestions.length).toBeGreaterThan(1);
    expect(resolveCpvCode("qwxyz")).toEqual({ ok: false, suggestions: [] });
  });
  it("every code is found by its own Swedish and English label", () => {
    const missed = allCpvCodes().filter((c) => !searchCpvCodes(c.sv).some((m) => m.code === c.code) || !searchCpvCodes(c.en).some((m) => m.code === c.code));
    expect(missed).toEqual([]);
  }, 120_000);
  it("the offering form accepts a suggestion picked after an ambiguous word", () => {
    const parsed = readFields(offeringSchema, { title: "Lunch", description: "", cpvCode: "catering", cpvChoice: "55520000-1", unit: "portions" });
    expect(parsed).toMatchObject({ ok: true, data: { cpvCode: "55520000-1" } });
    expect(readFields(offeringSchema, { title: "Lunch", description: "", cpvCode: "catering", unit: "portions" })).toMatchObject({
      ok: false,
      errors: { cpvCode: { key: "form.cpvChoose" } },
    });
  });
});

describe("the website field", () => {
  it("accepts a bare domain and stores it as https", () => {
    expect(withHttps("gronahander.se")).toBe("https://gronahander.se");
    expect(withHttps(" www.gronahander.se/om-oss ")).toBe("https://www.gronahander.se/om-oss");
    expect(withHttps("http://gronahander.se")).toBe("http://gronahander.se");
    const parsed = readFields(organisationProfileSchema, {
      name: "Gröna Händer",
      orgNumber: "556036-0793",
      kind: "work_integrating",
      website: "gronahander.se",
      serviceAreas: [],
    });
    expect(parsed).toMatchObject({ ok: true, data: { website: "https://gronahander.se" } });
  });
  it("still refuses what is no address", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{1,20}$/), (word) => {
        const result = readFields(organisationProfileSchema, { name: "X", orgNumber: "556036-0793", kind: "hybrid", website: word, serviceAreas: [] });
        return word.trim() === "" || (!result.ok && result.errors.website?.key === "form.url");
      }),
    );
  });
  it("says that a description is too long rather than cutting it", () => {
    const result = readFields(organisationProfileSchema, {
      name: "X",
      orgNumber: "556036-0793",
      kind: "hybrid",
      description: "a".repeat(4001),
      serviceAreas: [],
    });
    expect(result).toMatchObject({ ok: false, errors: { description: { key: "form.tooLong", values: { max: 4000 } } } });
  });
});

describe("a new capacity line", () => {
  it("needs at least one day when it is per weekday", () => {
    expect(readFields(capacityLineSchema, { quantity: "5", period: "weekday", weekdays: [] })).toMatchObject({
      ok: false,
      errors: { weekdays: { key: "form.weekdays" } },
    });
  });
});

describe("the directory lists suppliers unless asked for other kinds", () => {
  it("defaults to the supplier kinds and keeps an explicit choice", () => {
    expect(parseDirectoryQuery(new URLSearchParams("q=sallad")).kind.sort()).toEqual(["hybrid", "social_organisation", "work_integrating"]);
    expect(parseDirectoryQuery(new URLSearchParams("kind=buyer")).kind).toEqual(["buyer"]);
  });
});
