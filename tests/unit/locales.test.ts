import { describe, expect, it } from "vitest";
import { en } from "../../app/locales/en";
import { sv } from "../../app/locales/sv";

describe("locales", () => {
  it("has every Swedish string in English too, with the same placeholders", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
      expect(en[key].trim(), key).not.toBe("");
    }
  });
});
