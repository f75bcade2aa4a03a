/**
 * The interface is Swedish by default and switches to English from the header; the choice is
 * remembered across pages and new tabs, and switching keeps the user on the page they were on.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { en } from "../../app/locales/en";
import { sv } from "../../app/locales/sv";
import { newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

async function expectLanguage(page: Page, lang: "sv" | "en", heading: string) {
  await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
  expect(await page.locator("html").getAttribute("lang")).toBe(lang);
  const messages = lang === "en" ? en : sv;
  await page.getByRole("navigation", { name: messages["nav.main"], exact: true }).waitFor();
  await page.getByText(messages["footer.text"], { exact: true }).waitFor();
}

describe.each([
  { javaScript: "enabled", javaScriptEnabled: true },
  { javaScript: "disabled", javaScriptEnabled: false },
])("language switch with JavaScript $javaScript", ({ javaScriptEnabled }) => {
  test("Swedish by default; 'In English' switches, and the choice persists across navigation", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled, locale: "sv-SE" });
    const page = await context.newPage();
    const pageErrors = watchPageErrors(page);

    await page.goto("/");
    await waitForHydration(page, javaScriptEnabled);
    await expectLanguage(page, "sv", sv["home.title"]);

    await page.getByRole("button", { name: sv["nav.languageSwitch"], exact: true }).click();
    await expectLanguage(page, "en", en["home.title"]);
    expect(new URL(page.url()).pathname).toBe("/");

    // Following a link, and in a new tab, the interface stays English.
    await waitForHydration(page, javaScriptEnabled);
    await page.getByRole("link", { name: en["nav.directory"], exact: true }).click();
    await expectLanguage(page, "en", en["directory.title"]);
    const tab = await context.newPage();
    await tab.goto("/organisations/fontanhuset-lund");
    await tab.getByRole("heading", { level: 2, name: en["profile.about"], exact: true }).waitFor();
    expect(await tab.locator("html").getAttribute("lang")).toBe("en");
    await tab.close();

    // Switching back from a search keeps the search.
    await page.goto("/organisations?q=sallad");
    await waitForHydration(page, javaScriptEnabled);
    await page.getByRole("button", { name: en["nav.languageSwitch"], exact: true }).click();
    await expectLanguage(page, "sv", sv["directory.title"]);
    const url = new URL(page.url());
    expect(url.pathname + url.search).toBe("/organisations?q=sallad");
    await page.goto("/login");
    await expectLanguage(page, "sv", sv["auth.loginTitle"]);

    expect(pageErrors.errors).toEqual([]);
    await context.close();
  });
});

test("an English-speaking browser gets English until the user chooses", async () => {
  const context = await newContext(suite.browser, suite.server.baseUrl, { locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/organisations");
  await expectLanguage(page, "en", en["directory.title"]);
  await waitForHydration(page);
  await page.getByRole("button", { name: en["nav.languageSwitch"], exact: true }).click();
  await expectLanguage(page, "sv", sv["directory.title"]);
  await page.goto("/");
  await expectLanguage(page, "sv", sv["home.title"]);
  await context.close();
});
