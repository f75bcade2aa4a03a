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

// Intl formatters are costly to build (a profile of the directory showed 3 % of the render in
// `new Intl.NumberFormat`): one of each per locale, built on first use.
const intlTag = (locale: Locale) => (locale === "sv" ? "sv-SE" : "en-GB");
function perLocale<T>(build: (tag: string) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let value = made.get(locale);
    if (value === undefined) {
      value = build(intlTag(locale));
      made.set(locale, value);
    }
    return value;
  };
}
const dateFormatter = perLocale((tag) => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "Europe/Stockholm" }));
const numberFormatter = perLocale((tag) => new Intl.NumberFormat(tag));
const dateTimeFormatter = perLocale(
  (tag) =>
    new Intl.DateTimeFormat(tag, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "Europe/Stockholm",
    }),
);
const timeFormatter = perLocale((tag) => new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Stockholm" }));

/** One date formatter for the whole interface: ISO date (YYYY-MM-DD or full timestamp) in the locale. */
export function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormatter(locale).format(date);
}

/** One number formatter: grouping and decimals as the locale writes them. */
export function formatNumber(locale: Locale, value: number): string {
  return numberFormatter(locale).format(value);
}

/** Date and time of a UTC instant on Lund's clock (Europe/Stockholm), e.g. for meeting times. */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormatter(locale).format(date);
}

/** The time of day of a UTC instant on Lund's clock. */
export function formatTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return timeFormatter(locale).format(date);
}
