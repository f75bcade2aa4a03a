/**
 * A record id from a route parameter or a form field: a positive safe integer written in plain
 * digits, or null for anything else ("1e3", "-1", "12abc", a number past 2^53).
 */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** A page number from `?page=`: 1 for anything missing or malformed, never past `max`. */
export function parsePage(value: string | null | undefined, max = 10_000): number {
  const page = value && /^[0-9]{1,16}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(1, page), max);
}
