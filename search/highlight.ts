import { swedishCompoundParts } from "../app/domain/compound-words";

/** Query words and match highlighting shared by both engines: HTML-escaped text with matches in <mark>. */

/** The one query tokeniser: words of the query, lower-cased, punctuation removed, at most 12. */
export function queryTerms(q: string): string[] {
  return textWords(q).slice(0, 12);
}

/**
 * Every word of a text, lower-cased, punctuation removed: how queries are split, and how the
 * PostgreSQL search splits what it indexes, so both sides see the same words.
 */
export function textWords(text: string): string[] {
  // NFC first: a pasted "a" + combining ring is one letter "å", not a word break.
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Lower case with diacritics removed: "Björkå" → "bjorka". */
export function foldDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * The text as HTML with every word that starts with one of the (folded) terms in <mark>,
 * comparing without diacritics, or else the longest compound part of the word that does
 * ("Lunch<mark>sallader</mark>" for "sallad"); undefined when no word matched.
 */
export function markMatchingWords(text: string, foldedTerms: string[]): string | undefined {
  let found = false;
  const matches = (word: string) => foldedTerms.some((t) => foldDiacritics(word).startsWith(t));
  const html = text
    .normalize("NFC")
    .split(/([\p{L}\p{N}]+)/u)
    .map((word) => {
      if (!word) return "";
      if (matches(word)) {
        found = true;
        return `<mark>${escapeHtml(word)}</mark>`;
      }
      const part = swedishCompoundParts(word.toLowerCase()).find(matches);
      if (part) {
        found = true;
        const start = word.length - part.length;
        return `${escapeHtml(word.slice(0, start))}<mark>${escapeHtml(word.slice(start))}</mark>`;
      }
      return escapeHtml(word);
    })
    .join("");
  return found ? html : undefined;
}

/** Every title as HTML, matches marked, when at least one title matched; else undefined. */
export function markMatchingTitles(titles: string[], mark: (title: string, index: number) => string | undefined): string[] | undefined {
  const marked = titles.map((title, index) => mark(title, index));
  return marked.some((html) => html !== undefined) ? marked.map((html, i) => html ?? escapeHtml(titles[i])) : undefined;
}
