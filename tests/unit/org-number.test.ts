import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { luhnCheckDigit, parseOrgNumber, withCheckDigit } from "../../app/domain/org-number";

describe("parseOrgNumber", () => {
  it("accepts a number with or without hyphen and normalises it", () => {
    expect(parseOrgNumber("2120001124")).toEqual({ ok: true, orgNumber: "212000-1124", legalForm: "state" });
    expect(parseOrgNumber(" 212000-1124 ")).toEqual({ ok: true, orgNumber: "212000-1124", legalForm: "state" });
  });

  it("tells the legal form from the group digit", () => {
    expect(parseOrgNumber(withCheckDigit("556677889"))).toMatchObject({ ok: true, legalForm: "limited_company" });
    expect(parseOrgNumber(withCheckDigit("769612345"))).toMatchObject({ ok: true, legalForm: "economic_association" });
    expect(parseOrgNumber(withCheckDigit("802400123"))).toMatchObject({ ok: true, legalForm: "non_profit_or_foundation" });
    expect(parseOrgNumber(withCheckDigit("969712345"))).toMatchObject({ ok: true, legalForm: "trading_partnership" });
  });

  it("rejects a wrong check digit", () => {
    expect(parseOrgNumber("212000-1125")).toEqual({ ok: false, reason: "check_digit" });
  });

  it("rejects wrong formats", () => {
    for (const input of ["", "12345", "21200011244", "212000+1124", "abcdefghij", "2120-001124"]) {
      expect(parseOrgNumber(input)).toEqual({ ok: false, reason: "format" });
    }
  });

  it("rejects group digits that are not used and personal identity numbers", () => {
    expect(parseOrgNumber(withCheckDigit("412345678"))).toEqual({ ok: false, reason: "group" });
    // Third digit below 2: the month of a personnummer, not an organisation.
    expect(parseOrgNumber(withCheckDigit("551212345"))).toEqual({ ok: false, reason: "group" });
  });

  it("detects every single-digit error (property of the Luhn check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, delta) => {
          const valid = digits.join("") + luhnCheckDigit(digits.join(""));
          const changed = valid
            .split("")
            .map((d, i) => (i === position ? String((Number(d) + delta) % 10) : d))
            .join("");
          expect(luhnCheckDigit(changed.slice(0, 9))).not.toBe(Number(changed[9]));
        },
      ),
    );
  });
});
