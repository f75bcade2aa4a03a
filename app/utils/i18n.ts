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
    const text = messages[key] ?? sv[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

export function isMessageKey(key: string): key is MessageKey {
  return key in sv;
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

/** Date and time in Stockholm, for deadlines and change notes. */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(date);
}
