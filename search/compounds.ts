import { compoundPartsOf } from "../app/domain/compound-words";
import { synonymTerms } from "./synonyms";

/**
 * What every engine indexes beside a text's words, ranked below them: the compound parts of its
 * words ("Lunchsallader" → "sallader") and the synonyms of those parts ("salad", from the group of
 * "sallader"), so that "sallad", "salad" and "städning" find "Lunchsallader" and "storstädning"
 * on every engine alike. Decision 017.
 */
export function compoundTerms(text: string): string[] {
  const parts = compoundPartsOf(text);
  return parts.length === 0 ? [] : [...new Set([...parts, ...synonymTerms(parts.join("\n"))])];
}
