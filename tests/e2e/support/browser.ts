/**
 * Chromium for the end-to-end tests, driven by playwright-core.
 *
 * Which Chromium: `CHROMIUM_PATH` when set, else `/usr/bin/chromium` when present, else the
 * Chromium shipped inside the npm package `@sparticuz/chromium` (unpacked into the temp directory
 * on first use; nothing is downloaded). When none can be started the tests fail with the reason:
 * they are never skipped.
 */
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { sv } from "../../../app/locales/sv";

const systemChromium = "/usr/bin/chromium";

const systemArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * @sparticuz/chromium's flags are made for one page per Lambda call. Left out here:
 * - `--single-process`, which makes Chromium die when a second browser context opens (the tests
 *   open several per browser);
 * - the web-security switches, which would hide problems the real browser has;
 * - its GPU emulated in software (SwiftShader through ANGLE) and `--no-zygote`, which starts each
 *   renderer as a new process. Without them (and with `--disable-gpu`, as for the system
 *   Chromium) Chromium composites in software and forks renderers from its zygote: the same pages
 *   and axe runs take half the browser's CPU time, and the whole suite about a quarter less
 *   (decision 022).
 */
const sparticuzArgsLeftOut = new Set([
  "--single-process",
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--use-gl=angle",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--in-process-gpu",
  "--ignore-gpu-blocklist",
  "--no-zygote",
]);

export async function launchBrowser(): Promise<Browser> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) {
      throw new Error(`CHROMIUM_PATH is set to ${configured}, but there is no file there. Unset it to use @sparticuz/chromium.`);
    }
    return launchOrExplain(configured, systemArgs, `CHROMIUM_PATH (${configured})`);
  }
  if (fs.existsSync(systemChromium)) return launchOrExplain(systemChromium, systemArgs, systemChromium);

  let executablePath: string;
  let args: string[];
  try {
    const { default: packaged } = await import("@sparticuz/chromium");
    executablePath = await packaged.executablePath();
    args = [...packaged.args.filter((arg) => !sparticuzArgsLeftOut.has(arg)), "--disable-gpu"];
  } catch (error) {
    throw new Error(
      `No Chromium for the end-to-end tests: CHROMIUM_PATH is unset, ${systemChromium} does not exist, and the Chromium ` +
        `inside the npm package @sparticuz/chromium could not be unpacked (${describe(error)}). Run \`npm ci\`, or set CHROMIUM_PATH.`,
      { cause: error },
    );
  }
  return launchOrExplain(executablePath, args, `@sparticuz/chromium (${executablePath})`);
}

async function launchOrExplain(executablePath: string, args: string[], source: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, args, headless: true, timeout: 60_000 });
  } catch (error) {
    // Playwright's message repeats the whole command line; what Chromium printed is what explains.
    const detail = (error instanceof Error ? error.message : String(error))
      .split("\n")
      .filter((line) => !line.startsWith("<launching>"))
      .join("\n");
    // @sparticuz/chromium brings its own Chromium but uses the system's NSS (libnss3, libnspr4).
    const hint = /error while loading shared libraries/.test(detail)
      ? "\nChromium needs shared libraries the system lacks (on Debian/Ubuntu: apt-get install libnss3), or set CHROMIUM_PATH to a working Chromium."
      : "";
    throw new Error(`Chromium from ${source} did not start.${hint}\n${detail.slice(0, 3_000)}`, { cause: error });
  }
}

export interface ContextOptions {
  javaScriptEnabled?: boolean;
  /** The browser's language (Accept-Language); the app shows Swedish for sv-SE. */
  locale?: string;
  /** The window's size; by default a 1280×900 desktop (`phone` is a 390×844 one). */
  viewport?: { width: number; height: number };
}

/** The phone every page must fit: 390×844 CSS pixels. */
export const phone = { width: 390, height: 844 };

/** A fresh context (own cookies) that resolves relative URLs against the test server. */
export async function newContext(browser: Browser, baseUrl: string, options: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? "sv-SE",
    timezoneId: "Europe/Stockholm",
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  // Fail fast on a missing element rather than at the test's own time limit.
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/**
 * Collects what would break the page for a user: uncaught exceptions and console errors (React
 * hydration mismatches are reported there). Failed resource loads are left to the tests, which
 * check the statuses they expect.
 */
export function watchPageErrors(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`Uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (message.text().startsWith("Failed to load resource")) return;
    errors.push(`console.error: ${message.text()}`);
  });
  return { errors };
}

/**
 * Waits until React has hydrated the page (the root layout then sets `data-hydrated` on <html>), so
 * that forms submit through React Router. A no-op without JavaScript.
 */
export async function waitForHydration(page: Page, javaScriptEnabled = true): Promise<void> {
  if (!javaScriptEnabled) return;
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Logs in through the form, in Swedish. Resolves once the app has answered. */
export async function logIn(page: Page, email: string, password = "demo-password"): Promise<void> {
  await page.goto("/login");
  await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill(email);
  await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill(password);
  await page.getByRole("button", { name: sv["auth.login"], exact: true }).click();
  await waitUntilSignedIn(page);
}

/** The notification bell's name, whatever the count: it is in the header of every signed-in page, on a phone too. */
const bellName = new RegExp(
  `^(${[sv["nav.unread.one"], sv["nav.unread.other"]].map((text) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("{count}", "\\d+")).join("|")})$`,
);

/** Waits until the page shows a signed-in header. */
export async function waitUntilSignedIn(page: Page): Promise<void> {
  await page.getByRole("link", { name: bellName }).waitFor();
}

/** On a phone the menu is folded into "Meny": opens it (a no-op on a wide screen, or when open). */
export async function openMenu(page: Page): Promise<void> {
  const summary = page.locator("summary").filter({ hasText: sv["nav.menu"] });
  if (!(await summary.isVisible())) return;
  if (await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open)) return;
  await summary.click();
}

export async function logOut(page: Page): Promise<void> {
  await openMenu(page);
  await page.getByRole("button", { name: sv["nav.logout"], exact: true }).click();
  await page.getByText(sv["auth.loggedOut"], { exact: true }).waitFor();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}
