/**
 * Every page, as each kind of demo user, in Chromium with JavaScript: the Content-Security-Policy
 * must not block anything (a violation is logged to the console), and every page must hydrate,
 * which shows that React Router's inline scripts carried the nonce. The pages come from the route table
 * of the authorisation matrix (tests/support/route-access.ts), so a new route is visited too.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { routeAccess, unlistedSlug, type Placeholder, type Role } from "../support/route-access";
import { fillPlaceholders, sampleIds } from "../support/route-access-ids";
import { launchBrowser, logIn, newContext, waitForHydration } from "./support/browser";
import { startServer, type TestServer } from "./support/server";
import type { Browser } from "playwright-core";

/** The roles the demo data has accounts for. */
const demoAccounts: Partial<Record<Role, string | null>> = {
  anonymous: null,
  owner: "member@example.org",
  buyer: "buyer@example.org",
  coordinator: "coordinator@example.org",
  admin: "admin@example.org",
};

let server: TestServer;
let browser: Browser;
const contexts = new Map<Role, BrowserContext>();
let ids = new Map<Placeholder, string>();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const [role, email] of Object.entries(demoAccounts) as [Role, string | null][]) {
    const context = await newContext(browser, server.baseUrl);
    if (email) {
      const page = await context.newPage();
      await logIn(page, email);
      await page.close();
    }
    contexts.set(role, context);
  }
  // The ids the sample URLs need (and the draft request the demo lacks), from the server's database.
  const db = openDatabase(server.database);
  try {
    ids = await sampleIds(db);
  } finally {
    await db.destroy();
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Console messages that report a blocked script, style, frame or connection. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(`Uncaught: ${error.message}`));
  return violations;
}

/**
 * The page's answer without following redirects. A kept-alive connection the server closed just as
 * it was reused answers ECONNRESET (browsers retry those by themselves); with five pages at a time
 * that happens now and then, so such a reset is tried once more.
 */
async function probeOnce(context: BrowserContext, url: string) {
  try {
    return await context.request.get(url, { maxRedirects: 0 });
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
    return context.request.get(url, { maxRedirects: 0 });
  }
}

const visits = routeAccess.flatMap((entry) =>
  (Object.keys(demoAccounts) as Role[])
    .filter((role) => (entry.browserGet ?? entry.get)?.[role] === 200 && !entry.path.includes(unlistedSlug))
    .map((role) => ({ role, path: entry.path })),
);

describe("no CSP violation on any page", () => {
  it("the check itself sees a blocked inline script", async () => {
    const page = await contexts.get("anonymous")!.newPage();
    const violations = watchCsp(page);
    await page.goto("/");
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    await page.close();
  });

  // Several pages at once (vitest's maxConcurrency, 5): each waits for the network to be idle
  // for half a second, and one after the other that alone took minutes.
  for (const { role, path } of visits) {
    it.concurrent(`${path} as ${role}`, async ({ expect }) => {
      const context = contexts.get(role)!;
      const url = fillPlaceholders(path, ids);
      // Resource routes (an image, JSON, a download) are not pages; only pages are opened.
      const probe = await probeOnce(context, url);
      if (!(probe.headers()["content-type"] ?? "").startsWith("text/html")) return;
      const page = await context.newPage();
      const violations = watchCsp(page);
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await waitForHydration(page);
      // Let late scripts and styles load before judging.
      await page.waitForLoadState("networkidle");
      expect(violations).toEqual([]);
      await page.close();
    });
  }
});
