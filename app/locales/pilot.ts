/** Strings of the pilot pages, Swedish first; the English catalogue has exactly the same keys. */
export const pilotSv = {
} as const;

export const pilotEn: Record<keyof typeof pilotSv, string> = {
};
