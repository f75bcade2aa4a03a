import { createTheme, type CSSVariablesResolver } from "@mantine/core";

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
  components: {
    // A table wider than a phone scrolls sideways inside its container; keyboard users scroll it
    // once it can take the focus (WCAG 2.1.1; axe's scrollable-region-focusable at 390 px).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});

/** Variables of our own; they reach the pages through app/styles/mantine-theme.css (npm run theme:css). */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": t.colors.gray[7],
    "--mantine-color-placeholder": t.colors.gray[7],
    "--mantine-color-error": t.colors.red[9],
  },
  dark: {},
});
