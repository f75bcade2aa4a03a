/**
 * `npm run theme:css` writes `app/styles/mantine-theme.css`: the CSS variables and global classes
 * that MantineProvider would otherwise write into every page as `<style>` elements (12 KB of each
 * page's HTML, sent again on every page). As part of the CSS bundle the browser keeps them with the
 * rest of the styles. The root renders MantineProvider with `withCssVariables={false}` and
 * `withGlobalClasses={false}`; `tests/unit/theme-stylesheet.test.ts` fails when the file is no
 * longer what Mantine writes for the theme in `app/theme.ts` (after changing the theme, run this).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { cssVariablesResolver, theme } from "../theme";

export const themeStylesheetPath = fileURLToPath(new URL("./mantine-theme.css", import.meta.url));

/** The stylesheet's text: what MantineProvider writes for the theme, in its order. */
export function themeStylesheet(): string {
  const html = renderToString(createElement(MantineProvider, { theme, cssVariablesResolver, defaultColorScheme: "light" }, createElement("main")));
  const styles = [...html.matchAll(/<style data-mantine-styles="(true|classes)">([\s\S]*?)<\/style>/g)];
  const text = (kind: string) => {
    const found = styles.find((s) => s[1] === kind);
    if (!found) throw new Error(`MantineProvider wrote no <style data-mantine-styles="${kind}">: ${html.slice(0, 200)}`);
    return found[2];
  };
  return [
    "/* Written by `npm run theme:css` from app/theme.ts (app/styles/theme-stylesheet.ts): do not edit. */",
    "/* The theme's CSS variables, as MantineProvider writes them. */",
    text("true"),
    "/* Mantine's responsive visibility classes (hiddenFrom, visibleFrom). */",
    text("classes"),
    "",
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  fs.writeFileSync(themeStylesheetPath, themeStylesheet());
  console.info(`Wrote ${themeStylesheetPath}.`);
}
