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
 * RFC 5545 calendar of meetings. Times are written as UTC instants (the stored values), which
 * every client converts to its own zone, so no VTIMEZONE is needed and daylight saving cannot go
 * wrong in between. The UID is stored with the meeting and never changes; SEQUENCE is raised by
 * every edit; a cancelled meeting stays in the feed with STATUS:CANCELLED so clients remove it.
 */
export function meetingsCalendar({ meetings, origin, name }: { meetings: CalendarMeeting[]; origin: string; name: string }): string {
  const calendar = ical({
    name,
    prodId: { company: "Social Trade Lund", product: "meetings", language: "SV" },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const m of meetings) {
    const url = `${origin}/meetings/${m.id}`;
    const description = [m.description, m.conveners.length > 0 ? `Sammankallande / Conveners: ${m.conveners.join(", ")}` : "", m.online_url ?? "", url]
      .filter((line) => line !== "")
      .join("\n\n");
    calendar.createEvent({
      id: m.uid,
      start: new Date(m.starts_at),
      end: new Date(m.ends_at),
      stamp: new Date(m.updated_at),
      created: new Date(m.created_at),
      lastModified: new Date(m.updated_at),
      summary: m.title,
      description,
      location: m.place ?? m.online_url ?? null,
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
