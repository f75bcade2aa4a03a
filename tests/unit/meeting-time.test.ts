import { describe, expect, it } from "vitest";
import { addCalendarDays, stockholmDate, stockholmLocalToUtc, utcToStockholmLocal } from "../../app/domain/meeting-time";

describe("meeting times in Lund", () => {
  it("puts a 10:00 meeting at 09:00 UTC in January and 08:00 UTC in June", () => {
    expect(stockholmLocalToUtc("2027-01-14T10:00")).toBe("2027-01-14T09:00:00.000Z");
    expect(stockholmLocalToUtc("2027-06-10T10:00")).toBe("2027-06-10T08:00:00.000Z");
  });

  it("switches offset on the last Sunday of March (spring forward)", () => {
    // 2027-03-28: clocks go from 02:00 to 03:00.
    expect(stockholmLocalToUtc("2027-03-28T01:30")).toBe("2027-03-28T00:30:00.000Z");
    expect(stockholmLocalToUtc("2027-03-28T03:30")).toBe("2027-03-28T01:30:00.000Z");
    expect(stockholmLocalToUtc("2027-03-27T10:00")).toBe("2027-03-27T09:00:00.000Z");
    expect(stockholmLocalToUtc("2027-03-29T10:00")).toBe("2027-03-29T08:00:00.000Z");
  });

  it("switches back on the last Sunday of October (fall back)", () => {
    // 2026-10-25: clocks go from 03:00 back to 02:00.
    expect(stockholmLocalToUtc("2026-10-24T10:00")).toBe("2026-10-24T08:00:00.000Z");
    expect(stockholmLocalToUtc("2026-10-25T10:00")).toBe("2026-10-25T09:00:00.000Z");
    expect(stockholmLocalToUtc("2026-10-25T04:00")).toBe("2026-10-25T03:00:00.000Z");
  });

  it("shows a stored instant as the Lund wall clock on both sides of each change", () => {
    expect(utcToStockholmLocal("2027-01-14T09:00:00.000Z")).toBe("2027-01-14T10:00");
    expect(utcToStockholmLocal("2027-06-10T08:00:00.000Z")).toBe("2027-06-10T10:00");
    expect(utcToStockholmLocal("2027-03-28T01:30:00.000Z")).toBe("2027-03-28T03:30");
    expect(utcToStockholmLocal("2026-10-25T09:00:00.000Z")).toBe("2026-10-25T10:00");
    for (const local of ["2027-01-14T10:00", "2027-06-10T18:45", "2026-10-26T00:15", "2027-03-29T23:59"]) {
      expect(utcToStockholmLocal(stockholmLocalToUtc(local)!)).toBe(local);
    }
  });

  it("rejects what is not a wall-clock time", () => {
    for (const bad of ["", "2027-01-14", "2027-13-01T10:00", "2027-02-30T10:00", "2027-01-14T24:00", "tomorrow"]) {
      expect(stockholmLocalToUtc(bad)).toBeNull();
    }
  });

  it("gives the Lund calendar date, which differs from UTC's near midnight", () => {
    expect(stockholmDate(new Date("2027-06-10T22:30:00Z"))).toBe("2027-06-11");
    expect(stockholmDate(new Date("2027-01-10T22:30:00Z"))).toBe("2027-01-10");
    expect(addCalendarDays("2027-03-27", 3)).toBe("2027-03-30");
    expect(addCalendarDays("2026-12-30", 3)).toBe("2027-01-02");
  });
});
