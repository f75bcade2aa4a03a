import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";

/** Every meeting happens in Lund; times are stored in UTC and shown on this clock. */
export const meetingTimeZone = "Europe/Stockholm";

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export type StockholmTime = { ok: true; utc: string } | { ok: false; error: "notATime" | "skippedByDaylightSaving" };

/**
 * A wall-clock time in Lund as typed in a `datetime-local` field ("2027-01-15T10:00") to the UTC
 * instant (ISO 8601). The time-zone library decides the offset, so daylight saving is right on
 * both sides of each change. A time the clocks skip when summer time begins (02:00–02:59 on the
 * last Sunday of March) does not exist in Lund and is refused as such, not moved an hour on; a
 * time that occurs twice when it ends is the first (summer-time) one.
 */
export function parseStockholmLocal(local: string): StockholmTime {
  const match = localPattern.exec(local.trim());
  if (!match) return { ok: false, error: "notATime" };
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return { ok: false, error: "notATime" };
  const date = new TZDate(year, month - 1, day, hour, minute, meetingTimeZone);
  if (Number.isNaN(date.getTime()) || date.getDate() !== day || date.getMonth() !== month - 1) return { ok: false, error: "notATime" };
  const utc = new Date(date.getTime()).toISOString();
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
