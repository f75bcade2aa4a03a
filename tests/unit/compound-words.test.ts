import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compoundLexicon, compoundPartsOf, createDecompounder, swedishCompoundParts } from "../../app/domain/compound-words";

describe("Swedish compound words", () => {
  it.each([
    ["lunchsallader", ["sallader"]],
    ["storstädning", ["städning"]],
    ["lastcykel", ["cykel"]],
    ["byggstädning", ["städning"]],
    // A linking s, and a three-part word with both of its endings.
    ["kontorsstädning", ["städning"]],
    ["motorcykeldäck", ["cykeldäck", "däck"]],
    ["lastcykeltransport", ["cykeltransport", "transport"]],
    ["skolmat", ["mat"]],
    // The fewest parts, the longest first: not "skor|stens|sotning".
    ["skorstenssotning", ["sotning"]],
  ])("finds the parts of %s", (word, parts) => {
    expect([...swedishCompoundParts(word)].sort()).toEqual([...parts].sort());
  });

  it.each(["catering", "transport", "kommunen", "emmaus", "sallad", "städning", "lunds", "webb", "vätskor"])("leaves %s whole", (word) => {
    expect(swedishCompoundParts(word)).toEqual([]);
  });

  it("finds the parts of every word of a text, each once", () => {
    expect(compoundPartsOf("Lunchsallader och storstädning; fler lunchsallader!")).toEqual(["sallader", "städning"]);
  });

  const lexicon = compoundLexicon().filter((w) => w.length >= 3 && /^\p{L}+$/u.test(w));
  const decompound = createDecompounder(lexicon);

  it("splits any known word followed by another, inflected or not, at the boundary or after it", () => {
    const word = fc.constantFrom(...lexicon);
    fc.assert(
      fc.property(word, word, fc.constantFrom("", "s"), fc.constantFrom("", "er", "en", "arna"), (first, second, link, ending) => {
        // The longest first part wins, so a split may fall later ("fiske|kar" for "fisk" + "ekar"), never earlier.
        const parts = decompound(`${first}${link}${second}${ending}`);
        expect(parts.some((part) => `${second}${ending}`.endsWith(part))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("gives only endings of the word that are shorter than it and at least three letters", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zåäö]{1,24}$/), (word) => {
        for (const part of decompound(word)) {
          expect(word.endsWith(part)).toBe(true);
          expect(part.length).toBeGreaterThanOrEqual(3);
          expect(word.length - part.length).toBeGreaterThanOrEqual(3);
        }
      }),
      { numRuns: 500 },
    );
  });
});
