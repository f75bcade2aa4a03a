import { beforeAll, describe, expect, it } from "vitest";
import { cpvChoices, withCpvChoice } from "../../app/forms/cpv-field";
import { cpvSuggestions, resolveCpvCode, searchCpvCodes } from "../../app/domain/cpv-search";
import { offeringSchema } from "../../app/forms/offering-form";
import { readFields } from "../support/form-submission";

const offering = (fields: Record<string, string>) => readFields(offeringSchema, { title: "Cykelservice", description: "", unit: "hours", ...fields });

describe("the CPV field takes any code of the CPV 2008, and words in both languages", () => {
  beforeAll(() => void searchCpvCodes("cykel"), 60_000);

  it("accepts 50116000-1, with or without its check digit, and a suggestion's code and label", () => {
    expect(resolveCpvCode("50116000-1")).toEqual({ ok: true, code: "50116000-1" });
    expect(resolveCpvCode("50116000")).toEqual({ ok: true, code: "50116000-1" });
    expect(resolveCpvCode("50116000-1 Underhåll och reparation av specialdelar till fordon")).toEqual({ ok: true, code: "50116000-1" });
    expect(offering({ cpvCode: "50116000-1" })).toMatchObject({ ok: true, data: { cpvCode: "50116000-1" } });
    // A wrong check digit is a typing error: the code with those digits is offered instead.
    expect(resolveCpvCode("50116000-2")).toEqual({ ok: false, suggestions: ["50116000-1"] });
  });

  it("finds the bicycle codes for 'cykel', and takes the one picked", () => {
    const found = searchCpvCodes("cykel").map((c) => c.code);
    // Cyklar, Delar och tillbehör till cyklar, Cykeldäck, Cykellås, Cykelhjälmar.
    expect(found).toEqual(expect.arrayContaining(["34430000-0", "34432000-4", "34432100-5", "34913510-8", "18444112-1"]));
    const typed = offering({ cpvCode: "cykel" });
    expect(typed).toMatchObject({ ok: false, errors: { cpvCode: { key: "form.cpvChoose" } } });
    const choices = cpvChoices(typed.ok ? undefined : typed.errors.cpvCode, "cykel").map((c) => c.code);
    expect(choices).toContain("34430000-0");
    expect(offering({ cpvCode: "cykel", cpvChoice: "34430000-0" })).toMatchObject({ ok: true, data: { cpvCode: "34430000-0" } });
    expect(searchCpvCodes("bicycle").map((c) => c.code)).toContain("34430000-0");
    // A compound no label holds counts by its part.
    expect(searchCpvCodes("lastcykel").map((c) => c.code)).toContain("34430000-0");
  });

  it("finds a word inside the labels' compound words", () => {
    expect(searchCpvCodes("städning").map((c) => c.code)).toEqual(expect.arrayContaining(["90919200-4", "90910000-9"]));
    // A label with the word whole comes before one with it inside a compound.
    const found = searchCpvCodes("städning").map((c) => c.code);
    expect(found.indexOf("90910000-9")).toBeLessThan(found.indexOf("90919200-4"));
  });

  it("keeps the everyday words: 'sallad' still names prepared meals", () => {
    expect(resolveCpvCode("sallad")).toEqual({ ok: true, code: "15894200-3" });
  });

  it("lets a picked suggestion stand for the words, only when it is a code", () => {
    expect(withCpvChoice({ cpvCode: "cykel", cpvChoice: "34430000-0" })).toEqual({ cpvCode: "34430000-0", cpvChoice: "34430000-0" });
    expect(withCpvChoice({ cpvCode: "cykel", cpvChoice: "<script>" })).toEqual({ cpvCode: "cykel", cpvChoice: "<script>" });
    expect(cpvChoices({ key: "form.cpvNone" }, "qwxyz")).toEqual([]);
  });

  it("suggests at most ten codes, with their everyday words", () => {
    const suggestions = cpvSuggestions("och");
    expect(suggestions).toHaveLength(10);
    expect(cpvSuggestions("34430000-0")).toEqual([
      expect.objectContaining({ code: "34430000-0", sv: "Cyklar", everydayWords: expect.arrayContaining(["cykel"]) }),
    ]);
  });
});
