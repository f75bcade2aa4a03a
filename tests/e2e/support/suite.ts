import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startServer, type TestServer } from "./server";

export interface Suite {
  server: TestServer;
  browser: Browser;
}

/** One built server with fresh demo data and one browser for the test file, stopped after it. */
export function useServerAndBrowser(): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    // Both at once: the browser starts while the server loads its demo data. Whichever started is
    // kept, so that afterAll stops it even when the other failed.
    const [server, browser] = await Promise.allSettled([startServer(), launchBrowser()]);
    if (server.status === "fulfilled") suite.server = server.value;
    if (browser.status === "fulfilled") suite.browser = browser.value;
    if (server.status === "rejected") throw server.reason;
    if (browser.status === "rejected") throw browser.reason;
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
