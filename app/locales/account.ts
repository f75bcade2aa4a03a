/**
 * Strings of the account pages (password reset and change, notification settings) and of the
 * usability fixes from issue 8 (directory, members, confirmations), Swedish first; the English
 * catalogue has exactly the same keys.
 */
export const accountSv = {
  "directory.filtersActive": "Filter ({count} valda)",
  "directory.filter.reservedLegend": "Reserverade upphandlingar",
} as const;

export const accountEn: Record<keyof typeof accountSv, string> = {
  "directory.filtersActive": "Filters ({count} selected)",
  "directory.filter.reservedLegend": "Reserved contracts",
};
