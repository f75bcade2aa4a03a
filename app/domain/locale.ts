/** The interface's languages: Swedish first, and English. */
export type Locale = "sv" | "en";
export const locales: readonly Locale[] = ["sv", "en"];

export function isLocale(value: unknown): value is Locale {
  return value === "sv" || value === "en";
}
