import { cpvCodes, findCpvCode, type CpvCode } from "./cpv";

/**
 * The everyday Swedish (and some English) words people use for what each CPV code covers, so
 * that "sallad" or "grönsaker" finds prepared meals, as the directory search would. Matching is on
 * word starts, case- and accent-insensitive; the code's own labels always count.
 */
const keywords: Record<string, string[]> = {
  "15894200-3": ["sallad", "sallader", "grönsaker", "lunchlådor", "matlådor", "färdigmat", "lunch", "salad", "ready meals"],
  "15894210-6": ["skolmat", "skollunch", "school"],
  "15894000-3": ["livsmedel", "bröd", "bakverk", "grönsaker", "frukt", "inläggningar", "sylt", "food"],
  "55520000-1": ["catering", "mat", "måltider", "buffé", "fika", "lunch", "meals"],
  "55523000-2": ["catering", "konferens", "möten", "fika", "personalmåltider"],
  "55524000-9": ["skolmat", "förskola", "skola"],
  "55321000-6": ["matlagning", "kök", "storkök", "cooking"],
  "55330000-2": ["kafé", "café", "kaffe", "fika", "cafeteria"],
  "90910000-9": ["städ", "städning", "lokalvård", "rengöring", "cleaning"],
  "90911200-8": ["städ", "trappstädning", "byggstädning", "flyttstädning"],
  "90919200-4": ["städ", "kontor", "lokalvård"],
  "90911300-9": ["fönster", "fönsterputs", "windows"],
  "45233222-1": ["stensättning", "stenläggning", "plattsättning", "gångar", "paving"],
  "45112710-5": ["trädgård", "grönytor", "anläggning", "landscaping", "gardening"],
  "77310000-6": ["trädgård", "gräsklippning", "plantering", "rabatter", "grönyteskötsel", "gardening"],
  "77313000-7": ["park", "parker", "trädgård"],
  "90915000-4": ["sotning", "skorsten", "chimney"],
  "71317100-4": ["brandskydd", "brandsyn"],
  "45000000-7": ["bygg", "byggnation", "hantverk", "construction"],
  "45210000-2": ["bygg", "byggnation", "hus"],
  "45453000-7": ["renovering", "ombyggnad", "snickeri", "snickare", "carpentry"],
  "45442100-8": ["målning", "målare", "måleri", "painting"],
  "90514000-3": ["återvinning", "återbruk", "recycling", "reuse"],
  "90510000-5": ["avfall", "sopor", "skräp", "waste"],
  "79990000-0": ["auktion", "auktioner", "auction", "second hand"],
  "79340000-9": ["reklam", "marknadsföring", "tryck", "marketing"],
  "39500000-7": ["textil", "kläder", "sömnad", "tvätt", "textiles", "sewing"],
  "39100000-3": ["möbler", "möbelrenovering", "furniture"],
  "50800000-3": ["reparation", "reparationer", "underhåll", "cykel", "cyklar", "cykelreparation", "repair"],
  "60100000-9": ["transport", "flytt", "flytthjälp", "budbil", "moving", "removals"],
  "64120000-3": ["bud", "kurir", "leverans", "courier", "delivery"],
  "79530000-8": ["översättning", "tolk", "translation"],
  "80500000-9": ["utbildning", "kurs", "kurser", "training"],
  "85300000-2": ["socialt arbete", "stöd", "omsorg", "social work"],
  "98341000-5": ["boende", "logi", "accommodation"],
};

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9 -]+/g, " ")
    .trim();
}

function wordsOf(text: string): string[] {
  return fold(text).split(/[\s-]+/).filter(Boolean);
}

/** Codes matching what was typed: a code (or its first digits), or words from the labels and keywords. Best first. */
export function searchCpvCodes(text: string): CpvCode[] {
  const typed = text.trim();
  if (typed === "") return [];
  const digits = typed.replace(/[^0-9]/g, "");
  if (/^[0-9]/.test(typed) && digits.length >= 2) {
    return cpvCodes.filter((c) => c.code.replace(/[^0-9]/g, "").startsWith(digits));
  }
  const query = wordsOf(typed);
  const scored = cpvCodes
    .map((entry) => {
      const vocabulary = [entry.sv, entry.en, ...(keywords[entry.code] ?? [])].flatMap(wordsOf);
      const labelWords = [entry.sv, entry.en].flatMap(wordsOf);
      let score = 0;
      for (const q of query) {
        if (labelWords.some((w) => w.startsWith(q))) score += 2;
        else if (vocabulary.some((w) => w.startsWith(q))) score += 1;
        else return { entry, score: 0 };
      }
      return { entry, score };
    })
    .filter((s) => s.score > 0);
  return scored.sort((a, b) => b.score - a.score).map((s) => s.entry);
}

export type CpvResolution = { ok: true; code: string } | { ok: false; suggestions: string[] };

/**
 * What the CPV field's text means: the code it starts with, or the single code its words match.
 * Several matches come back as suggestions to choose from; none as an empty list.
 */
export function resolveCpvCode(text: string): CpvResolution {
  const first = text.trim().split(/\s/)[0] ?? "";
  if (findCpvCode(first)) return { ok: true, code: first };
  const matches = searchCpvCodes(text);
  if (matches.length === 1) return { ok: true, code: matches[0].code };
  return { ok: false, suggestions: matches.slice(0, 8).map((m) => m.code) };
}

/** Words that also find the code in the browser's suggestion list. */
export function cpvKeywords(code: string): string[] {
  return keywords[code] ?? [];
}
