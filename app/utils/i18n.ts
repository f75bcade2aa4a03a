import { en } from "../locales/en";
import { sv, type MessageKey, type Messages } from "../locales/sv";

export type Locale = "sv" | "en";
export const locales: readonly Locale[] = ["sv", "en"];
export type { MessageKey };

const catalogues: Record<Locale, Messages> = { sv, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, vars) => {
    const text = (Object.hasOwn(messages, key) ? messages[key] : undefined) ?? (Object.hasOwn(sv, key) ? sv[key] : undefined) ?? key;
    return vars
      ? text.replace(/\{(\w+)\}/g, (_, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : `{${name}}`))
      : text;
  };
}

export function isMessageKey(key: unknown): key is MessageKey {
  // Own keys only: "constructor" or "__proto__" are "in" every object.
  return typeof key === "string" && Object.hasOwn(sv, key);
}

/** One date formatter for the whole interface: ISO date (YYYY-MM-DD or full timestamp) in the locale. */
export function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { dateStyle: "medium", timeZone: "Europe/Stockholm" }).format(date);
}

/** One number formatter: grouping and decimals as the locale writes them. */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB").format(value);
}

/** Date and time of a UTC instant on Lund's clock (Europe/Stockholm), e.g. for meeting times. */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Stockholm",
  }).format(date);
}

/** The time of day of a UTC instant on Lund's clock. */
export function formatTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Stockholm" }).format(date);
}
