import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { loader as rootLoader } from "../root";
import { formatDate, formatNumber, translator, type Locale, type Translate } from "./i18n";

export interface I18n {
  locale: Locale;
  t: Translate;
  date: (iso: string) => string;
  number: (value: number) => string;
}

/** The interface language chosen for this request, with its translator and formatters. */
export function useI18n(): I18n {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const locale: Locale = data?.locale ?? "sv";
  return useMemo(
    () => ({
      locale,
      t: translator(locale),
      date: (iso: string) => formatDate(locale, iso),
      number: (value: number) => formatNumber(locale, value),
    }),
    [locale],
  );
}
