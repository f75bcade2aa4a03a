/** Strings of the security pages, Swedish first; the English catalogue has exactly the same keys. */
export const securitySv = {
  "security.busy": "Servern har mycket att göra just nu. Försök igen om några sekunder.",
  "security.signupThrottled": "För många nya konton från din adress. Försök igen om en timme.",
  "security.logoOneFile": "Skicka en enda bildfil.",
  "security.tooManyOfferings": "Organisationen har redan 50 erbjudanden, det högsta antalet. Ta bort eller slå ihop något först.",
  "security.tooManyCapacityLines": "Erbjudandet har redan 20 kapacitetsrader, det högsta antalet. Ta bort eller slå ihop rader först.",
  "security.moreCapacityLines": "… och {count} rader till.",
} as const;

export const securityEn: Record<keyof typeof securitySv, string> = {
  "security.busy": "The server is very busy right now. Try again in a few seconds.",
  "security.signupThrottled": "Too many new accounts from your address. Try again in an hour.",
  "security.logoOneFile": "Send a single image file.",
  "security.tooManyOfferings": "The organisation already has 50 offerings, the most allowed. Remove or merge one first.",
  "security.tooManyCapacityLines": "The offering already has 20 capacity lines, the most allowed. Remove or merge lines first.",
  "security.moreCapacityLines": "… and {count} more lines.",
};
