import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allCatalogues } from "../../app/locales/catalogues";

/**
 * Each page downloads only core and the catalogues its route names (`handle`), so a route that
 * uses a key of another catalogue would show the key itself. This reads every route's module graph
 * as the browser gets it (app modules, not `.server` ones) and checks that the catalogues of the
 * keys it finds are named: exact key literals, and template literals such as `pilot.kind.${k}`
 * (every catalogue with a key under that prefix). Keys that reach a page only through loader or
 * action data from a `.server` module are caught at run time instead: the test servers treat a
 * missing key as an error (STRICT_MESSAGES).
 */
const app = resolve(__dirname, "../../app");
const catalogueOfKey = new Map<string, string>();
for (const catalogue of allCatalogues) for (const key of Object.keys(catalogue.sv)) catalogueOfKey.set(key, catalogue.name);

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = resolve(dirname(from), spec);
  for (const file of [`${base}.ts`, `${base}.tsx`, base, join(base, "index.ts")]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

function moduleGraph(entry: string, { withServer }: { withServer: boolean }): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    // Type-only imports are erased before the browser gets the module, so they bring no keys.
    for (const m of text.matchAll(/(?:import|export)\s(?!type\s)[^;]*?from\s+"([^"]+)"|import\s+"([^"]+)"/g)) {
      const target = resolveImport(file, m[1] ?? m[2]);
      if (!target || target.includes(`${app}/locales/`)) continue;
      if (!withServer && /\.server\.tsx?$/.test(target)) continue;
      visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

function cataloguesUsed(files: string[]): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const note = (catalogue: string, where: string) => {
    const list = used.get(catalogue) ?? [];
    if (!list.includes(where)) list.push(where);
    used.set(catalogue, list);
  };
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const where = relative(app, file);
    for (const m of text.matchAll(/["'`]([a-zA-Z]+\.[\w.]+)["'`]/g)) {
      // A counted message is named by the part before its plural category: counted("security.sessionsCount", n).
      const catalogue = catalogueOfKey.get(m[1]) ?? catalogueOfKey.get(`${m[1]}.one`);
      if (catalogue) note(catalogue, `${where}: ${m[1]}`);
    }
    for (const m of text.matchAll(/`([a-zA-Z]+\.[\w.]*)\$\{/g)) {
      for (const [key, catalogue] of catalogueOfKey) if (key.startsWith(m[1])) note(catalogue, `${where}: ${m[1]}…`);
    }
  }
  return used;
}

function declaredCatalogues(file: string): string[] {
  const call = /messagesHandle\(([^)]*)\)/.exec(readFileSync(file, "utf8"));
  if (!call) return [];
  return call[1]
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => name.replace(/Messages$/, ""));
}

// Resource routes (CSV, JSON, iCalendar) render no page: their texts come from the server translator.
const routeFiles = readdirSync(join(app, "routes"))
  .map((name) => join(app, "routes", name))
  .filter((file) => /^export default /m.test(readFileSync(file, "utf8")));

describe("the catalogues each page downloads", () => {
  it("has every catalogue named after the first segment of its keys", () => {
    for (const catalogue of allCatalogues) {
      const firsts = new Set(Object.keys(catalogue.sv).map((key) => key.split(".")[0]));
      for (const other of allCatalogues) {
        if (other === catalogue) continue;
        for (const key of Object.keys(other.sv)) expect(firsts.has(key.split(".")[0]), `${key} in ${other.name}`).toBe(false);
      }
    }
  });

  it("needs only core in the root (the layout, the error page)", () => {
    const used = cataloguesUsed(moduleGraph(join(app, "root.tsx"), { withServer: false }));
    used.delete("core");
    expect(Object.fromEntries(used)).toEqual({});
  });

  it.each(routeFiles.map((file) => [relative(app, file), file]))("%s names the catalogues its page uses, and no others", (_, file) => {
    const needed = cataloguesUsed(moduleGraph(file, { withServer: false }));
    needed.delete("core");
    const declared = declaredCatalogues(file);
    const missing = Object.fromEntries([...needed].filter(([name]) => !declared.includes(name)));
    expect(missing, "used, but not in the route's messagesHandle(...)").toEqual({});
    const allowed = cataloguesUsed(moduleGraph(file, { withServer: true }));
    expect(
      declared.filter((name) => !allowed.has(name)),
      "named, but no key of it is used",
    ).toEqual([]);
    expect(new Set(declared).size, "named twice").toBe(declared.length);
  });
});
