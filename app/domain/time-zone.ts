/**
 * Lund's clock. Every time is stored as a UTC instant and read and shown on this clock; the
 * conversions are in `lund-time.ts`. The name stands apart from them because the interface's date
 * formatters (`app/utils/i18n.ts`, in every page's JavaScript) need only the name, and the
 * conversions bring the time-zone library with them.
 */
export const lundTimeZone = "Europe/Stockholm";
