/**
 * Swedish organisationsnummer: ten digits (NNNNNN-NNNN), the last a Luhn check digit over the
 * first nine. The first digit is the group number, which tells the legal form.
 */

export type LegalForm =
  | "estate" // 1: dödsbon
  | "state" // 2: stat, landsting, kommuner, församlingar
  | "foreign" // 3: utländska företag
  | "limited_company" // 5: aktiebolag
  | "partnership" // 6: enkla bolag
  | "economic_association" // 7: ekonomiska föreningar, bostadsrättsföreningar
  | "non_profit_or_foundation" // 8: ideella föreningar och stiftelser
  | "trading_partnership"; // 9: handelsbolag, kommanditbolag

const legalFormByGroup: Record<string, LegalForm> = {
  "1": "estate",
  "2": "state",
  "3": "foreign",
  "5": "limited_company",
  "6": "partnership",
  "7": "economic_association",
  "8": "non_profit_or_foundation",
  "9": "trading_partnership",
};

export type OrgNumberResult = { ok: true; orgNumber: string; legalForm: LegalForm } | { ok: false; reason: "format" | "check_digit" | "group" };

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Accepts `5566778899` or `556677-8899`; returns the normalised form `556677-8899`. */
export function parseOrgNumber(input: string): OrgNumberResult {
  const trimmed = input.trim();
  if (!/^\d{6}-?\d{4}$/.test(trimmed)) return { ok: false, reason: "format" };
  const digits = trimmed.replace("-", "");
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { ok: false, reason: "check_digit" };
  const legalForm = legalFormByGroup[digits[0]];
  // Group digits 0 and 4 are not used; a third digit of at least 2 separates organisations from personnummer.
  if (!legalForm || Number(digits[2]) < 2) return { ok: false, reason: "group" };
  return { ok: true, orgNumber: `${digits.slice(0, 6)}-${digits.slice(6)}`, legalForm };
}

/** Builds a valid number from nine digits; used by the demo and synthetic data. */
export function withCheckDigit(nineDigits: string): string {
  return `${nineDigits.slice(0, 6)}-${nineDigits.slice(6)}${luhnCheckDigit(nineDigits)}`;
}
