import type { CSSVariablesResolver } from "@mantine/core";
import { convertCssVariables } from "mantine-parts/core/MantineProvider/convert-css-variables/convert-css-variables";
import { createTheme } from "mantine-parts/core/MantineProvider/create-theme/create-theme";
import { DEFAULT_THEME } from "mantine-parts/core/MantineProvider/default-theme";
import { defaultCssVariablesResolver } from "mantine-parts/core/MantineProvider/MantineCssVariables/default-css-variables-resolver";
import { mergeMantineTheme } from "mantine-parts/core/MantineProvider/merge-mantine-theme/merge-mantine-theme";

/**
 * Shades chosen for WCAG 2.1 AA contrast on white: the primary colour at shade 8 and dimmed text at
 * gray 7 both reach at least 4.5:1 against white and light backgrounds.
 */
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 6 },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  headings: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
  focusRing: "auto",
  defaultRadius: "md",
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7],
    "--mantine-color-placeholder": t.colors.gray[7],
    "--mantine-color-error": t.colors.red[9],
  },
  dark: {},
});

const defaultVariables = defaultCssVariablesResolver(DEFAULT_THEME);

/** The entries of `variables` that differ from Mantine's defaults. */
function changedFrom(defaults: Record<string, string>, variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter(([key, value]) => defaults[key] !== value));
}

/**
 * The theme's CSS variables as the `<style>` MantineProvider would write into every page, computed
 * once: the provider rebuilt them from the theme on every render, a noticeable part of a page's
 * server time. The root renders this with `withCssVariables={false}`; a unit test checks that the
 * text is exactly what Mantine writes.
 */
export const themeCssVariables: string = (() => {
  const full = mergeMantineTheme(DEFAULT_THEME, theme);
  const base = defaultCssVariablesResolver(full);
  const own = cssVariablesResolver(full);
  return convertCssVariables({
    variables: changedFrom(defaultVariables.variables, { ...base.variables, ...own.variables }),
    light: changedFrom(defaultVariables.light, { ...base.light, ...own.light }),
    dark: changedFrom(defaultVariables.dark, { ...base.dark, ...own.dark }),
  });
})();
