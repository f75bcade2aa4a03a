import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

export interface CalendarMeeting {
  id: number;
  uid: string;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  place: string | null;
  online_url: string | null;
  status: "scheduled" | "cancelled";
  sequence: number;
  created_at: string;
  updated_at: string;
  conveners: string[];
}

/**
 * A text as an iCalendar TEXT value may hold it (RFC 5545 §3.3.11): every kind of line break as
 * one LF, which the writer escapes as "\n", and no other control character (TSAFE-CHAR excludes
 * CONTROL but for the tab). A raw CR or LF would end the property and start a line of the
 * sender's choosing (a new VEVENT); the forms refuse control characters in single-line fields,
 * and this holds for what is already stored and for multi-line fields.
 */
function calendarText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * A TEXT value escaped as §3.3.11 asks (backslash, semicolon, comma, line breaks), for the
 * properties ical-generator 9 writes as given: the calendar's NAME and X-WR-CALNAME.
 */
function escapedText(value: string): string {
  return calendarText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

/**
 * RFC 5545 calendar of meetings. Times are written as UTC instants (the stored values), which
 * every client converts to its own zone, so no VTIMEZONE is needed and daylight saving cannot go
 * wrong in between. The UID is stored with the meeting and never changes; SEQUENCE is raised by
 * every edit; a cancelled meeting stays in the feed with STATUS:CANCELLED so clients remove it.
 * Every text property goes through `calendarText`; ical-generator escapes the event's own.
 */
export function meetingsCalendar({ meetings, origin, name }: { meetings: CalendarMeeting[]; origin: string; name: string }): string {
  const calendar = ical({
    name: escapedText(name),
    prodId: { company: "Social Trade Lund", product: "meetings", language: "SV" },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const m of meetings) {
    const url = `${origin}/meetings/${m.id}`;
    const description = [m.description, m.conveners.length > 0 ? `Sammankallande / Conveners: ${m.conveners.join(", ")}` : "", m.online_url ?? "", url]
      .filter((line) => line !== "")
      .join("\n\n");
    const location = m.place ?? m.online_url;
    calendar.createEvent({
      id: m.uid,
      start: new Date(m.starts_at),
      end: new Date(m.ends_at),
      stamp: new Date(m.updated_at),
      created: new Date(m.created_at),
      lastModified: new Date(m.updated_at),
      summary: calendarText(m.title),
      description: calendarText(description),
      location: location === null ? null : calendarText(location),
      url,
      sequence: m.sequence,
      status: m.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export function calendarResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "no-cache",
    },
  });
}
