/**
 * The site with JavaScript turned off: the server renders Mantine's colour
 * scheme, so forms are visible before and without hydration; axe, colour contrast included, runs
 * on every page visited; and the logo picker opens and uploads without JavaScript.
 */
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { logIn, newContext } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();
let visitor: BrowserContext;
let member: BrowserContext;
let axeContext: BrowserContext;

beforeAll(async () => {
  visitor = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false });
  member = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: false });
  axeContext = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: true });
  const page = await member.newPage();
  await logIn(page, "member@example.org");
  await page.close();
});
afterAll(async () => {
  await visitor?.close();
  await member?.close();
  await axeContext?.close();
});

const onePixelPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/**
 * WCAG 2.1 A/AA, colour contrast included: no serious or critical violation. axe runs as a script,
 * which a page with JavaScript disabled cannot run; so the exact document the no-JavaScript page
 * shows (its scripts removed, so nothing hydrates) is opened at the same address in a page that
 * may run axe, with the same stylesheets and images.
 */
async function expectAxeClean(page: Page, what: string): Promise<void> {
  // The page arrives streamed: after a form's submission the test has waited for one element of
  // the answer, and the rest may still be on its way. A copy of half a document once had a
  // checkbox without its label (Mantine writes the input first), so the whole document first.
  await page.waitForLoadState("load");
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const url = page.url().split("#")[0];
  const copy = await axeContext.newPage();
  await copy.setViewportSize(page.viewportSize() ?? { width: 1280, height: 900 });
  await copy.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  await copy.goto(url);
  expect(await copy.locator("script").count(), "nothing of the app runs in the copy").toBe(0);
  const results = await new AxeBuilder({ page: copy }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await copy.close();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
  expect(blocking, `axe on ${what} without JavaScript`).toEqual([]);
}

/** The element is drawn: a size, not transparent, and its text not the colour of what is behind it. */
async function expectVisible(page: Page, selector: string, what: string): Promise<void> {
  const look = await page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return {
        width: rect.width,
        height: rect.height,
        opacity: style.opacity,
        visibility: style.visibility,
        color: style.color,
        background: style.backgroundColor,
      };
    });
  expect(look.width * look.height, `${what} has a size`).toBeGreaterThan(0);
  expect(look.visibility, what).toBe("visible");
  expect(look.opacity, what).toBe("1");
  expect(look.color === look.background, `${what}: text colour ${look.color} on ${look.background}`).toBe(false);
}

describe("without JavaScript", () => {
  test("the server renders the colour scheme Mantine's styles need", async () => {
    const page = await visitor.newPage();
    await page.goto("/login");
    expect(await page.locator("html").getAttribute("data-mantine-color-scheme")).toBe("light");
    await page.close();
  });

  test("the login page shows its fields and button, and passes axe", async () => {
    const page = await visitor.newPage();
    await page.goto("/login");
    await expectVisible(page, 'input[name="email"]', "the e-mail box");
    await expectVisible(page, 'input[name="password"]', "the password box");
    await expectVisible(page, 'button[type="submit"]:has-text("Logga in")', "the login button");
    const button = await page.getByRole("button", { name: sv["auth.login"], exact: true }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(button, "the login button has a filled background").not.toBe("rgba(0, 0, 0, 0)");
    await expectAxeClean(page, "login");
    await page.close();
  });

  test("the directory shows its search button and filters, filters first, and passes axe", async () => {
    const page = await visitor.newPage();
    await page.goto("/organisations?area=Lund");
    await expectVisible(page, 'button[type="submit"]:has-text("Sök")', "the search button");
    const box = page.getByRole("searchbox", { name: sv["directory.searchLabel"], exact: true });
    await box.fill("städning");
    await box.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("q") === "städning");
    expect(await box.inputValue()).toBe("städning");
    await expectVisible(page, 'input[type="checkbox"][name="area"]', "a filter checkbox");
    await expectAxeClean(page, "directory");
    await page.close();
  });

  test("delivery sites are searchable", async () => {
    const page = await visitor.newPage();
    for (const site of ["Stadshuset", "Linero"]) {
      await page.goto(`/organisations?q=${encodeURIComponent(site)}`);
      expect(await page.getByRole("status").first().innerText(), `a search for ${site}`).not.toBe(sv["directory.count.other"].replace("{count}", "0"));
      expect(await page.getByText(sv["directory.empty"], { exact: true }).count(), `a search for ${site} finds the organisation delivering there`).toBe(0);
    }
    await page.close();
  });

  test("the edit page shows its save button and checkboxes, passes axe, and uploads a logo", async () => {
    const page = await member.newPage();
    await page.goto("/organisations/fontanhuset-lund/edit");
    await expectVisible(page, 'button[type="submit"]:has-text("Spara profilen")', "Spara profilen");
    await expectVisible(page, 'input[type="checkbox"][name="serviceAreas"]', "a service area checkbox");
    await expectVisible(page, 'input[type="file"][name="logo"]', "the logo file picker");
    await expectAxeClean(page, "edit");

    const logo = page.getByRole("region", { name: sv["edit.logo"], exact: true });
    // The visible picker is the real file input: a click opens the browser's file chooser.
    const chooser = page.waitForEvent("filechooser");
    await logo.getByLabel(sv["edit.logoFile"], { exact: true }).click();
    await (await chooser).setFiles({ name: "logo.png", mimeType: "image/png", buffer: onePixelPng });
    await logo.getByRole("button", { name: sv["edit.logoUpload"], exact: true }).click();
    await page.getByText(sv["edit.logoSaved"], { exact: true }).waitFor();
    await logo.getByRole("img", { name: sv["profile.logoAlt"].replace("{name}", "Fontänhuset Lund") }).waitFor();
    await expectAxeClean(page, "edit after a logo upload");
    await page.close();
  });

  test("the offering page passes axe, also with its confirmation and its errors showing", async () => {
    const page = await member.newPage();
    await page.goto("/organisations/fontanhuset-lund/edit");
    const href = (await page
      .getByRole("link", { name: new RegExp(`^${sv["edit.editOffering"]}: `) })
      .first()
      .getAttribute("href"))!;
    await page.goto(href);
    await expectVisible(page, 'button[type="submit"]:has-text("Spara erbjudandet")', "Spara erbjudandet");
    await expectAxeClean(page, "offering");
    await page.getByRole("link", { name: sv["offering.delete"], exact: true }).click();
    await page.getByRole("alertdialog").waitFor();
    await expectAxeClean(page, "offering with its delete confirmation");

    // A new capacity line starts with no day ticked and asks for one.
    await page.goto(href);
    const add = page.getByRole("region", { name: sv["offering.addCapacity"], exact: true });
    for (let d = 1; d <= 7; d++) {
      expect(await add.getByRole("checkbox", { name: sv[`weekday.${d}` as keyof typeof sv], exact: true }).isChecked()).toBe(false);
    }
    await add.getByRole("textbox", { name: new RegExp(`^${sv["capacity.quantity"]}`) }).fill("12");
    await add.getByRole("button", { name: sv["offering.addCapacity"], exact: true }).click();
    await page.getByRole("link", { name: `${sv["offering.weekdays"]}: ${sv["form.weekdays"]}` }).waitFor();
    await expectAxeClean(page, "offering with a failed capacity line");

    // "sallad" finds its CPV code.
    await page.goto(href);
    const form = page.getByRole("region", { name: sv["offering.editTitle"], exact: true });
    await form.getByRole("combobox", { name: sv["offering.cpv"] }).fill("sallad");
    await form.getByRole("button", { name: sv["offering.save"], exact: true }).click();
    await page.getByText(sv["offering.saved"], { exact: true }).waitFor();
    expect(await form.getByRole("combobox", { name: sv["offering.cpv"] }).inputValue()).toMatch(/^15894200-3 /);
    await page.close();
  });

  test("login → forgotten password page works and passes axe", async () => {
    const page = await visitor.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: sv["account.forgotLink"], exact: true }).click();
    await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill("member@example.org");
    await page.getByRole("button", { name: sv["account.sendLink"], exact: true }).click();
    await page.getByText(sv["account.linkSent"], { exact: true }).waitFor();
    await expectAxeClean(page, "forgotten password, sent");
    await page.close();
  });
});
