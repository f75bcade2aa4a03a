/** Strings of the security pages, Swedish first; the English catalogue has exactly the same keys. */
export const securitySv = {
} as const;

export const securityEn: Record<keyof typeof securitySv, string> = {
};
