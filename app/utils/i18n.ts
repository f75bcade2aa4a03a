import type { Locale } from "../domain/locale";
import { lundTimeZone } from "../domain/time-zone";
import type { MessageKey } from "../locales/catalogues";
import { coreMessages } from "../locales/core";

export { locales, type Locale } from "../domain/locale";
export type { MessageKey };

/**
 * The interface's strings come in catalogues (`app/locales/`), one per part of the product, each
 * in Swedish and English; a key's catalogue is named by its first segment (decision 015). Every
 * page has `core`; a route names the other catalogues its page uses in its `handle`
 * (`messagesHandle(...)`), so the browser downloads only those. The server's own texts (e-mail,
 * CSV, toasts, notifications) use every catalogue (`app/utils/messages.server.ts`).
 */
export interface Catalogue {
  readonly name: string;
  readonly sv: Readonly<Record<string, string>>;
  readonly en: Readonly<Record<string, string>>;
}

/** A route's `handle`: the catalogues its page needs besides core. */
export interface MessagesHandle {
  messages: readonly Catalogue[];
}

export function messagesHandle(...messages: Catalogue[]): MessagesHandle {
  return { messages };
}

/** The catalogues that the matched routes' handles name, in route order. */
export function cataloguesOf(matches: readonly { handle?: unknown }[]): Catalogue[] {
  return matches.flatMap((match) => {
    const handle = match.handle as Partial<MessagesHandle> | undefined;
    return handle?.messages ?? [];
  });
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

type MissingMessageHandler = (key: string, catalogues: string) => void;
let missingMessage: MissingMessageHandler = (key, catalogues) => console.error(`No message "${key}" in ${catalogues}`);

/**
 * What to do with a key that none of a page's catalogues has: by default it is logged (in the
 * browser's console too, where the end-to-end tests look) and the page shows the key itself. The
 * test servers make it an error on the server (STRICT_MESSAGES, in entry.server), so a route that
 * forgot a catalogue fails its tests.
 */
export function onMissingMessage(handler: MissingMessageHandler): void {
  missingMessage = handler;
}

// One merged lookup per language and set of catalogues, built on first use: a page's components
// call the translator thousands of times per render.
const lookups = new Map<string, Readonly<Record<string, string>>>();
function lookup(locale: Locale, catalogues: readonly Catalogue[]): { id: string; messages: Readonly<Record<string, string>> } {
  const names = [...new Set(catalogues.map((c) => c.name))].sort().join(",");
  const id = `${locale}:core${names ? `,${names}` : ""}`;
  const made = lookups.get(id);
  if (made) return { id, messages: made };
  const messages: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const catalogue of [coreMessages, ...catalogues]) Object.assign(messages, catalogue[locale]);
  lookups.set(id, messages);
  return { id, messages };
}

/**
 * The translator of one language over core and the given catalogues. A counted message comes in
 * plural forms, one key per CLDR plural category the languages use (a key ending in `.one` and one
 * in `.other`: Swedish and English have these two): given any of its forms and a numeric `count`,
 * the translator writes the form the language's rule (`Intl.PluralRules`) picks, with the count in
 * the language's number format. So a toast, a notice or a field message names a counted message
 * once and each reader gets their language's form (decision 020). A variable may also be given
 * per language, as `name.sv` and `name.en`: a stored notification keeps one set of variables and
 * is written out in either language, so text inside a variable (what an amendment changed) must be
 * there in both.
 */
export function translator(locale: Locale, catalogues: readonly Catalogue[] = []): Translate {
  const { id, messages } = lookup(locale, catalogues);
  return (key, vars) => {
    let form: string = key;
    let values = vars;
    if (vars && typeof vars.count === "number") {
      const counted = /^(.+)\.(?:one|other)$/.exec(key);
      if (counted && messages[`${counted[1]}.one`] !== undefined) form = `${counted[1]}.${pluralRules(locale).select(vars.count) === "one" ? "one" : "other"}`;
      values = { ...vars, count: formatNumber(locale, vars.count) };
    }
    let text = messages[form];
    if (text === undefined) {
      missingMessage(form, id);
      text = form;
    }
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => {
      const own = `${name}.${locale}`;
      return Object.hasOwn(values, name) ? String(values[name]) : Object.hasOwn(values, own) ? String(values[own]) : `{${name}}`;
    });
  };
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
const dateFormatter = perLocale((tag) => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: lundTimeZone }));
const numberFormatter = perLocale((tag) => new Intl.NumberFormat(tag));
const pluralRules = perLocale((tag) => new Intl.PluralRules(tag));
const moneyFormatter = perLocale(
  (tag) => new Intl.NumberFormat(tag, { style: "currency", currency: "SEK", minimumFractionDigits: 2, maximumFractionDigits: 2 }),
);
const dateTimeFormatter = perLocale(
  (tag) =>
    new Intl.DateTimeFormat(tag, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: lundTimeZone,
    }),
);
/** The part of a counted message's keys before the plural category. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

/** A counted message in the form the language's rule picks for the count: "på 1 ställe", "på 2 ställen". */
export function countedMessage(t: Translate, base: PluralKey, count: number, vars: Record<string, string | number> = {}): string {
  return t(`${base}.other` as MessageKey, { ...vars, count });
}

const monthFormatter = perLocale((tag) => new Intl.DateTimeFormat(tag, { month: "long", year: "numeric", timeZone: lundTimeZone }));
const timeFormatter = perLocale((tag) => new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", timeZone: lundTimeZone }));

/** One date formatter for the whole interface: ISO date (YYYY-MM-DD or full timestamp) in the locale. */
export function formatDate(locale: Locale, iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormatter(locale).format(date);
}

/** A calendar month (YYYY-MM) in the locale: "januari 2027". */
export function formatMonth(locale: Locale, month: string): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return monthFormatter(locale).format(date);
}

/** One number formatter: grouping and decimals as the locale writes them. */
export function formatNumber(locale: Locale, value: number): string {
  return numberFormatter(locale).format(value);
}

/** One money formatter: an amount in öre as kronor with öre, the way the locale writes it ("1 234,50 kr"). */
export function formatMoney(locale: Locale, ore: number): string {
  return moneyFormatter(locale).format(ore / 100);
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
