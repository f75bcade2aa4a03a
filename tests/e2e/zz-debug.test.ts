import { test } from "vitest";
import { launchBrowser, newContext } from "./support/browser";
import { startServer } from "./support/server";
test("debug", async () => {
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  try {
    const ctx = await newContext(browser, server.baseUrl);
    const page = await ctx.newPage();
    const r = await page.goto("/signup");
    console.log(r?.status(), page.url());
    console.log((await page.content()).slice(0, 6000));
    console.log(await page.locator("main").ariaSnapshot());
  } finally { await browser.close(); await server.stop(); }
});
