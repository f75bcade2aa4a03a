/**
 * WCAG 2.1 A/AA with axe on the app's pages, as each kind of user sees them, including forms
 * showing errors, confirmations and error pages: no violation of serious or critical impact.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { en } from "../../app/locales/en";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
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
  { name: "home", who: "visitor", open: goto("/") },
  { name: "home in English", who: "visitor (English)", open: goto("/") },
  { name: "directory", who: "visitor", open: goto("/organisations") },
  { name: "directory search with highlights", who: "visitor", open: goto("/organisations?q=sallad") },
  { name: "directory with facets and no hits", who: "visitor", open: goto("/organisations?kind=buyer&reserved=1&q=asdfgh") },
  { name: "directory in English", who: "visitor (English)", open: goto("/organisations?kind=work_integrating") },
  { name: "profile", who: "visitor", open: goto("/organisations/fontanhuset-lund") },
  { name: "profile in English", who: "visitor (English)", open: goto("/organisations/iris-kraft") },
  { name: "log in", who: "visitor", open: goto("/login") },
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
  { name: "sign up", who: "visitor", open: goto("/signup") },
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
  { name: "your organisation", who: "member", open: goto("/organisations/new") },
  { name: "edit profile", who: "member", open: goto("/organisations/fontanhuset-lund/edit") },
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
  { name: "new offering", who: "member", open: goto("/organisations/fontanhuset-lund/offerings/new") },
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
  { name: "coordination", who: "coordinator", open: goto("/coordinator") },
  {
    name: "coordination, deactivate confirmation",
    who: "coordinator",
    open: async (page) => {
      await page.goto("/coordinator");
      const link = page.getByRole("link", { name: sv["coordinator.deactivate"].replace("{name}", "Iris Kraft"), exact: true });
      return (await page.goto((await link.getAttribute("href"))!))?.status();
    },
  },
  { name: "members", who: "member", open: goto("/organisations/fontanhuset-lund/members") },
  { name: "account", who: "member", open: goto("/account") },
  { name: "forgotten password", who: "visitor", open: goto("/forgot-password") },
  { name: "password reset with a spent link", who: "visitor", open: goto("/reset-password/not-a-token") },
  {
    name: "administration, grant admin confirmation",
    who: "admin",
    open: async (page) => {
      await page.goto("/admin?q=member");
      const link = page.getByRole("link", { name: sv["admin.grant"].replace("{role}", sv["role.admin"]).replace("{name}", "Maria Medlem"), exact: true });
      return (await page.goto((await link.getAttribute("href"))!))?.status();
    },
  },
  { name: "administration", who: "admin", open: goto("/admin") },
  { name: "administration search", who: "admin", open: goto("/admin?q=example") },
  { name: "privacy", who: "visitor", open: goto("/privacy") },
  { name: "accessibility statement", who: "visitor (English)", open: goto("/accessibility") },
  { name: "account and privacy", who: "member", open: goto("/account/sessions") },
  { name: "e-mail verification", who: "member", open: goto("/account/verify") },
  // The demo's member is the only owner of Fontänhuset: the page says who must own it first.
  { name: "delete account, last owner", who: "member", open: goto("/account/delete") },
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
  { name: "change log", who: "coordinator", open: goto("/coordinator/audit") },
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

      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      // A short list in the diff, the details (elements, colours, fixes) in the message.
      const summary = blocking.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
      expect(summary, describeViolations(`${check.name} (${page.url()})`, blocking)).toEqual([]);
      expect(pageErrors.errors, `${check.name}: errors in the browser`).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

function describeViolations(where: string, violations: Result[]): string {
  if (violations.length === 0) return "";
  const lines = [`${violations.length} serious or critical axe violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(" ")}`);
      lines.push(`       ${node.html.slice(0, 200)}`);
      if (node.failureSummary) lines.push(...node.failureSummary.split("\n").map((l) => `       ${l}`));
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
  }
  return lines.join("\n");
}
