/**
 * The CPV (Common Procurement Vocabulary) codes members pick from: the services the network sells
 * and buyers ask for. The category used for filtering is the CPV division, the first two digits.
 */
export interface CpvCode {
  code: string;
  sv: string;
  en: string;
}

export const cpvCodes: readonly CpvCode[] = [
  { code: "15894200-3", sv: "Färdigmat", en: "Prepared meals" },
  { code: "15894210-6", sv: "Skolmåltider", en: "School meals" },
  { code: "15894000-3", sv: "Beredda livsmedel", en: "Processed food products" },
  { code: "55520000-1", sv: "Catering", en: "Catering services" },
  { code: "55523000-2", sv: "Catering för företag och institutioner", en: "Catering services for other enterprises or other institutions" },
  { code: "55524000-9", sv: "Skolcatering", en: "School catering services" },
  { code: "55321000-6", sv: "Matlagning", en: "Meal-preparation services" },
  { code: "55330000-2", sv: "Kafeteriaverksamhet", en: "Cafeteria services" },
  { code: "90910000-9", sv: "Städning", en: "Cleaning services" },
  { code: "90911200-8", sv: "Byggnadsstädning", en: "Building-cleaning services" },
  { code: "90919200-4", sv: "Kontorsstädning", en: "Office cleaning services" },
  { code: "90911300-9", sv: "Fönsterputsning", en: "Window-cleaning services" },
  { code: "45233222-1", sv: "Beläggnings- och asfaltarbeten (stenläggning)", en: "Paving and asphalting works" },
  { code: "45112710-5", sv: "Anläggning av grönytor", en: "Landscaping work for green areas" },
  { code: "77310000-6", sv: "Plantering och skötsel av grönytor", en: "Planting and maintenance services of green areas" },
  { code: "77313000-7", sv: "Parkskötsel", en: "Parks maintenance services" },
  { code: "90915000-4", sv: "Sotning och rengöring av eldstäder", en: "Furnace and chimney cleaning services" },
  { code: "71317100-4", sv: "Brandskyddskontroll och rådgivning", en: "Fire and explosion protection and control consultancy services" },
  { code: "45000000-7", sv: "Byggarbete", en: "Construction work" },
  { code: "45210000-2", sv: "Byggnadsarbete", en: "Building construction work" },
  { code: "45453000-7", sv: "Renovering och ombyggnad", en: "Overhaul and refurbishment work" },
  { code: "45442100-8", sv: "Målning", en: "Painting work" },
  { code: "90514000-3", sv: "Återvinning av avfall", en: "Refuse recycling services" },
  { code: "90510000-5", sv: "Avfallshantering", en: "Refuse disposal and treatment" },
  { code: "79990000-0", sv: "Övriga företagstjänster (t.ex. auktioner)", en: "Miscellaneous business-related services (e.g. auctions)" },
  { code: "79340000-9", sv: "Reklam och marknadsföring", en: "Advertising and marketing services" },
  { code: "39500000-7", sv: "Textilvaror", en: "Textile articles" },
  { code: "39100000-3", sv: "Möbler", en: "Furniture" },
  { code: "50800000-3", sv: "Diverse reparationer och underhåll", en: "Miscellaneous repair and maintenance services" },
  { code: "60100000-9", sv: "Vägtransporter", en: "Road transport services" },
  { code: "64120000-3", sv: "Kurirtjänster", en: "Courier services" },
  { code: "79530000-8", sv: "Översättning", en: "Translation services" },
  { code: "80500000-9", sv: "Utbildning", en: "Training services" },
  { code: "85300000-2", sv: "Socialt arbete", en: "Social work and related services" },
  { code: "98341000-5", sv: "Boendetjänster", en: "Accommodation services" },
] as const;

export interface CpvCategory {
  division: string;
  sv: string;
  en: string;
}

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

const byCode = new Map(cpvCodes.map((c) => [c.code, c]));

export function findCpvCode(code: string): CpvCode | undefined {
  return byCode.get(code.trim());
}

export function cpvDivision(code: string): string {
  return code.slice(0, 2);
}

export function cpvLabel(code: string, locale: "sv" | "en"): string {
  const entry = byCode.get(code);
  return entry ? entry[locale] : code;
}

export function cpvCategoryLabel(division: string, locale: "sv" | "en"): string {
  const entry = cpvCategories.find((c) => c.division === division);
  return entry ? entry[locale] : division;
}
