import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";

/** Every meeting happens in Lund; times are stored in UTC and shown on this clock. */
export const meetingTimeZone = "Europe/Stockholm";

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A wall-clock time in Lund as typed in a `datetime-local` field ("2027-01-15T10:00") to the UTC
 * instant (ISO 8601), or null when the text is not such a time. The time-zone library decides the
 * offset, so daylight saving is right on both sides of each change.
 */
export function stockholmLocalToUtc(local: string): string | null {
  const match = localPattern.exec(local.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const date = new TZDate(year, month - 1, day, hour, minute, meetingTimeZone);
  if (Number.isNaN(date.getTime()) || date.getDate() !== day) return null;
  return new Date(date.getTime()).toISOString();
}

/** A UTC instant as the `datetime-local` value of the same moment in Lund. */
export function utcToStockholmLocal(iso: string): string {
  return format(new TZDate(new Date(iso).getTime(), meetingTimeZone), "yyyy-MM-dd'T'HH:mm");
}

/** The calendar date in Lund (YYYY-MM-DD) of a UTC instant. */
export function stockholmDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), meetingTimeZone), "yyyy-MM-dd");
}

/** YYYY-MM-DD plus whole days, on the calendar (not 24-hour steps). */
export function addCalendarDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return format(addDays(new Date(y, m - 1, d, 12), days), "yyyy-MM-dd");
}
