/**
 * The checks every page gets (tests/e2e/every-page.test.ts) and the tests of particular states reuse:
 * nothing wider than the screen, and axe's WCAG 2.1 A/AA rules without a serious or critical violation.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Elements that stick out beyond the right edge (a table's own scroll container may), and how wide the page scrolls. */
export async function sidewaysOverflow(page: Page): Promise<{ wide: string[]; scrollWidth: number; bodyScrollWidth: number; width: number }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const inFittingScrollBox = (el: Element) => {
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        const overflowX = getComputedStyle(box).overflowX;
        if ((overflowX === "auto" || overflowX === "scroll") && box.getBoundingClientRect().right <= width + 1) return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        // Inside a box that scrolls sideways and itself fits (a table's scroll container, Mantine's or
        // the plain one of the printable documents), which shows that it scrolls, is fine; the page
        // itself must not. What is not shown (a chart's tooltip while no point is hovered) sticks out nowhere.
        return r.right > width + 1 && !inFittingScrollBox(el) && getComputedStyle(el).visibility !== "hidden";
      })
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}" (${Math.round(el.getBoundingClientRect().right)}px)`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body.scrollWidth, width, wide };
  });
}

export async function expectNoSidewaysScrolling(page: Page, what: string): Promise<void> {
  const overflow = await sidewaysOverflow(page);
  expect(overflow.wide, `elements beyond the right edge of ${what}`).toEqual([]);
  expect(overflow.bodyScrollWidth, `the page body of ${what} scrolls sideways`).toBeLessThanOrEqual(overflow.width);
  expect(overflow.scrollWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(overflow.width);
}

/** axe on the page as it is now: WCAG 2.1 A and AA, the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export async function expectAxeClean(page: Page, what: string): Promise<void> {
  const blocking = await seriousAxeViolations(page);
  // A short list in the diff, the details (elements, colours, fixes) in the message.
  const summary = blocking.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
  expect(summary, describeViolations(`${what} (${page.url()})`, blocking)).toEqual([]);
}

function describeViolations(where: string, violations: Result[]): string {
  if (violations.length === 0) return "";
  const lines = [`${violations.length} serious or critical axe violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(" ")}`);
      lines.push(`       ${node.html.slice(0, 200)}`);
      if (node.failureSummary) lines.push(...node.failureSummary.split("\n").map((l) => `       ${l}`));
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
  }
  return lines.join("\n");
}
