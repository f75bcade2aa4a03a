/**
 * Money in a tender: every amount is a whole number of öre (1 krona = 100 öre), so sums are exact
 * and "to the öre" means what it says. People type kronor with a decimal comma (or point); at most
 * two decimals. VAT (moms) is one of Sweden's rates; the lead's administration share is a
 * percentage with at most two decimals, kept in basis points (1 % = 100). Decision 023.
 */

/** Sweden's VAT rates: standard, reduced (food, catering), reduced (books, transport), exempt. */
export const VAT_RATES = [25, 12, 6, 0] as const;
export type VatRate = (typeof VAT_RATES)[number];

export function isVatRate(value: number): value is VatRate {
  return (VAT_RATES as readonly number[]).includes(value);
}

/** The most a unit may cost: a million kronor keeps every product of units and öre far inside exact integers. */
export const MAX_UNIT_PRICE_ORE = 100_000_000;
/** The most a contract may be worth: ten thousand million kronor, still an exact integer in öre. */
export const MAX_CONTRACT_VALUE_ORE = 1_000_000_000_000;

export type KronorProblem = "required" | "format" | "decimals" | "positive" | "tooLarge";

/**
 * "65", "65,50", "65.5", "1 234,50" or "1 234 kr" as öre. Refused: an empty field, anything that is
 * not a number, more than two decimals, zero or less, more than `maxOre` (a unit price's at most).
 */
export function parseKronor(input: string, maxOre = MAX_UNIT_PRICE_ORE): { ok: true; ore: number } | { ok: false; problem: KronorProblem } {
  const text = input.replace(/\s|\u00a0|\u202f/g, "").replace(/kr$/i, "");
  if (text === "") return { ok: false, problem: "required" };
  const match = /^(-?)(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return { ok: false, problem: "format" };
  const [, sign, whole, decimals = ""] = match;
  if (decimals.length > 2) return { ok: false, problem: "decimals" };
  if (whole.length > 12) return { ok: false, problem: "tooLarge" };
  const ore = Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
  if (sign === "-" || ore === 0) return { ok: false, problem: "positive" };
  if (ore > maxOre) return { ok: false, problem: "tooLarge" };
  return { ok: true, ore };
}

/** A percentage from 0 to 100 with at most two decimals, in basis points ("5" → 500, "2,5" → 250). */
export function parsePercent(input: string): { ok: true; basisPoints: number } | { ok: false; problem: "required" | "format" | "decimals" | "range" } {
  const text = input.replace(/\s|%/g, "");
  if (text === "") return { ok: false, problem: "required" };
  const match = /^(-?)(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return { ok: false, problem: "format" };
  const [, sign, whole, decimals = ""] = match;
  if (decimals.length > 2) return { ok: false, problem: "decimals" };
  const basisPoints = Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
  if (sign === "-" || basisPoints > 10_000) return { ok: false, problem: "range" };
  return { ok: true, basisPoints };
}

/** `value × numerator / denominator` rounded half up, in integers (all three non-negative). */
export function roundedShare(value: number, numerator: number, denominator: number): number {
  return Math.floor((value * numerator * 2 + denominator) / (denominator * 2));
}

/** What a member is paid per unit when the lead keeps `shareBasisPoints` of the price: rounded to the öre. */
export function paymentAfterShare(priceOre: number, shareBasisPoints: number): number {
  return roundedShare(priceOre, 10_000 - shareBasisPoints, 10_000);
}

/** VAT on an amount, rounded to the öre (half up), as on one invoice line per rate. */
export function vatOn(amountOre: number, rate: VatRate): number {
  return roundedShare(amountOre, rate, 100);
}

/** Öre as kronor with two decimals and the given decimal sign, no grouping: "1234,50" (for CSV cells). */
export function kronorText(ore: number, decimalSign: "," | "."): string {
  const sign = ore < 0 ? "-" : "";
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}${decimalSign}${String(abs % 100).padStart(2, "0")}`;
}

/** Basis points as a percentage for a form field: 500 → "5", 250 → "2,5". */
export function percentText(basisPoints: number, decimalSign: "," | "."): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  if (rest === 0) return String(whole);
  return `${whole}${decimalSign}${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}
