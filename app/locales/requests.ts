/** Strings of the requests pages, Swedish first; the English catalogue has exactly the same keys. */
export const requestsSv = {
} as const;

export const requestsEn: Record<keyof typeof requestsSv, string> = {
};
