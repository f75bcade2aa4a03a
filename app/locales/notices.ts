/**
 * The words around every notice's e-mail (decision 020); the notices themselves are in the
 * catalogues of their parts of the product. Server only: no page shows these.
 * Swedish first; the English strings have exactly the same keys.
 */
const sv = {
  "notices.open": "Öppna:",
  "notices.footer": "Social Trade Lund. Dina inställningar för e-post finns under Konto: {account}",
} as const;

const en: Record<keyof typeof sv, string> = {
  "notices.open": "Open:",
  "notices.footer": "Social Trade Lund. Your e-mail settings are under Account: {account}",
};

export const noticesMessages = { name: "notices", sv, en } as const;
