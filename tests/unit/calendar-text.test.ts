/**
 * Text in a calendar file stays inside its property: a meeting's title, description or place with
 * line breaks or other control characters never adds lines (a second VEVENT, a new property) to
 * the `.ics` file, and reads back as the text it was, line breaks included. Checked by parsing the
 * file with ical.js, an independent reader, for the probe's title and for arbitrary text.
 */
import fc from "fast-check";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { meetingsCalendar, type CalendarMeeting } from "../../app/utils/calendar.server";

function meeting(overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    id: 7,
    uid: "meeting-7@social-trade-lund",
    title: "Nätverksmöte",
    description: "",
    starts_at: "2027-03-04T09:00:00.000Z",
    ends_at: "2027-03-04T11:00:00.000Z",
    place: "Stadshallen",
    online_url: null,
    status: "scheduled",
    sequence: 0,
    created_at: "2027-01-01T09:00:00.000Z",
    updated_at: "2027-01-02T09:00:00.000Z",
    conveners: ["Coompanion Skåne"],
    ...overrides,
  };
}

/** What a reader should get back: line breaks as LF, the other control characters gone. */
const readBack = (text: string) => text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");

/**
 * ical.js does not know NAME and X-WR-CALNAME (RFC 7986, and a vendor property), so it gives their
 * value as written; this reads it as the TEXT value it is (RFC 5545 §3.3.11).
 */
const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));

function parse(file: string) {
  const calendar = new ICAL.Component(ICAL.parse(file));
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent"),
    // Every property the file has at the calendar's own level.
    calendarProperties: calendar.getAllProperties().map((p) => p.name),
  };
}

const probeTitle = "Möte\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Inbjudan\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:x";

describe("a meeting's calendar file", () => {
  it("keeps a title with CRLF and property text inside NAME, X-WR-CALNAME and SUMMARY: one VEVENT", () => {
    const file = meetingsCalendar({ meetings: [meeting({ title: probeTitle })], name: probeTitle });
    expect(file.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
    expect(file).not.toMatch(/^UID:evil/m);
    const { calendar, events, calendarProperties } = parse(file);
    expect(events).toHaveLength(1);
    expect(unescapeText(String(calendar.getFirstPropertyValue("name")))).toBe(readBack(probeTitle));
    expect(unescapeText(String(calendar.getFirstPropertyValue("x-wr-calname")))).toBe(readBack(probeTitle));
    expect(events[0].getFirstPropertyValue("summary")).toBe(readBack(probeTitle));
    expect(events[0].getFirstPropertyValue("uid")).toBe("meeting-7@social-trade-lund");
    expect(new Set(calendarProperties)).toEqual(new Set(["prodid", "version", "method", "name", "x-wr-calname"]));
  });

  it("for any texts, has exactly one VEVENT per meeting, each reading back its own title, place and name", () => {
    // Whole-Unicode strings, with the characters that end or fold iCalendar lines made frequent.
    const hostile = fc.string({
      unit: fc.oneof(
        fc.constantFrom("\r", "\n", "\r\n", ";", ",", "\\", ":", " ", "\t", "\u0000", "\u000b", "\u007f", "\u2028"),
        fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      ),
      maxLength: 120,
    });
    fc.assert(
      fc.property(fc.array(fc.record({ title: hostile, description: hostile, place: hostile }), { minLength: 1, maxLength: 3 }), hostile, (texts, name) => {
        const meetings = texts.map((t, i) => meeting({ id: i + 1, uid: `m${i + 1}@stl`, ...t }));
        const { calendar, events } = parse(meetingsCalendar({ meetings, name }));
        expect(events.map((e) => e.getFirstPropertyValue("uid"))).toEqual(meetings.map((m) => m.uid));
        expect(unescapeText(String(calendar.getFirstPropertyValue("name") ?? ""))).toBe(readBack(name));
        events.forEach((event, i) => {
          expect(event.getFirstPropertyValue("summary") ?? "").toBe(readBack(texts[i].title));
          expect(event.getFirstPropertyValue("location") ?? "").toBe(readBack(texts[i].place));
          expect(String(event.getFirstPropertyValue("description"))).toContain(readBack(texts[i].description));
        });
      }),
      { numRuns: 300 },
    );
  });
});
