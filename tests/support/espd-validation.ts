/**
 * Validates an ESPD Response (ESPD-EDM 4.1.0) the way the official `espd-validation.bat` does:
 * against the UBL 2.3 QualificationApplicationResponse XSD, then against the twelve precompiled
 * Schematron stylesheets in the official order. Everything runs from npm packages: xmllint
 * (libxml2 as WebAssembly, `xmllint-wasm`) for the XSD and SaxonJS (`xslt3`, `saxon-js`) for the
 * XSLT 2.0 rules, so a fresh clone needs nothing but `npm ci` (decision 023). The schemas and rules
 * are in tests/fixtures/espd-edm-4.1.0, with their licence.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { validateXML } from "xmllint-wasm";

const require = createRequire(import.meta.url);
const SaxonJS = require("saxon-js") as {
  transform(options: { stylesheetFileName: string; sourceText: string; destination: "serialized" }, mode: "async"): Promise<{ principalResult: string }>;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, "../fixtures/espd-edm-4.1.0");
const xsdRoot = path.join(fixtures, "ubl-2.3/xsdrt");
const rulesDir = path.join(fixtures, "validation/ESPDResponse/xsl");

/** The order of `espd-validation.bat` (ESPD-EDM 4.1.0). */
export const ruleFiles = [
  "01-ESPD-codelist-values",
  "02-ESPD-resp-cardinality-br",
  "04-ESPD-common-other-br",
  "05-ESPD-resp-eo-br",
  "04-ESPD-resp-other-br",
  "03-ESPD-common-criterion-br",
  "05-ESPD-resp-role-br",
  "03-ESPD-resp-criterion-br",
  "05-ESPD-resp-qualification-br",
  "05-ESPD-resp-specific-br",
  "01-ESPD-common-cl-attributes",
  "01-ESPD-common-cl-values-restrictions",
] as const;

export interface XsdResult {
  valid: boolean;
  errors: string[];
}

const schemaFiles = (() => {
  let files: { fileName: string; contents: string }[] | null = null;
  return () =>
    (files ??= ["maindoc", "common"].flatMap((dir) =>
      fs
        .readdirSync(path.join(xsdRoot, dir))
        .filter((f) => f.endsWith(".xsd"))
        .map((f) => ({ fileName: `${dir}/${f}`, contents: fs.readFileSync(path.join(xsdRoot, dir, f), "utf8") })),
    ));
})();

export async function validateEspdSchema(xml: string, fileName = "espd-response.xml"): Promise<XsdResult> {
  const files = schemaFiles();
  const main = files.find((f) => f.fileName === "maindoc/UBL-QualificationApplicationResponse-2.3.xsd")!;
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [main],
    preload: files.filter((f) => f !== main),
    maxMemoryPages: 4096,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

export interface RuleFailure {
  rules: string;
  id: string;
  flag: string;
  text: string;
}

/**
 * SaxonJS runs compiled stylesheets (SEF). They are compiled once from the fixtures by the `xslt3`
 * command, next to their sources (so `document('ESPD-criterion.xml')` resolves as in the official
 * setup) in a cache folder named by the sources' hash; later runs reuse them.
 */
const cacheDir = path.resolve(here, "../../node_modules/.cache/espd-rules");

async function compiledRules(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of fs.readdirSync(rulesDir).sort()) hash.update(file).update(fs.readFileSync(path.join(rulesDir, file)));
  hash.update((require("xslt3/package.json") as { version: string }).version);
  const dir = path.join(cacheDir, hash.digest("hex").slice(0, 16));
  if (ruleFiles.every((name) => fs.existsSync(path.join(dir, `${name}.sef.json`)))) return dir;
  const building = `${dir}.${process.pid}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  for (const file of fs.readdirSync(rulesDir)) fs.copyFileSync(path.join(rulesDir, file), path.join(building, file));
  const xslt3 = require.resolve("xslt3/xslt3.js");
  const run = promisify(execFile);
  // Two at a time: the machine has two cores.
  const queue = [...ruleFiles];
  await Promise.all(
    [0, 1].map(async () => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        await run(process.execPath, [
          xslt3,
          `-xsl:${path.join(building, `${name}.xsl`)}`,
          `-export:${path.join(building, `${name}.sef.json`)}`,
          "-nogo",
          "-relocate:on",
        ]);
      }
    }),
  );
  try {
    fs.renameSync(building, dir);
  } catch {
    // Another test process finished the same compilation first; its copy is the same.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** Every failed assertion of the twelve rule files, in the official order (none: the document passes). */
export async function checkEspdRules(xml: string): Promise<RuleFailure[]> {
  const dir = await compiledRules();
  const failures: RuleFailure[] = [];
  for (const rules of ruleFiles) {
    const { principalResult } = await SaxonJS.transform(
      { stylesheetFileName: path.join(dir, `${rules}.sef.json`), sourceText: xml, destination: "serialized" },
      "async",
    );
    for (const m of principalResult.matchAll(/<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g)) {
      const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[1])?.[1] ?? "";
      const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[2])?.[1].trim() ?? "";
      failures.push({ rules, id: attribute("id"), flag: attribute("flag"), text });
    }
  }
  return failures;
}
