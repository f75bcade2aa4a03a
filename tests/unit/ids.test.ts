import { describe, expect, it } from "vitest";
import { parseId, parsePage } from "../../app/utils/ids";

describe("parseId", () => {
  it("takes positive whole numbers in plain digits only", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("4711")).toBe(4711);
    for (const bad of ["", "0", "-1", "1e3", "12abc", " 7", "07", "1.0", "99999999999999999", null, undefined, 5]) expect(parseId(bad)).toBeNull();
  });
});

describe("parsePage", () => {
  it("is 1 for anything missing or malformed and never passes the maximum", () => {
    expect(parsePage("3")).toBe(3);
    for (const bad of [null, undefined, "", "0", "-4", "abc", "2.5"]) expect(parsePage(bad)).toBe(1);
    expect(parsePage("99999")).toBe(10_000);
    expect(parsePage("12", 10)).toBe(10);
  });
});
