import { useMatches, useRouteLoaderData } from "react-router";
import { useMemo } from "react";
import { cataloguesOf, countedMessage, formatDate, formatMoney, formatNumber, translator, type Locale, type PluralKey, type Translate } from "./i18n";
import type { RootData } from "./root-data";

export interface I18n {
  locale: Locale;
  t: Translate;
  date: (iso: string) => string;
  number: (value: number) => string;
  /** A counted message in its plural form ("på 1 ställe", "på 2 ställen"). */
  counted: (base: PluralKey, count: number, vars?: Record<string, string | number>) => string;
  /** An amount in öre. */
  money: (ore: number) => string;
}

/** The interface language chosen for this request, with its translator (over the catalogues the matched routes name) and formatters. */
export function useI18n(): I18n {
  const data = useRouteLoaderData<RootData>("root");
  const locale: Locale = data?.locale ?? "sv";
  const matches = useMatches();
  const routes = matches.map((m) => m.id).join("|");
  return useMemo(
    () => {
      const t = translator(locale, cataloguesOf(matches));
      return {
        locale,
        t,
        date: (iso: string) => formatDate(locale, iso),
        number: (value: number) => formatNumber(locale, value),
        counted: (base: PluralKey, count: number, vars?: Record<string, string | number>) => countedMessage(t, base, count, vars),
        money: (ore: number) => formatMoney(locale, ore),
      };
    },
    // The matched routes decide the catalogues; `matches` itself is a new array on every render.
    [locale, routes],
  );
}
