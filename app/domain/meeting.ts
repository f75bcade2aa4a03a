/** View types of the meetings pages, shared by models (which fill them) and components (which show them). */
export interface MeetingSummary {
  id: number;
  title: string;
  /** UTC instants, ISO 8601. */
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  /** null: unlimited. */
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  status: "scheduled" | "cancelled";
  conveners: { id: number; name: string; slug: string }[];
}

/** What people registered for a meeting are told of when it changes (decision 020). */
export interface MeetingLogistics {
  /** UTC instants, ISO 8601. */
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  /** null: unlimited. */
  capacity: number | null;
}

export type MeetingChange =
  | { what: "time"; from: { startsAt: string; endsAt: string }; to: { startsAt: string; endsAt: string } }
  | { what: "place" | "onlineUrl"; from: string | null; to: string | null }
  | { what: "capacity"; from: number | null; to: number | null };

/** The changes to a meeting's time, place, link and places that its registered hear of, in that order. */
export function meetingChanges(before: MeetingLogistics, after: MeetingLogistics): MeetingChange[] {
  const changes: MeetingChange[] = [];
  if (Date.parse(before.startsAt) !== Date.parse(after.startsAt) || Date.parse(before.endsAt) !== Date.parse(after.endsAt)) {
    changes.push({ what: "time", from: { startsAt: before.startsAt, endsAt: before.endsAt }, to: { startsAt: after.startsAt, endsAt: after.endsAt } });
  }
  if (before.place !== after.place) changes.push({ what: "place", from: before.place, to: after.place });
  if (before.onlineUrl !== after.onlineUrl) changes.push({ what: "onlineUrl", from: before.onlineUrl, to: after.onlineUrl });
  if (before.capacity !== after.capacity) changes.push({ what: "capacity", from: before.capacity, to: after.capacity });
  return changes;
}

/**
 * How many of those holding a place would be over a new, lower number of places (0 when none).
 * Nobody loses a place they hold; the coordinator confirms the change knowing this.
 */
export function placesOverCapacity({ capacity, confirmed }: { capacity: number | null; confirmed: number }): number {
  return capacity === null ? 0 : Math.max(0, confirmed - capacity);
}

/** An open action whose due date (Lund's calendar) has passed; one due today is not yet overdue. */
export function isOverdue({ dueDate, status, today }: { dueDate: string; status: "open" | "done"; today: string }): boolean {
  return status === "open" && dueDate < today;
}
