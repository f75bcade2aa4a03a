/**
 * The shape of a CPV (Common Procurement Vocabulary) code, with no vocabulary attached: safe for
 * any module, the browser's included. The 9,454 codes and their labels are in `./cpv` (server only).
 */
export interface CpvCode {
  /** Eight digits, a hyphen and the check digit: "15894200-3". */
  code: string;
  sv: string;
  en: string;
}

/** The category used for filtering: the CPV division, the first two digits. */
export function cpvDivision(code: string): string {
  return code.slice(0, 2);
}

/**
 * The eight digits of a code as people type it ("50116000-1", "50116000", "50 11 60 00-1"), or
 * null when the text is not one code.
 */
export function cpvCodeDigits(text: string): string | null {
  const match = /^(\d{8})(?:-(\d))?$/.exec(text.trim().replace(/\s+/g, ""));
  return match ? match[1] : null;
}
