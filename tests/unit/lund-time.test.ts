import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  parseStockholmLocal,
  stockholmDate,
  stockholmLocalToUtc,
  stockholmToUtc,
  utcToStockholmFields,
  utcToStockholmLocal,
} from "../../app/domain/lund-time";

describe("times in Lund", () => {
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

/**
 * The independent computation: the platform's own time-zone database through Intl, asked only
 * "what does this instant show on the clocks in Stockholm", never to convert the other way.
 */
const stockholmClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function shownInStockholm(ms: number): { date: string; time: string } {
  const part = Object.fromEntries(stockholmClock.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
}

/** Every instant that shows this date and time in Stockholm (Sweden is UTC+1 or UTC+2), earliest first. */
function instantsShowing(date: string, time: string): number[] {
  const asIfUtc = Date.parse(`${date}T${time}:00Z`);
  return [2, 1]
    .map((hours) => asIfUtc - hours * 3600_000)
    .filter((ms) => {
      const shown = shownInStockholm(ms);
      return shown.date === date && shown.time === time;
    });
}

const hhmm = (minuteOfDay: number) => `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`;
const dayAfter2000 = (days: number) => new Date(Date.UTC(2000, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);

/** The conversion both ways against the clocks: a real time is its latest instant (winter time when it occurs twice); a skipped one is read an hour on. */
function checkLocal(date: string, time: string) {
  const instants = instantsShowing(date, time);
  const utc = stockholmToUtc(date, time);
  const parsed = parseStockholmLocal(`${date}T${time}`);
  if (instants.length > 0) {
    expect(utc, `${date} ${time}`).toBe(new Date(instants[instants.length - 1]).toISOString());
    expect(parsed).toEqual({ ok: true, utc });
  } else {
    expect(utc, `${date} ${time}`).toBe(new Date(Date.parse(`${date}T${time}:00Z`) - 3600_000).toISOString());
    expect(shownInStockholm(Date.parse(utc!)).time).toBe(hhmm(Number(time.slice(0, 2)) * 60 + 60 + Number(time.slice(3))));
    expect(parsed).toEqual({ ok: false, error: "skippedByDaylightSaving" });
  }
}

describe("Lund's clock against the platform's time-zone database", () => {
  it("reads the hour skipped in spring an hour on, and the hour repeated in autumn as winter time", () => {
    // 2027-03-28: 02:00 becomes 03:00. 2026-10-25: 03:00 becomes 02:00 again.
    expect(instantsShowing("2027-03-28", "02:30")).toEqual([]);
    expect(stockholmToUtc("2027-03-28", "02:30")).toBe("2027-03-28T01:30:00.000Z");
    expect(parseStockholmLocal("2027-03-28T02:30")).toEqual({ ok: false, error: "skippedByDaylightSaving" });
    expect(instantsShowing("2026-10-25", "02:30")).toEqual([Date.parse("2026-10-25T00:30:00Z"), Date.parse("2026-10-25T01:30:00Z")]);
    expect(stockholmToUtc("2026-10-25", "02:30")).toBe("2026-10-25T01:30:00.000Z");
    expect(parseStockholmLocal("2026-10-25T02:30")).toEqual({ ok: true, utc: "2026-10-25T01:30:00.000Z" });
    // Both instants of the repeated hour show as 02:30.
    expect(utcToStockholmFields("2026-10-25T00:30:00.000Z")).toEqual({ date: "2026-10-25", time: "02:30" });
  });

  it("agrees on every minute of the days the clocks change, in both directions", () => {
    for (const date of ["2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31"]) {
      for (let minute = 0; minute < 24 * 60; minute++) checkLocal(date, hhmm(minute));
    }
  }, 60_000);

  it("agrees on random local times and instants over a century", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36_524 }), fc.integer({ min: 0, max: 24 * 60 - 1 }), (days, minute) => {
        checkLocal(dayAfter2000(days), hhmm(minute));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        const shown = shownInStockholm(ms);
        expect(utcToStockholmFields(iso)).toEqual(shown);
        expect(utcToStockholmLocal(iso)).toBe(`${shown.date}T${shown.time}`);
        expect(stockholmDate(new Date(ms))).toBe(shown.date);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it("refuses dates and times that are not real ones", () => {
    for (const [date, time] of [
      ["2027-02-29", "10:00"],
      ["2028-13-01", "10:00"],
      ["2027-01-14", "24:00"],
      ["2027-01-14", "10:60"],
      ["14/1/2027", "10:00"],
      ["2027-01-14", "9:00"],
    ]) {
      expect(stockholmToUtc(date, time)).toBeNull();
    }
    expect(stockholmToUtc("2028-02-29", "10:00")).toBe("2028-02-29T09:00:00.000Z");
  });
});
