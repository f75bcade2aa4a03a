import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../app/domain/bid-csv";

describe("allocation CSV", () => {
  it("keeps cells a spreadsheet would run as formulas as text", () => {
    for (const cell of ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvCell(cell).startsWith(`"'`)).toBe(true);
    }
    expect(csvCell(-5)).toBe('"-5"');
    expect(csvCell("Fontänhuset Lund")).toBe('"Fontänhuset Lund"');
  });

  it("quotes quotes, starts with a byte-order mark and ends lines with CRLF", () => {
    expect(csvCell('Säg "hej"')).toBe('"Säg ""hej"""');
    const text = toCsv(["a", "b"], [["x", 1]]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe('"a","b"\r\n"x","1"\r\n');
  });
});
