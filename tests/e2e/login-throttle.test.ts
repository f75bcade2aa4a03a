/**
 * Repeated wrong passwords for one account slow the attacker down: after ten failures the next
 * attempt is refused with 429 and a translated message, even with the right password.
 * Its own server: the throttle also counts per address, and every test connects from 127.0.0.1.
 */
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { newContext } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

async function attempt(page: Page, password: string): Promise<number> {
  await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill("buyer@example.org");
  await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill(password);
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: sv["auth.login"], exact: true }).click();
  const status = (await answer).status();
  await page.waitForLoadState();
  return status;
}

test("ten wrong passwords, then the login is throttled", async () => {
  // Without JavaScript every attempt is a full page, as the simplest client would see it.
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  for (let i = 1; i <= 10; i++) {
    expect(await attempt(page, `wrong-password-${i}`), `attempt ${i}`).toBe(400);
    await page.getByRole("alert").getByText(sv["auth.invalidCredentials"], { exact: true }).waitFor();
  }

  expect(await attempt(page, "wrong-password-11")).toBe(429);
  await page.getByRole("alert").getByText(sv["auth.throttled"], { exact: true }).waitFor();
  // The email stays filled in.
  expect(await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).inputValue()).toBe("buyer@example.org");

  // While throttled, even the right password does not log in.
  expect(await attempt(page, "demo-password")).toBe(429);
  await page.getByRole("alert").getByText(sv["auth.throttled"], { exact: true }).waitFor();
  expect(await page.getByRole("button", { name: sv["nav.logout"], exact: true }).count()).toBe(0);
  await context.close();
});
