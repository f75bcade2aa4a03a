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
