import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startTestSmtp, type TestSmtp } from "../../support/smtp";
import { launchBrowser } from "./browser";
import { startServer, type StartOptions, type TestServer } from "./server";

export interface Suite {
  server: TestServer;
  browser: Browser;
}

/** One built server with fresh demo data and one browser for the test file, stopped after it. */
export function useServerAndBrowser(options: () => StartOptions = () => ({})): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    // Both at once: the browser starts while the server loads its demo data. Whichever started is
    // kept, so that afterAll stops it even when the other failed.
    const [server, browser] = await Promise.allSettled([startServer(options()), launchBrowser()]);
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

/** The address the mailbox suite's server makes its links from (PUBLIC_URL): not where it listens. */
export const publicUrl = "https://stl.example";

/**
 * As `useServerAndBrowser`, with a real SMTP server (smtp-server) that the app sends its e-mail to:
 * what people are told is read from the mailbox, as they would read it. Links are made from
 * `publicUrl`; the meetings' periodic jobs run every two seconds.
 */
export function useServerBrowserAndMailbox(): Suite & { smtp: TestSmtp } {
  const mailbox = {} as { smtp: TestSmtp };
  beforeAll(async () => {
    mailbox.smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await mailbox.smtp?.stop();
  });
  const suite = useServerAndBrowser(() => ({
    env: { SMTP_URL: `smtp://127.0.0.1:${mailbox.smtp.port}`, PUBLIC_URL: publicUrl, MEETING_JOBS_INTERVAL_MS: "2000" },
  }));
  return Object.defineProperty(suite, "smtp", { get: () => mailbox.smtp }) as Suite & { smtp: TestSmtp };
}
