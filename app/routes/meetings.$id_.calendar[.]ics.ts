import type { Route } from "./+types/meetings.$id_.calendar[.]ics";
import type { ServerArgs } from "../utils/route-args";
import { listCalendarMeetings } from "../models/meeting.server";
import { calendarResponse, meetingsCalendar } from "../utils/calendar.server";
import { db } from "../utils/db.server";
import { notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";

/** One meeting as an iCalendar file. */
export async function loader({ params }: ServerArgs<Route.LoaderArgs>) {
  const meetingId = orNotFound(parseId(params.id));
  const meetings = await listCalendarMeetings({ db: db(), meetingId });
  if (meetings.length === 0) throw notFound();
  return calendarResponse(meetingsCalendar({ meetings, name: meetings[0].title }), `meeting-${meetingId}.ics`);
}
