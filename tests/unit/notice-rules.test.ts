/**
 * The pure rules behind what people are told: plural forms by the language's rule, the clock
 * times Lund does not have, what of a meeting changed, places below those registered, overdue
 * actions, and agenda rows added without saving.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOverdue, meetingChanges, placesOverCapacity, type MeetingLogistics } from "../../app/domain/meeting";
import { addCalendarDays, parseStockholmLocal, stockholmLocalToUtc, utcToStockholmLocal } from "../../app/domain/lund-time";
import { en } from "../../app/locales/en";
import { sv } from "../../app/locales/sv";
import { countedMessage, type MessageKey } from "../../app/utils/i18n";
import { serverTranslator } from "../../app/utils/messages.server";
import { parseSubmission } from "../../app/utils/forms";
import { meetingFormLists, meetingFormSchema, withAgendaRows } from "../../app/utils/meeting-forms";
import { meetingFormData, parseMeeting } from "../support/meeting-form";

describe("plural forms", () => {
  const bases = Object.keys(sv)
    .filter((key) => key.endsWith(".one"))
    .map((key) => key.slice(0, -".one".length));

  it("every counted message has both forms in both languages, each naming the count", () => {
    expect(bases.length).toBeGreaterThan(5);
    for (const base of bases) {
      for (const messages of [sv, en] as Record<string, string>[]) {
        expect(messages[`${base}.other`], base).toBeDefined();
        expect(messages[`${base}.one`], base).toContain("{count}");
        expect(messages[`${base}.other`], base).toContain("{count}");
      }
    }
  });

  it("picks the singular for exactly one and the plural for every other count, whichever form it is given", () => {
    // Swedish and English share the rule: "one" for 1 (as an integer), "other" for everything else.
    for (const locale of ["sv", "en"] as const) {
      const t = serverTranslator(locale);
      const messages = (locale === "sv" ? sv : en) as Record<string, string>;
      fc.assert(
        fc.property(fc.constantFrom(...bases), fc.nat({ max: 2_000_000 }), fc.constantFrom(".one", ".other"), (base, count, given) => {
          const vars: Record<string, string | number> = { count, name: "N", max: "M", date: "D", from: "F", to: "T", by: "B" };
          const written = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB").format(count);
          const form = count === 1 ? `${base}.one` : `${base}.other`;
          const expected = messages[form].replace(/\{(\w+)\}/g, (_, name: string) => (name === "count" ? written : String(vars[name])));
          expect(t(`${base}${given}` as MessageKey, vars)).toBe(expected);
        }),
      );
    }
  });

  it("says “på 1 ställe” and “på 2 ställen”, with the count in the language's number format", () => {
    const t = serverTranslator("sv");
    expect(countedMessage(t, "security.sessionsCount", 1)).toBe("Du är inloggad på 1 ställe (en webbläsare eller enhet).");
    expect(countedMessage(t, "security.sessionsCount", 2)).toBe("Du är inloggad på 2 ställen (webbläsare eller enheter).");
    expect(countedMessage(t, "directory.count", 1234)).toBe("1\u00a0234 organisationer");
    expect(countedMessage(serverTranslator("en"), "directory.count", 1234)).toBe("1,234 organisations");
    expect(countedMessage(serverTranslator("en"), "meetings.cancelledToast", 1)).toBe("The meeting is cancelled and 1 person has been told.");
  });
});

describe("clock times in Lund", () => {
  it("refuses a time the clocks skip when summer time begins, with its own reason", () => {
    expect(parseStockholmLocal("2027-03-28T02:30")).toEqual({ ok: false, error: "skippedByDaylightSaving" });
    expect(parseStockholmLocal("2027-03-28T02:00")).toEqual({ ok: false, error: "skippedByDaylightSaving" });
    expect(parseStockholmLocal("2027-03-28T03:00")).toEqual({ ok: true, utc: "2027-03-28T01:00:00.000Z" });
    expect(parseStockholmLocal("2027-03-28T01:59")).toEqual({ ok: true, utc: "2027-03-28T00:59:00.000Z" });
    expect(parseStockholmLocal("2027-02-30T10:00")).toEqual({ ok: false, error: "notATime" });
  });

  it("accepts a wall-clock time exactly when some instant shows it on Lund's clocks", () => {
    // Independent of the parser: a local time exists iff an instant within hours of it shows that wall clock.
    const exists = (local: string) => {
      const guess = Date.parse(`${local}:00Z`);
      return [-3, -2, -1, 0, 1].some((h) => utcToStockholmLocal(new Date(guess + h * 3600_000).toISOString()) === local);
    };
    const check = (local: string) => {
      const parsed = parseStockholmLocal(local);
      expect(parsed.ok, local).toBe(exists(local));
      if (parsed.ok) expect(utcToStockholmLocal(parsed.utc)).toBe(local);
    };
    const clock = (date: string, minuteOfDay: number) =>
      `${date}T${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`;
    // Every minute of both days the clocks change in 2027 (60 minutes skipped in March)…
    for (const date of ["2027-03-28", "2027-10-31"]) for (let minute = 0; minute < 24 * 60; minute++) check(clock(date, minute));
    expect(Array.from({ length: 24 * 60 }, (_, m) => clock("2027-03-28", m)).filter((local) => !exists(local))).toHaveLength(60);
    // …and random minutes over three years.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 3 }), fc.integer({ min: 0, max: 24 * 60 - 1 }), (dayOffset, minuteOfDay) => {
        check(clock(addCalendarDays("2026-01-01", dayOffset), minuteOfDay));
      }),
      { numRuns: 1000 },
    );
    // Several thousand time-zone conversions: slower than the default limit on a busy machine.
  }, 60_000);

  it("tells the coordinator that 02:30 does not exist, not that the meeting ends before it starts", () => {
    const result = parseMeeting({
      title: "Natt",
      startsAt: "2027-03-28T02:30",
      endsAt: "2027-03-28T03:00",
      registrationDeadline: "2027-03-20T12:00",
      place: "Lund",
      capacity: "3",
      conveners: ["1"],
    });
    expect(result).toEqual({ ok: false, errors: { startsAt: { key: "meetings.form.timeSkipped", values: { time: "02:30" } } } });
    expect(stockholmLocalToUtc("2027-03-28T02:30")).toBeNull();
  });
});

describe("what of a meeting changed", () => {
  const before: MeetingLogistics = {
    startsAt: "2027-01-14T12:00:00.000Z",
    endsAt: "2027-01-14T14:00:00.000Z",
    place: "Stadshallen",
    onlineUrl: null,
    capacity: 3,
  };

  it("names time, place, link and places, old and new, and nothing that did not change", () => {
    expect(meetingChanges(before, { ...before })).toEqual([]);
    expect(
      meetingChanges(before, { ...before, startsAt: "2027-01-14T13:00:00.000Z", endsAt: "2027-01-14T15:00:00.000Z", place: "Kulturen", capacity: 1 }),
    ).toEqual([
      {
        what: "time",
        from: { startsAt: before.startsAt, endsAt: before.endsAt },
        to: { startsAt: "2027-01-14T13:00:00.000Z", endsAt: "2027-01-14T15:00:00.000Z" },
      },
      { what: "place", from: "Stadshallen", to: "Kulturen" },
      { what: "capacity", from: 3, to: 1 },
    ]);
    expect(meetingChanges(before, { ...before, onlineUrl: "https://meet.example.org/x", capacity: null })).toEqual([
      { what: "onlineUrl", from: null, to: "https://meet.example.org/x" },
      { what: "capacity", from: 3, to: null },
    ]);
  });

  it("counts those who hold a place beyond a lower number of places", () => {
    fc.assert(
      fc.property(fc.option(fc.nat({ max: 500 }), { nil: null }), fc.nat({ max: 500 }), (capacity, confirmed) => {
        const over = placesOverCapacity({ capacity, confirmed });
        expect(over).toBe(capacity === null || confirmed <= capacity ? 0 : confirmed - capacity);
      }),
    );
    expect(placesOverCapacity({ capacity: 1, confirmed: 3 })).toBe(2);
  });
});

describe("overdue actions", () => {
  it("are open ones whose due date has passed on Lund's calendar; one due today is not", () => {
    expect(isOverdue({ dueDate: "2027-01-13", status: "open", today: "2027-01-14" })).toBe(true);
    expect(isOverdue({ dueDate: "2027-01-14", status: "open", today: "2027-01-14" })).toBe(false);
    expect(isOverdue({ dueDate: "2027-01-13", status: "done", today: "2027-01-14" })).toBe(false);
  });
});

describe("agenda rows added without saving", () => {
  const rows = [
    { position: "", title: "Första", minutes: "10", requestId: "", jointBidId: "" },
    { position: "", title: "", minutes: "", requestId: "", jointBidId: "" },
    { position: "", title: "Tredje", minutes: "5", requestId: "", jointBidId: "" },
  ];
  const addRow = (agenda: typeof rows) => {
    const form = meetingFormData({ title: "Skrivet", agenda });
    return withAgendaRows(parseSubmission(form, meetingFormSchema, meetingFormLists).reply(), form, true);
  };

  it("keep every row where it was typed, add one empty row and save nothing", () => {
    const typed = addRow(rows).initialValue as { title: string; agenda: unknown[] };
    expect(typed.title).toBe("Skrivet");
    expect(typed.agenda).toHaveLength(4);
    expect(typed.agenda[0]).toMatchObject({ title: "Första", minutes: "10" });
    expect(typed.agenda[2]).toMatchObject({ title: "Tredje", minutes: "5" });
    expect(typed.agenda[3]).toEqual({});
  });

  it("stop at the most rows a form holds, and read no row beyond it", () => {
    const full = Array.from({ length: meetingFormLists.agenda }, (_, i) => ({ ...rows[0], title: `Punkt ${i + 1}` }));
    // The list is full: the button adds nothing.
    expect((addRow(full).initialValue as { agenda: unknown[] }).agenda).toHaveLength(meetingFormLists.agenda);
    const beyond = meetingFormData({ title: "Skrivet" });
    beyond.append(`agenda[${meetingFormLists.agenda}].title`, "Utanför");
    beyond.append("agenda[20000000].title", "Långt utanför");
    const reply = parseSubmission(beyond, meetingFormSchema, meetingFormLists).reply();
    expect(JSON.stringify(reply.initialValue)).not.toContain("Utanför");
    expect(JSON.stringify(reply).length).toBeLessThan(2000);
  });
});
