/**
 * Swedish public holidays (allmänna helgdagar, lagen 1989:253) and the eves that are days off in
 * practice (midsommarafton, julafton, nyårsafton). Deliveries to municipal sites skip both.
 * Dates are ISO strings (YYYY-MM-DD); all arithmetic is on UTC calendar days.
 */
export type HolidayName =
  | "newYearsDay"
  | "epiphany"
  | "goodFriday"
  | "easterSunday"
  | "easterMonday"
  | "mayDay"
  | "ascensionDay"
  | "whitSunday"
  | "nationalDay"
  | "midsummerEve"
  | "midsummerDay"
  | "allSaintsDay"
  | "christmasEve"
  | "christmasDay"
  | "boxingDay"
  | "newYearsEve";

const DAY = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(utc(year, month, day));
}

/** The first date from `from` (inclusive) that falls on the ISO weekday (1 = Monday). */
function firstWeekdayFrom(year: number, month: number, day: number, weekday: number): number {
  const start = utc(year, month, day);
  const current = isoWeekday(iso(start));
  return start + ((weekday - current + 7) % 7) * DAY;
}

/** Every holiday of the year, keyed by date. */
export function swedishHolidays(year: number): Map<string, HolidayName> {
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  const midsummerDay = firstWeekdayFrom(year, 6, 20, 6);
  const entries: [number, HolidayName][] = [
    [utc(year, 1, 1), "newYearsDay"],
    [utc(year, 1, 6), "epiphany"],
    [easter - 2 * DAY, "goodFriday"],
    [easter, "easterSunday"],
    [easter + DAY, "easterMonday"],
    [utc(year, 5, 1), "mayDay"],
    [easter + 39 * DAY, "ascensionDay"],
    [easter + 49 * DAY, "whitSunday"],
    [utc(year, 6, 6), "nationalDay"],
    [midsummerDay - DAY, "midsummerEve"],
    [midsummerDay, "midsummerDay"],
    [firstWeekdayFrom(year, 10, 31, 6), "allSaintsDay"],
    [utc(year, 12, 24), "christmasEve"],
    [utc(year, 12, 25), "christmasDay"],
    [utc(year, 12, 26), "boxingDay"],
    [utc(year, 12, 31), "newYearsEve"],
  ];
  return new Map(entries.map(([ms, name]) => [iso(ms), name]));
}

const cache = new Map<number, Map<string, HolidayName>>();

export function holidayOn(date: string): HolidayName | null {
  const year = Number(date.slice(0, 4));
  let holidays = cache.get(year);
  if (!holidays) cache.set(year, (holidays = swedishHolidays(year)));
  return holidays.get(date) ?? null;
}

/** ISO weekday of an ISO date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
