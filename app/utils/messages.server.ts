import { allCatalogues } from "../locales/catalogues";
import { sv } from "../locales/sv";
import { translator, type Locale, type MessageKey, type Translate } from "./i18n";

/**
 * The translator of the server's own texts (e-mail, CSV exports, toasts, notifications): every
 * catalogue, since these are not limited to one page's.
 */
export function serverTranslator(locale: Locale): Translate {
  return translator(locale, allCatalogues);
}

/** Whether a stored or received string is one of the interface's keys (own keys only). */
export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === "string" && Object.hasOwn(sv, key);
}
