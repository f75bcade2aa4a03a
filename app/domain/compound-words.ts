import { allCpvCodes } from "./cpv";
import { everydayCpvWords } from "./cpv-keywords";

/**
 * Swedish writes most names of goods and services as one word (lunchsallad, storstädning,
 * lastcykel), so a search for "sallad" must look inside words. The search indexes therefore hold,
 * beside each word, its compound parts: the endings of the word from each boundary between its
 * known words on ("lunch|sallader" → "sallader"; "motor|cykeldäck" → "cykeldäck", "däck"). A query
 * for "sallad" then finds "Lunchsallader" as the start of a word of its own. Decision 017.
 *
 * Known words are the Swedish labels of the CPV 2008 (9,454 names of goods and services, about
 * 8,700 distinct words with the everyday words beside them, `everydayCpvWords`) and `networkWords`.
 * A split needs a known word on both sides, so a word that merely ends like one is left whole:
 * "catering" does not hold "ring", nor "transport" "port".
 */

/** Words the network writes in compounds that the CPV labels lack. */
const networkWords = ["stor", "små", "lunch", "trapp", "flytt", "hem", "sallad", "cykel", "städ", "fika"];

/** The shortest part: "mat" (skolmat), "kök" (storkök), "bil" (lastbil). */
const MIN_PART = 3;

/** Endings a known word may carry as the last part: "sallad" + "er", "städning" + "en". */
const endings = [
  "",
  "s",
  "n",
  "t",
  "a",
  "e",
  "r",
  "en",
  "et",
  "er",
  "ar",
  "or",
  "na",
  "ns",
  "ts",
  "rna",
  "ens",
  "ets",
  "ers",
  "ars",
  "ors",
  "nas",
  "erna",
  "arna",
  "orna",
  "ernas",
  "arnas",
  "ornas",
];

/** A bound on remembered words, so that years of user text cannot grow the memory without end. */
const MEMO_LIMIT = 100_000;

export type Decompounder = (word: string) => readonly string[];

/**
 * The compound parts of a lower-case word against a list of known lower-case words. The word is
 * split into the fewest parts that are each a known word: the last may carry an inflection ending
 * ("sallad|er"), the others a linking "s" ("kontors|städning") or lose their final vowel
 * ("skol|mat" from "skola"); among splits into as few parts, the longest first part wins
 * ("skorstens|sotning", not "skor|stens|sotning"). The parts returned are the word's endings
 * from each boundary on, and from the boundaries inside a later part that is a compound itself:
 * "motor|cykeldäck" gives "cykeldäck" and "däck". Empty for a word that is not a compound.
 */
export function createDecompounder(knownWords: Iterable<string>): Decompounder {
  const known = new Set(knownWords);
  const memo = new Map<string, readonly string[] | null>();

  // A stem without its final vowel needs four letters: "skol" (skola), but not "vät" (väte) in "vätskor".
  const isStem = (s: string) =>
    (s.length >= MIN_PART && known.has(s)) || (s.length > MIN_PART && (known.has(`${s}a`) || known.has(`${s}e`) || known.has(`${s}o`)));
  const isModifier = (s: string) => isStem(s) || (s.endsWith("s") && isStem(s.slice(0, -1)));
  const isWordForm = (s: string) =>
    endings.some((ending) => s.endsWith(ending) && s.length - ending.length >= MIN_PART && known.has(s.slice(0, s.length - ending.length)));

  /** The fewest parts the word splits into (two or more), or null when it does not split. */
  function split(word: string): readonly string[] | null {
    if (memo.has(word)) return memo.get(word)!;
    let best: readonly string[] | null = null;
    for (let at = word.length - MIN_PART; at >= MIN_PART; at--) {
      const first = word.slice(0, at);
      const rest = word.slice(at);
      const firstParts = isModifier(first) ? [first] : split(first);
      if (!firstParts) continue;
      const restParts = isWordForm(rest) ? [rest] : split(rest);
      if (!restParts) continue;
      if (!best || firstParts.length + restParts.length < best.length) best = [...firstParts, ...restParts];
    }
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, best);
    return best;
  }

  /** The word's endings from each boundary on, and from the boundaries inside a later part that is itself a compound ("cykel|däck"). */
  function endingsOf(word: string): string[] {
    const parts = split(word);
    if (!parts) return [];
    const found: string[] = [];
    for (let i = 1; i < parts.length; i++) {
      const after = parts.slice(i + 1).join("");
      found.push(parts[i] + after);
      for (const inner of endingsOf(parts[i])) found.push(inner + after);
    }
    return [...new Set(found)];
  }

  return (word) => (word.length >= 2 * MIN_PART && /^\p{L}+$/u.test(word) ? endingsOf(word) : []);
}

let swedish: Decompounder | undefined;

/** Known words for Swedish compounds, lower case: see the module's comment. */
export function compoundLexicon(): string[] {
  const words = new Set<string>(networkWords);
  const add = (text: string) => {
    for (const word of text
      .normalize("NFC")
      .toLowerCase()
      .split(/[^\p{L}]+/u))
      if (word.length >= MIN_PART) words.add(word);
  };
  for (const code of allCpvCodes()) add(code.sv);
  for (const list of Object.values(everydayCpvWords)) list.forEach(add);
  return [...words].sort();
}

/** The Swedish decompounder, built on first use (about 8,700 known words). */
export function swedishCompoundParts(word: string): readonly string[] {
  swedish ??= createDecompounder(compoundLexicon());
  return swedish(word);
}

/** The distinct compound parts of every word of a text, in the order found. */
export function compoundPartsOf(text: string, decompound: Decompounder = swedishCompoundParts): string[] {
  const found = new Set<string>();
  for (const word of text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    for (const part of decompound(word)) found.add(part);
  }
  return [...found];
}
