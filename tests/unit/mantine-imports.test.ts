import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Pages download only the Mantine components they use when every component is imported from its
 * own file (`mantine-parts/...`, see `paths` in tsconfig.json). One import of a value from the
 * `@mantine/core` barrel puts every component in the chunk of each route that reaches it: the
 * classic Remix compiler decides chunks before tree shaking. Types may come from the barrel: they
 * are erased.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const importStatement = /import\s+(type\s+)?(\{[^}]*\}|\*\s+as\s+\w+|\w+)\s+from\s+"@mantine\/core"/g;

describe("Mantine imports in app/", () => {
  it("take values from the component's own file, never from the @mantine/core barrel", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles("app")) {
      for (const match of readFileSync(file, "utf8").matchAll(importStatement)) {
        const [, typeOnly, names] = match;
        if (typeOnly) continue;
        const values = names.startsWith("{")
          ? names.slice(1, -1).split(",").map((name) => name.trim()).filter((name) => name && !name.startsWith("type "))
          : [names];
        if (values.length > 0) offenders.push(`${file}: ${values.join(", ")}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("recognises a barrel import when it sees one", () => {
    const sample = 'import { Button, type ButtonProps } from "@mantine/core";\nimport type { BoxProps } from "@mantine/core";';
    const found = [...sample.matchAll(importStatement)].map((match) => Boolean(match[1]));
    expect(found).toEqual([false, true]);
  });
});
