import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { lundTimeZone } from "./time-zone";

// Conversions between Lund's wall clock and UTC instants: meetings, a request's deadline and
// period, dates in CSV files, open data, the audit log's filter, the pilot's "today".

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

function isCalendarDate(date: string): boolean {
  if (!datePattern.test(date)) return false;
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
}

/**
 * The UTC instant (ISO 8601) of a date (YYYY-MM-DD) and time (HH:mm) on Lund's clock, or null when
 * either is not a real one. The time-zone library decides the offset, so daylight saving is right
 * on both sides of each change. A time that occurs twice when summer time ends (02:00–02:59 on the
 * last Sunday of October) is the second, winter-time one; a time the clocks skip when it begins
 * (02:00–02:59 on the last Sunday of March) is read an hour on, as the clocks themselves go:
 * `parseStockholmLocal` refuses it instead.
 */
export function stockholmToUtc(date: string, time: string): string | null {
  const clock = timePattern.exec(time);
  if (!clock || !isCalendarDate(date)) return null;
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, Number(clock[1]), Number(clock[2]), lundTimeZone).getTime()).toISOString();
}

/** A UTC instant as the date (YYYY-MM-DD) and time (HH:mm) on Lund's clock. */
export function utcToStockholmFields(instant: string | Date): { date: string; time: string } {
  const local = new TZDate(new Date(instant).getTime(), lundTimeZone);
  return { date: format(local, "yyyy-MM-dd"), time: format(local, "HH:mm") };
}

export type StockholmTime = { ok: true; utc: string } | { ok: false; error: "notATime" | "skippedByDaylightSaving" };

/**
 * A wall-clock time in Lund as typed in a `datetime-local` field ("2027-01-15T10:00") to the UTC
 * instant. A time the clocks skip when summer time begins does not exist in Lund and is refused
 * as such, not moved an hour on; a time that occurs twice when it ends is the second one.
 */
export function parseStockholmLocal(local: string): StockholmTime {
  const [date, time, ...rest] = local.trim().split("T");
  const utc = rest.length === 0 && time !== undefined ? stockholmToUtc(date, time) : null;
  if (utc === null) return { ok: false, error: "notATime" };
  if (utcToStockholmLocal(utc) !== local.trim()) return { ok: false, error: "skippedByDaylightSaving" };
  return { ok: true, utc };
}

/** The UTC instant of a wall-clock time in Lund, or null when there is no such time (see `parseStockholmLocal`). */
export function stockholmLocalToUtc(local: string): string | null {
  const parsed = parseStockholmLocal(local);
  return parsed.ok ? parsed.utc : null;
}

/** A UTC instant as the `datetime-local` value of the same moment in Lund. */
export function utcToStockholmLocal(iso: string): string {
  const { date, time } = utcToStockholmFields(iso);
  return `${date}T${time}`;
}

/** The calendar date in Lund (YYYY-MM-DD) of a UTC instant. */
export function stockholmDate(instant: Date): string {
  return utcToStockholmFields(instant).date;
}

/** YYYY-MM-DD plus whole days, on the calendar (not 24-hour steps). */
export function addCalendarDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return format(addDays(new Date(y, m - 1, d, 12), days), "yyyy-MM-dd");
}
