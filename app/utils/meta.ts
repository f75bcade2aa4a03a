import type { MetaFunction } from "react-router";
import { cataloguesOf, translator, type Locale, type MessageKey } from "./i18n";

/** A route's document title in the request's language: "<page> – Social Trade Lund". */
export function titleMeta(key: MessageKey | ((data: unknown) => string | undefined)): MetaFunction {
  return ({ matches, data }) => {
    const rootData = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
    const t = translator(rootData?.locale ?? "sv", cataloguesOf(matches));
    const page = typeof key === "function" ? key(data) : t(key);
    return [{ title: page ? `${page} – ${t("app.name")}` : t("app.name") }];
  };
}
