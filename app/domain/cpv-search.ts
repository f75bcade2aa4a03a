import { compoundLexicon, compoundPartsOf, createDecompounder, type Decompounder } from "./compound-words";
import { allCpvCodes, findCpvCode, findCpvCodeByDigits, type CpvCode } from "./cpv";
import { everydayCpvWords } from "./cpv-keywords";

/**
 * Finding a CPV code by what people type: a code (with or without its check digit, or its first
 * digits), or words from the labels in either language, their compound parts ("cykel" finds
 * "Motorcykeldäck"), and the everyday words beside them (`everydayCpvWords`). Case and accents
 * are ignored. Server only: the pages ask `/cpv?q=`.
 */

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9 -]+/g, " ")
    .trim();
}

function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[\s-]+/)
    .filter(Boolean);
}

interface SearchEntry {
  code: CpvCode;
  /** Both labels, folded whole, so that typing a label exactly puts its code first. */
  labels: string[];
  /** How many leading digits the code uses: broader codes (fewer) come first among equals. */
  depth: number;
}

/** Where a word occurs: in a label, among the everyday words, or as a compound part of a Swedish label word. */
type Occurrence = "label" | "everyday" | "part";

interface SearchIndex {
  entries: SearchEntry[];
  /** Every folded word, sorted, so that the words a typed start fits are one range. */
  words: string[];
  /** word → entry index → how it occurs there (the strongest way). */
  occurrences: Map<string, Map<number, Occurrence>>;
}

let searchIndex: SearchIndex | undefined;
let foldedParts: Decompounder | undefined;

function buildSearchIndex(): SearchIndex {
  const occurrences = new Map<string, Map<number, Occurrence>>();
  const strength: Record<Occurrence, number> = { label: 3, everyday: 2, part: 1 };
  const note = (word: string, entry: number, how: Occurrence) => {
    const at = occurrences.get(word) ?? new Map<number, Occurrence>();
    const before = at.get(entry);
    if (!before || strength[how] > strength[before]) at.set(entry, how);
    occurrences.set(word, at);
  };
  const entries = allCpvCodes().map((code, i) => {
    for (const word of [...wordsOf(code.sv), ...wordsOf(code.en)]) note(word, i, "label");
    for (const word of (everydayCpvWords[code.code] ?? []).flatMap(wordsOf)) note(word, i, "everyday");
    for (const part of compoundPartsOf(code.sv)) note(fold(part), i, "part");
    return { code, labels: [fold(code.sv), fold(code.en)], depth: code.code.slice(0, 8).replace(/0+$/, "").length };
  });
  return { entries, words: [...occurrences.keys()].sort(), occurrences };
}

/**
 * How well one typed word fits each code it fits: 4 a whole word of a label or an everyday word,
 * 3 the start of a label word, 2 the start of an everyday word or of a compound part.
 */
function wordScores(index: SearchIndex, q: string): Map<number, number> | undefined {
  const scores = new Map<number, number>();
  let lo = 0;
  let hi = index.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.words[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < index.words.length && index.words[i].startsWith(q); i++) {
    const word = index.words[i];
    for (const [entry, how] of index.occurrences.get(word)!) {
      const score = how === "part" ? 2 : word === q ? 4 : how === "label" ? 3 : 2;
      scores.set(entry, Math.max(scores.get(entry) ?? 0, score));
    }
  }
  return scores.size > 0 ? scores : undefined;
}

/**
 * A typed compound that no label holds ("lastcykel") counts by its longest part that one does
 * ("cykel"), as the start of a word at most. Empty when no part fits.
 */
function compoundWordScores(index: SearchIndex, q: string): Map<number, number> {
  foldedParts ??= createDecompounder(compoundLexicon().map(fold));
  for (const part of foldedParts(q)) {
    const scores = wordScores(index, part);
    if (scores) return new Map([...scores].map(([entry, score]) => [entry, Math.min(score, 2)]));
  }
  return new Map();
}

interface Ranked {
  entry: SearchEntry;
  score: number;
  /** Every typed word is a whole word of the labels or an everyday word of the code. */
  exact: boolean;
}

/** Codes that every typed word fits, best first; a label typed whole comes before all. */
function rank(text: string): Ranked[] {
  const query = wordsOf(text);
  if (query.length === 0) return [];
  const index = cpvSearchIndex();
  // The rarest word's codes first: the others can only narrow them.
  const perWord = query.map((q) => wordScores(index, q) ?? compoundWordScores(index, q)).sort((a, b) => a.size - b.size);
  const whole = fold(text);
  const ranked: Ranked[] = [];
  for (const i of perWord[0].keys()) {
    const scores = perWord.map((scoresOfWord) => scoresOfWord.get(i) ?? 0);
    if (scores.includes(0)) continue;
    const entry = index.entries[i];
    const score = scores.reduce((sum, s) => sum + s, 0) + (entry.labels.includes(whole) ? 10 : 0);
    ranked.push({ entry, score, exact: scores.every((s) => s === 4) });
  }
  return ranked.sort((a, b) => b.score - a.score || a.entry.depth - b.entry.depth || (a.entry.code.code < b.entry.code.code ? -1 : 1));
}

function cpvSearchIndex(): SearchIndex {
  searchIndex ??= buildSearchIndex();
  return searchIndex;
}

/** Reads the vocabulary and builds the word index now rather than on the first search. */
export function prepareCpvSearch(): void {
  cpvSearchIndex();
}

/** Codes matching what was typed: a code (or its first digits), or words. Best first. */
export function searchCpvCodes(text: string): CpvCode[] {
  const typed = text.trim();
  if (typed === "") return [];
  const digits = typed.replace(/[^0-9]/g, "").slice(0, 8);
  if (/^[0-9]/.test(typed) && digits.length >= 2) {
    return allCpvCodes().filter((c) => c.code.startsWith(digits));
  }
  return rank(typed).map((r) => r.entry.code);
}

export type CpvResolution = { ok: true; code: string } | { ok: false; suggestions: string[] };

/**
 * What the CPV field's text means: the code it starts with ("50116000-1", "50116000", or a
 * suggestion's "15894200-3 Färdiglagad mat"), or the one code that its words name exactly
 * ("sallad"), or the only code they match at all. Otherwise up to eight suggestions, best first,
 * to choose from; none when nothing matches.
 */
export function resolveCpvCode(text: string): CpvResolution {
  const first = text.trim().split(/\s/)[0] ?? "";
  const named = findCpvCode(first) ?? findCpvCodeByDigits(first);
  if (named) return { ok: true, code: named.code };
  if (/^[0-9]/.test(text.trim()))
    return {
      ok: false,
      suggestions: searchCpvCodes(text)
        .slice(0, 8)
        .map((c) => c.code),
    };
  const ranked = rank(text);
  const exact = ranked.filter((r) => r.exact);
  if (exact.length === 1) return { ok: true, code: exact[0].entry.code.code };
  if (ranked.length === 1) return { ok: true, code: ranked[0].entry.code.code };
  return { ok: false, suggestions: ranked.slice(0, 8).map((r) => r.entry.code.code) };
}

/** The everyday words that also find the code. */
export function cpvKeywords(code: string): string[] {
  return [...(everydayCpvWords[code] ?? [])];
}

/** The first codes that fit what was typed, with their everyday words: what the CPV field suggests. */
export function cpvSuggestions(text: string, limit = 10): (CpvCode & { everydayWords: string[] })[] {
  return searchCpvCodes(text)
    .slice(0, limit)
    .map((code) => ({ ...code, everydayWords: cpvKeywords(code.code) }));
}
