import { listCalendarMeetings } from "../models/meeting.server";
import { calendarResponse, meetingsCalendar } from "../utils/calendar.server";
import { db } from "../utils/db.server";

/** Every meeting as one iCalendar feed, for subscribing from a calendar app. */
export async function loader() {
  const meetings = await listCalendarMeetings({ db: db() });
  return calendarResponse(meetingsCalendar({ meetings, name: "Social Trade Lund – nätverksmöten" }), "meetings.ics");
}
