import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import { absoluteUrl } from "./origin.server";

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

const prodId = { company: "Social Trade Lund", product: "meetings", language: "SV" } as const;

/** One meeting as a VEVENT: the same UID, SEQUENCE and words in the feed and in every e-mail. */
function addMeetingEvent(calendar: ICalCalendar, m: CalendarMeeting) {
  const url = absoluteUrl(`/meetings/${m.id}`);
  const description = [m.description, m.conveners.length > 0 ? `Sammankallande / Conveners: ${m.conveners.join(", ")}` : "", m.online_url ?? "", url]
    .filter((line) => line !== "")
    .join("\n\n");
  return calendar.createEvent({
    id: m.uid,
    start: new Date(m.starts_at),
    end: new Date(m.ends_at),
    stamp: new Date(m.updated_at),
    created: new Date(m.created_at),
    lastModified: new Date(m.updated_at),
    summary: calendarText(m.title),
    description: calendarText(description),
    location: calendarText(m.place ?? m.online_url ?? "") || null,
    url,
    sequence: m.sequence,
    status: m.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
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
 * Links are built from PUBLIC_URL, never from the request. Every text property goes through
 * `calendarText`; ical-generator escapes the event's own.
 */
export function meetingsCalendar({ meetings, name }: { meetings: CalendarMeeting[]; name: string }): string {
  const calendar = ical({ name: escapedText(name), prodId, method: ICalCalendarMethod.PUBLISH });
  for (const m of meetings) addMeetingEvent(calendar, m);
  return calendar.toString();
}

/** The address meeting e-mails come from, as the invitation's organiser. */
function organiser(): { name: string; email: string } {
  const from = process.env.MAIL_FROM ?? "Social Trade Lund <no-reply@social-trade-lund.invalid>";
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1].replace(/^"|"$/g, "") || "Social Trade Lund", email: match[2] } : { name: "Social Trade Lund", email: from.trim() };
}

/**
 * One person's calendar entry for a meeting, for an e-mail (iTIP, RFC 5546): `REQUEST` puts the
 * meeting in their calendar or, with a higher SEQUENCE, moves it there; `CANCEL` takes it out.
 * The UID is the meeting's own, so every message updates the same entry.
 */
export function meetingInvitation({
  meeting,
  method,
  attendee,
}: {
  meeting: CalendarMeeting;
  method: "REQUEST" | "CANCEL";
  attendee: { name: string; email: string };
}): string {
  const calendar = ical({ prodId, method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  const event = addMeetingEvent(calendar, method === "CANCEL" ? { ...meeting, status: "cancelled" } : meeting);
  event.organizer(organiser());
  event.createAttendee({
    name: calendarText(attendee.name),
    email: attendee.email,
    role: ICalAttendeeRole.REQ,
    // They registered: the entry is in their calendar as accepted until it is cancelled.
    status: ICalAttendeeStatus.ACCEPTED,
  });
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
