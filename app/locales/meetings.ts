/** Strings of the meetings pages, Swedish first; the English catalogue has exactly the same keys. */
export const meetingsSv = {
} as const;

export const meetingsEn: Record<keyof typeof meetingsSv, string> = {
};
