/** Strings of the bids pages, Swedish first; the English catalogue has exactly the same keys. */
export const bidsSv = {
} as const;

export const bidsEn: Record<keyof typeof bidsSv, string> = {
};
