/**
 * Every page, as each kind of demo user, on a 390×844 phone in Chromium with JavaScript, once:
 * - it answers 200 and hydrates (which shows that React Router's inline scripts ran, allowed by
 *   the Content-Security-Policy's nonce, or by their hashes on a page from the HTML cache);
 * - the policy blocks nothing (a violation is logged to the console) and nothing fails in the
 *   browser (uncaught errors, console errors such as React's hydration mismatches);
 * - nothing is wider than the phone (no sideways scrolling);
 * - and, for the first user each page is visited as, axe finds no serious or critical violation
 *   of WCAG 2.1 A/AA.
 * The pages come from the route table of the authorisation matrix (tests/support/route-access.ts),
 * so a new route is visited too. Forms showing errors, confirmations, error pages and the English
 * interface have tests of their own (accessibility, phone-usability, no-javascript, language).
 */
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { routeAccess, unlistedSlug, type Placeholder, type Role } from "../support/route-access";
import { fillPlaceholders, sampleIds } from "../support/route-access-ids";
import { logIn, newContext, phone, waitForHydration } from "./support/browser";
import { expectNoSidewaysScrolling, seriousAxeViolations, sidewaysOverflow } from "./support/page-checks";
import { useServerAndBrowser } from "./support/suite";

/** The roles the demo data has accounts for. */
const demoAccounts: Partial<Record<Role, string | null>> = {
  anonymous: null,
  owner: "member@example.org",
  buyer: "buyer@example.org",
  coordinator: "coordinator@example.org",
  admin: "admin@example.org",
};

const suite = useServerAndBrowser();
const contexts = new Map<Role, BrowserContext>();
let ids = new Map<Placeholder, string>();

// Runs after the suite's own beforeAll has started the server and the browser (hooks run in order).
beforeAll(async () => {
  await Promise.all(
    (Object.entries(demoAccounts) as [Role, string | null][]).map(async ([role, email]) => {
      const context = await newContext(suite.browser, suite.server.baseUrl, { viewport: phone });
      if (email) {
        const page = await context.newPage();
        await logIn(page, email);
        await page.close();
      }
      contexts.set(role, context);
    }),
  );
  // The ids the sample URLs need (and the draft request and published report the demo lacks).
  const db = openDatabase(suite.server.database);
  try {
    ids = await sampleIds(db);
  } finally {
    await db.destroy();
  }
});

/**
 * What would break the page for its user while `page` shows it: a blocked script, style, frame or
 * connection; an uncaught error; a console error. `stop()` ends the watch.
 */
function watch(page: Page): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    else if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(`console.error: ${message.text()}`);
  };
  const onError = (error: Error) => problems.push(`Uncaught: ${error.message}`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  return {
    problems,
    stop: () => {
      page.off("console", onConsole);
      page.off("pageerror", onError);
    },
  };
}

/**
 * Tabs to reuse, per user: each new tab costs Chromium a renderer process, and the sweep opens
 * some two hundred pages. A tab is navigated to its next page, so nothing of the last one stays.
 */
const idleTabs = new Map<Role, Page[]>();
async function withTab<T>(role: Role, use: (page: Page) => Promise<T>): Promise<T> {
  const page = idleTabs.get(role)?.pop() ?? (await contexts.get(role)!.newPage());
  try {
    return await use(page);
  } finally {
    idleTabs.set(role, [...(idleTabs.get(role) ?? []), page]);
  }
}

/**
 * Whether the URL answers with a page rather than a resource (an image, JSON, a download), asked
 * once per URL without following redirects. A kept-alive connection the server closed just as it
 * was reused answers ECONNRESET (browsers retry those by themselves); with five pages at a time
 * that happens now and then, so such a reset is tried once more.
 */
const answersWithPage = new Map<string, Promise<boolean>>();
function isPage(context: BrowserContext, url: string): Promise<boolean> {
  let known = answersWithPage.get(url);
  if (!known) {
    const probe = async () => {
      try {
        return await context.request.get(url, { maxRedirects: 0 });
      } catch (error) {
        if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
        return context.request.get(url, { maxRedirects: 0 });
      }
    };
    known = probe().then((answer) => (answer.headers()["content-type"] ?? "").startsWith("text/html"));
    answersWithPage.set(url, known);
  }
  return known;
}

const visits = routeAccess.flatMap((entry) =>
  (Object.keys(demoAccounts) as Role[])
    .filter((role) => (entry.browserGet ?? entry.get)?.[role] === 200 && !entry.path.includes(unlistedSlug))
    .map((role) => ({ role, path: entry.path })),
);
/** axe once per page: as the first user it is visited as. */
const axeVisits = new Set(visits.filter((visit, i) => visits.findIndex((other) => other.path === visit.path) === i));

describe("the checks themselves", () => {
  it("see a blocked inline script", async () => {
    const page = await contexts.get("anonymous")!.newPage();
    const { problems } = watch(page);
    await page.goto("/");
    await waitForHydration(page);
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
    });
    await expect.poll(() => problems.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    await page.close();
  });

  it("see an element wider than the phone", async () => {
    const page = await contexts.get("anonymous")!.newPage();
    await page.goto("/privacy");
    // Added after hydration, or React may take the page back without it.
    await waitForHydration(page);
    await page.evaluate(() => {
      const wide = document.createElement("div");
      wide.style.width = "600px";
      wide.textContent = "wide";
      document.querySelector("main")!.append(wide);
    });
    const overflow = await sidewaysOverflow(page);
    expect(overflow.wide.join()).toContain("wide");
    expect(overflow.scrollWidth).toBeGreaterThan(overflow.width);
    await page.close();
  });

  it("wait for hydration: the server's page has no marker, React sets it, and without JavaScript nothing does", async () => {
    const html = await (await fetch(new URL("/organisations", suite.server.baseUrl))).text();
    expect(html).not.toContain("data-hydrated");
    const page = await contexts.get("anonymous")!.newPage();
    await page.goto("/organisations");
    await waitForHydration(page);
    // By then React owns the page's elements.
    expect(await page.evaluate(() => Object.keys(document.querySelector("main")!).some((key) => key.startsWith("__reactFiber$")))).toBe(true);
    await page.close();
    const noScript = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false, viewport: phone });
    const plain = await noScript.newPage();
    await plain.goto("/organisations");
    await plain.waitForLoadState("load");
    expect(await plain.locator("html[data-hydrated]").count()).toBe(0);
    await noScript.close();
  });
});

describe("every page as each user, on a phone", () => {
  // Several pages at once (vitest's maxConcurrency, 5): the browser and the server take turns.
  for (const visit of visits) {
    const { role, path } = visit;
    const withAxe = axeVisits.has(visit);
    it.concurrent(`${path} as ${role}${withAxe ? ", with axe" : ""}`, async ({ expect }) => {
      const url = fillPlaceholders(path, ids);
      // Resource routes are not pages; only pages are opened.
      if (!(await isPage(contexts.get(role)!, url))) return;
      await withTab(role, async (page) => {
        const watching = watch(page);
        try {
          const response = await page.goto(url);
          expect(response?.status()).toBe(200);
          await waitForHydration(page);
          await expectNoSidewaysScrolling(page, `${url} as ${role}`);
          if (withAxe) {
            const blocking = await seriousAxeViolations(page);
            expect(
              blocking.map(
                (v) =>
                  `${v.impact} ${v.id}: ${v.help} at ${v.nodes
                    .map((n) => n.target.join(" "))
                    .slice(0, 3)
                    .join(" | ")}`,
              ),
              `axe on ${url} as ${role}`,
            ).toEqual([]);
          }
          expect(watching.problems).toEqual([]);
        } finally {
          watching.stop();
        }
      });
    });
  }
});
