import type { Route } from "./+types/meetings[.]ics";
import type { ServerArgs } from "../utils/route-args";
import { listCalendarMeetings } from "../models/meeting.server";
import { calendarResponse, meetingsCalendar } from "../utils/calendar.server";
import { db } from "../utils/db.server";

/** Every meeting as one iCalendar feed, for subscribing from a calendar app. */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const meetings = await listCalendarMeetings({ db: db() });
  const origin = new URL(request.url).origin;
  return calendarResponse(meetingsCalendar({ meetings, origin, name: "Social Trade Lund – nätverksmöten" }), "meetings.ics");
}
