import { MantineProvider } from "@mantine/core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { cssVariablesResolver, theme, themeCssVariables } from "../../app/theme";

/** The text of the `<style data-mantine-styles>` MantineProvider writes itself for our theme. */
function mantineOwnVariables(): string {
  const html = renderToString(createElement(MantineProvider, { theme, cssVariablesResolver, defaultColorScheme: "light" }, createElement("main")));
  const match = /<style data-mantine-styles="true">([\s\S]*?)<\/style>/.exec(html);
  if (!match) throw new Error(`MantineProvider wrote no CSS variables: ${html.slice(0, 200)}`);
  return match[1];
}

describe("the theme's CSS variables, computed once", () => {
  it("are exactly what MantineProvider writes on every render", () => {
    expect(themeCssVariables).toBe(mantineOwnVariables());
  });

  it("carry the theme's own choices: its fonts and the darker dimmed text", () => {
    expect(themeCssVariables).toContain("--mantine-font-family: system-ui");
    expect(themeCssVariables).toContain(`--mantine-color-dimmed: ${theme.colors?.gray?.[7] ?? "#495057"}`);
  });
});
