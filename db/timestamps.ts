/**
 * How a time is stored, in every table and on both databases: ISO 8601 UTC text with
 * milliseconds, as `Date.prototype.toISOString()` writes it ("2026-11-28T09:30:00.000Z"). Text in
 * this one format sorts as the times do, so "expired", "due" and "leased" are plain comparisons
 * (decision 014, "Timestamps").
 */
export function storedTime(epochMillis: number): string {
  return new Date(epochMillis).toISOString();
}

/** Epoch milliseconds of a stored time, for arithmetic (ages, absolute lifetimes). */
export function storedTimeMillis(stored: string): number {
  return Date.parse(stored);
}
