import { holidayOn, isoWeekday } from "./swedish-holidays";

/**
 * Slot expansion: the delivery dates of a period on the given ISO weekdays, skipping Swedish
 * public holidays (and the eves that are days off) unless asked not to. Pure; dates are ISO strings.
 */
export interface DeliveryPattern {
  /** First and last day, inclusive. */
  from: string;
  to: string;
  /** ISO weekdays, 1 = Monday. */
  weekdays: readonly number[];
  skipHolidays: boolean;
}

const DAY = 86_400_000;

/**
 * Bids expand the same few patterns (one request period, a handful of weekday sets) for hundreds
 * of commitments, so expansions are kept; the arrays are shared and must not be changed.
 */
const expanded = new Map<string, readonly string[]>();
const MAX_KEPT = 5_000;

export function deliveryDates(pattern: DeliveryPattern): readonly string[] {
  const key = `${pattern.from}|${pattern.to}|${[...pattern.weekdays].sort().join(",")}|${pattern.skipHolidays ? 1 : 0}`;
  let dates = expanded.get(key);
  if (dates === undefined) {
    if (expanded.size >= MAX_KEPT) expanded.clear();
    dates = Object.freeze(expand(pattern));
    expanded.set(key, dates);
  }
  return dates;
}

function expand({ from, to, weekdays, skipHolidays }: DeliveryPattern): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const wanted = new Set(weekdays);
  const dates: string[] = [];
  for (let ms = start; ms <= end; ms += DAY) {
    const date = new Date(ms).toISOString().slice(0, 10);
    if (!wanted.has(isoWeekday(date))) continue;
    if (skipHolidays && holidayOn(date) !== null) continue;
    dates.push(date);
  }
  return dates;
}

/** The later of two optional dates and the earlier of two: a period cut to a validity window. */
export function intersectPeriod(
  period: { from: string; to: string },
  validity: { from: string | null; to: string | null },
): { from: string; to: string } | null {
  const from = validity.from && validity.from > period.from ? validity.from : period.from;
  const to = validity.to && validity.to < period.to ? validity.to : period.to;
  return from <= to ? { from, to } : null;
}

/** The Monday of the ISO week a date falls in, as an ISO date: the key of a week. */
export function weekStart(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return new Date(ms - (isoWeekday(date) - 1) * DAY).toISOString().slice(0, 10);
}
