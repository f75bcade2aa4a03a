/** Strings of the account pages, Swedish first; the English catalogue has exactly the same keys. */
export const accountSv = {
} as const;

export const accountEn: Record<keyof typeof accountSv, string> = {
};
