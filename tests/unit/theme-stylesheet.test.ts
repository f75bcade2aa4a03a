import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { theme } from "../../app/theme";
import { themeStylesheet, themeStylesheetPath } from "../../app/styles/theme-stylesheet";

describe("the theme's stylesheet (app/styles/mantine-theme.css)", () => {
  it("is what MantineProvider writes for the theme: run `npm run theme:css` after changing app/theme.ts", () => {
    expect(fs.readFileSync(themeStylesheetPath, "utf8")).toBe(themeStylesheet());
  });

  it("carries the theme's own choices and Mantine's visibility classes", () => {
    const css = themeStylesheet();
    expect(css).toContain("--mantine-font-family: system-ui");
    expect(css).toContain(`--mantine-color-dimmed: ${theme.colors?.gray?.[7] ?? "#495057"}`);
    expect(css).toContain(".mantine-hidden-from-sm {display: none !important;}");
  });
});
