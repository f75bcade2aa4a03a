import type { LoaderFunctionArgs } from "@remix-run/node";
import { listCalendarMeetings } from "../models/meeting.server";
import { calendarResponse, meetingsCalendar } from "../utils/calendar.server";
import { db } from "../utils/db.server";

/** Every meeting as one iCalendar feed, for subscribing from a calendar app. */
export async function loader({ request }: LoaderFunctionArgs) {
  const meetings = await listCalendarMeetings({ db: db() });
  const origin = new URL(request.url).origin;
  return calendarResponse(meetingsCalendar({ meetings, origin, name: "Social Trade Lund – nätverksmöten" }), "meetings.ics");
}
