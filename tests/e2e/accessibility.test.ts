/**
 * WCAG 2.1 A/AA with axe in the states a page reaches only by use, on a wide screen: forms showing
 * errors, confirmations, error pages, search results, the English interface, a profile with a logo:
 * no violation of serious or critical impact. Every page as it first opens is checked by
 * tests/e2e/every-page.test.ts (axe once per page, on a phone).
 */
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { en } from "../../app/locales/en";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { expectAxeClean } from "./support/page-checks";
import { onePixelPng, submitLogo } from "./support/logo";
import { useServerAndBrowser } from "./support/suite";

type Who = "visitor" | "visitor (English)" | "member" | "coordinator" | "admin";

const suite = useServerAndBrowser();
const contexts = new Map<Who, BrowserContext>();

const accounts: Partial<Record<Who, string>> = {
  member: "member@example.org",
  coordinator: "coordinator@example.org",
  admin: "admin@example.org",
};

// Runs after the suite's own beforeAll has started the server and the browser (hooks run in order).
beforeAll(async () => {
  for (const who of ["visitor", "visitor (English)", "member", "coordinator", "admin"] as const) {
    const context = await newContext(suite.browser, suite.server.baseUrl, { locale: who === "visitor (English)" ? "en-GB" : "sv-SE" });
    const email = accounts[who];
    if (email) {
      const page = await context.newPage();
      await logIn(page, email);
      await page.close();
    }
    contexts.set(who, context);
  }
});

interface Check {
  name: string;
  who: Who;
  /** Opens the page and brings it into the state to check; returns the HTTP status. */
  open: (page: Page) => Promise<number | undefined>;
  status?: number;
}

const goto = (path: string) => async (page: Page) => (await page.goto(path))?.status();

const checks: Check[] = [
  { name: "home in English", who: "visitor (English)", open: goto("/") },
  { name: "directory search with highlights", who: "visitor", open: goto("/organisations?q=sallad") },
  { name: "directory with facets and no hits", who: "visitor", open: goto("/organisations?kind=buyer&reserved=1&q=asdfgh") },
  { name: "directory in English", who: "visitor (English)", open: goto("/organisations?kind=work_integrating") },
  { name: "profile in English", who: "visitor (English)", open: goto("/organisations/iris-kraft") },
  {
    name: "log in, failed",
    who: "visitor",
    status: 400,
    open: async (page) => {
      await page.goto("/login");
      await waitForHydration(page);
      await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill("nobody@example.org");
      await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill("wrong-password");
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: sv["auth.login"], exact: true }).click();
      await page.getByRole("alert").getByText(sv["auth.invalidCredentials"]).waitFor();
      return (await response).status();
    },
  },
  {
    name: "sign up, failed",
    who: "visitor",
    status: 400,
    open: async (page) => {
      await page.goto("/signup");
      await waitForHydration(page);
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: sv["auth.signup"], exact: true }).click();
      await page.getByRole("alert").waitFor();
      return (await response).status();
    },
  },
  { name: "not found", who: "visitor", status: 404, open: goto("/organisations/no-such-organisation") },
  {
    name: "edit profile, failed",
    who: "member",
    status: 400,
    open: async (page) => {
      await page.goto("/organisations/fontanhuset-lund/edit");
      await waitForHydration(page);
      const profile = page.getByRole("region", { name: sv["edit.profile"], exact: true });
      await profile.getByRole("textbox", { name: sv["edit.orgNumber"], exact: true }).fill("12345");
      await profile.getByRole("textbox", { name: sv["edit.website"], exact: true }).fill("not a web address");
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await profile.getByRole("button", { name: sv["edit.save"], exact: true }).click();
      await profile.getByText(sv["form.orgNumber.format"], { exact: true }).waitFor();
      return (await response).status();
    },
  },
  {
    name: "edit offering, delete confirmation",
    who: "member",
    open: async (page) => {
      await page.goto("/organisations/fontanhuset-lund/edit");
      const edit = page.getByRole("link", { name: new RegExp(`^${sv["edit.editOffering"]}: `) }).first();
      const href = await edit.getAttribute("href");
      return (await page.goto(`${href}?delete=confirm`))?.status();
    },
  },
  {
    name: "edit profile with a logo",
    who: "member",
    open: async (page) => {
      await page.goto("/organisations/fontanhuset-lund/edit");
      await waitForHydration(page);
      const logo = await submitLogo(page, onePixelPng);
      await page.getByText(sv["edit.logoSaved"], { exact: true }).waitFor();
      await logo.getByRole("img", { name: sv["profile.logoAlt"].replace("{name}", "Fontänhuset Lund") }).waitFor();
      return 200;
    },
  },
  {
    name: "edit profile, logo refused",
    who: "member",
    open: async (page) => {
      await page.goto("/organisations/fontanhuset-lund/edit");
      await waitForHydration(page);
      const logo = await submitLogo(page, Buffer.from("not an image"));
      await logo.getByText(sv["form.logoType"], { exact: true }).waitFor();
      return 200;
    },
  },
  {
    name: "edit offering, capacity line removal confirmation",
    who: "member",
    open: async (page) => {
      await page.goto("/organisations/fontanhuset-lund/edit");
      const edit = page.getByRole("link", { name: new RegExp(`^${sv["edit.editOffering"]}: `) }).first();
      await page.goto((await edit.getAttribute("href"))!);
      await waitForHydration(page);
      await page.getByRole("link", { name: sv["offering.removeCapacity"], exact: true }).first().click();
      await page.getByRole("alertdialog").waitFor();
      return 200;
    },
  },
  { name: "profile with a logo", who: "visitor", open: goto("/organisations/fontanhuset-lund") },
  { name: "someone else's organisation", who: "member", status: 403, open: goto("/organisations/iris-kraft/edit") },
  {
    name: "coordination, deactivate confirmation",
    who: "coordinator",
    open: async (page) => {
      await page.goto("/coordinator");
      const link = page.getByRole("link", { name: sv["coordinator.deactivate"].replace("{name}", "Iris Kraft"), exact: true });
      return (await page.goto((await link.getAttribute("href"))!))?.status();
    },
  },
  {
    name: "administration, grant admin confirmation",
    who: "admin",
    open: async (page) => {
      await page.goto("/admin?q=member");
      const link = page.getByRole("link", { name: sv["admin.grant"].replace("{role}", sv["role.admin"]).replace("{name}", "Maria Medlem"), exact: true });
      return (await page.goto((await link.getAttribute("href"))!))?.status();
    },
  },
  { name: "administration search", who: "admin", open: goto("/admin?q=example") },
  { name: "accessibility statement", who: "visitor (English)", open: goto("/accessibility") },
  {
    // The admin owns no organisation, so the page asks for the password.
    name: "delete account, wrong password",
    who: "admin",
    status: 400,
    open: async (page) => {
      await page.goto("/account/delete");
      await waitForHydration(page);
      await page.getByLabel(sv["security.deletePassword"]).fill("not-my-password");
      const response = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByRole("button", { name: sv["security.deleteConfirm"], exact: true }).click();
      const status = (await response).status();
      await page.getByText(sv["security.wrongPassword"], { exact: true }).first().waitFor();
      return status;
    },
  },
];

describe("accessibility (axe, WCAG 2.1 A and AA)", () => {
  test.each(checks)("$name ($who)", async (check) => {
    const page = await contexts.get(check.who)!.newPage();
    // A page that fails in the browser (a hydration error, a render error) fails here too.
    const pageErrors = watchPageErrors(page);
    try {
      const status = await check.open(page);
      expect(status, `${check.name}: HTTP status`).toBe(check.status ?? 200);
      await waitForHydration(page);
      // The right language is part of what is checked (html lang and the strings).
      const expectedLang = check.who === "visitor (English)" ? "en" : "sv";
      expect(await page.locator("html").getAttribute("lang")).toBe(expectedLang);
      await page.getByText((expectedLang === "en" ? en : sv)["footer.text"], { exact: true }).waitFor();

      await expectAxeClean(page, check.name);
      expect(pageErrors.errors, `${check.name}: errors in the browser`).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
