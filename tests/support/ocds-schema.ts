/**
 * The OCDS 1.1.5 release and package schemas with the extensions this project uses merged in as
 * JSON Merge Patches (RFC 7396), in the order tests/fixtures/ocds-extensions/README.md gives
 * (lots needs submissionTerms), compiled with Ajv's draft-04 class (`strict: false`, as the
 * extensions use keywords of their own), the release schema registered under its `id` so the
 * package schema's `$ref` resolves offline. Also the extensions' open codelists, which no schema
 * enforces.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(fixtures, file), "utf8"));

export const extensionsInOrder = ["submissionTerms", "lots", "bids", "otherRequirements", "contractTerms", "eu"] as const;

/** RFC 7396: objects merge, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    target !== null && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

export function extendedReleaseSchema(): Record<string, unknown> {
  return extensionsInOrder.reduce(
    (schema, name) => mergePatch(schema, read(`ocds-extensions/${name}/release-schema.json`)) as Record<string, unknown>,
    read("ocds-1.1.5/release-schema.json") as Record<string, unknown>,
  );
}

export function ocdsValidators() {
  const release = extendedReleaseSchema();
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(release, release.id as string);
  return { validateRelease: ajv.compile(release), validatePackage: ajv.compile(read("ocds-1.1.5/release-package-schema.json")) };
}

/** The codes of one of the extensions' codelists (its CSV's `Code` column). */
export function codelist(extension: string, file: string): string[] {
  const [header, ...rows] = fs
    .readFileSync(path.join(fixtures, "ocds-extensions", extension, "codelists", file), "utf8")
    .trim()
    .split(/\r?\n/);
  const column = header.split(",").indexOf("Code");
  return rows.map((row) => row.split(",")[column]);
}
