/**
 * The network's core flow, once with JavaScript and once without: a new user signs up and
 * registers an organisation, a coordinator approves it, the user adds an offering with capacity,
 * and the organisation then shows in the directory, in search and with its capacity table.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { withCheckDigit } from "../../app/domain/org-number";
import { logIn, logOut, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";
import { waitForMailTo } from "./support/mail";

const suite = useServerAndBrowser();

const t = (key: keyof typeof sv, vars: Record<string, string | number> = {}) => sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

interface Scenario {
  javaScript: "enabled" | "disabled";
  javaScriptEnabled: boolean;
  person: string;
  email: string;
  organisation: string;
  /** Nine digits; the check digit is computed. */
  orgNumberStem: string;
  offering: string;
  /** A word only the offering's title contains: what the search is for. */
  searchWord: string;
  quantity: string;
  site: string;
}

const scenarios: Scenario[] = [
  {
    javaScript: "enabled",
    javaScriptEnabled: true,
    person: "Saga Lindqvist",
    email: "saga.lindqvist@example.org",
    organisation: "Kvarngårdens Kök ekonomisk förening",
    orgNumberStem: "769934512",
    offering: "Rotfruktssallader till skolor",
    searchWord: "rotfruktssallader",
    quantity: "85",
    site: "Vipeholmsskolan",
  },
  {
    javaScript: "disabled",
    javaScriptEnabled: false,
    person: "Ebbe Nordström",
    email: "ebbe.nordstrom@example.org",
    organisation: "Stenkrossens Arbetskooperativ",
    orgNumberStem: "802644178",
    offering: "Bönsallader i lunchlådor",
    searchWord: "bönsallader",
    quantity: "40",
    site: "Stadshallen",
  },
];

describe.each(scenarios)("core flow with JavaScript $javaScript", (s) => {
  test("sign up, register, approval, offering with capacity, then listed and searchable", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: s.javaScriptEnabled });
    const page = await context.newPage();
    const pageErrors = watchPageErrors(page);
    const orgNumber = withCheckDigit(s.orgNumberStem);
    const ready = () => waitForHydration(page, s.javaScriptEnabled);

    // Sign up.
    await page.goto("/signup");
    await ready();
    await page.getByRole("textbox", { name: sv["auth.name"], exact: true }).fill(s.person);
    await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill(s.email);
    await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill("ett-langt-losenord");
    await page.getByRole("button", { name: sv["auth.signup"], exact: true }).click();
    // The same answer whether or not the address has an account: look in your e-mail.
    await page.getByText(sv["auth.signupSent"], { exact: true }).waitFor();

    // Confirm the e-mail address with the link the server mailed, then log in.
    const mail = await waitForMailTo(suite.server.dataDir, s.email);
    const link = /\/verify-email\?token=[A-Za-z0-9_-]+/.exec(mail)?.[0];
    expect(link, "a verification link in the e-mail").toBeTruthy();
    await page.goto(link!);
    await page.getByText(sv["security.verifyDone"], { exact: true }).waitFor();
    await ready();
    await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill(s.email);
    await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill("ett-langt-losenord");
    await page.getByRole("button", { name: sv["auth.login"], exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/organisations/new");

    // Register the organisation: it becomes an applicant, not yet listed.
    await ready();
    const register = page.getByRole("region", { name: sv["onboarding.register"] });
    await register.getByRole("textbox", { name: sv["edit.name"], exact: true }).fill(s.organisation);
    await register.getByRole("textbox", { name: sv["edit.orgNumber"], exact: true }).fill(orgNumber);
    await register.getByRole("combobox", { name: sv["edit.kind"], exact: true }).selectOption("work_integrating");
    await register.getByRole("textbox", { name: sv["edit.description"], exact: true }).fill("Arbetsintegrerande kök i Lund.");
    await register.getByRole("checkbox", { name: "Lund", exact: true }).check();
    await register.getByRole("button", { name: sv["onboarding.registerButton"], exact: true }).click();
    await page.getByText(sv["onboarding.registered"], { exact: true }).waitFor();
    const slug = /^\/organisations\/([^/]+)\/edit$/.exec(new URL(page.url()).pathname)?.[1];
    expect(slug, `after registering, the page is ${page.url()}`).toBeTruthy();
    await page.goto(`/organisations/${slug}`);
    await page.getByText(sv["profile.applicant"], { exact: true }).waitFor();
    await suite.server.searchSettled();
    await assertNotInDirectory(page, s.organisation);
    await logOut(page);

    // A coordinator approves the application.
    await logIn(page, "coordinator@example.org");
    await page.goto("/coordinator");
    await ready();
    await page.getByRole("button", { name: t("coordinator.approve", { name: s.organisation }), exact: true }).click();
    await page.getByText(t("coordinator.approved", { name: s.organisation }), { exact: true }).waitFor();
    await logOut(page);

    // The member adds an offering with one capacity line.
    await logIn(page, s.email, "ett-langt-losenord");
    await page.goto(`/organisations/${slug}/edit`);
    await ready();
    await page.getByRole("link", { name: sv["edit.addOffering"], exact: true }).click();
    await page.getByRole("heading", { name: sv["offering.newTitle"], exact: true }).waitFor();
    await ready();
    await page.getByRole("textbox", { name: sv["offering.title"], exact: true }).fill(s.offering);
    await page.getByRole("textbox", { name: sv["offering.description"], exact: true }).fill("Vegetariska sallader, levererade kylda.");
    await page.getByRole("combobox", { name: sv["offering.cpv"], exact: true }).fill("55520000-1 Catering");
    await page.getByRole("combobox", { name: sv["offering.unit"], exact: true }).selectOption("portions");
    await page.getByRole("button", { name: sv["offering.save"], exact: true }).click();
    await page.getByText(sv["offering.saved"], { exact: true }).waitFor();

    await ready();
    const addCapacity = page.getByRole("region", { name: sv["offering.addCapacity"] });
    await addCapacity.getByRole("textbox", { name: `${sv["capacity.quantity"]} (${sv["unit.portions"]})`, exact: true }).fill(s.quantity);
    await addCapacity.getByRole("combobox", { name: sv["offering.period"], exact: true }).selectOption("weekday");
    // No day is ticked in advance (a four-day line was once saved as five): tick Monday to Thursday.
    for (const d of [1, 2, 3, 4]) await addCapacity.getByRole("checkbox", { name: sv[`weekday.${d}` as keyof typeof sv], exact: true }).check();
    await addCapacity.getByRole("textbox", { name: sv["capacity.sites"], exact: true }).fill(s.site);
    await addCapacity.getByRole("button", { name: sv["offering.addCapacity"], exact: true }).click();
    await page.getByText(sv["offering.capacityAdded"], { exact: true }).waitFor();

    // Listed in the directory, and found by a word of the offering's title.
    await suite.server.searchSettled();
    await page.goto("/organisations");
    await page.getByRole("link", { name: s.organisation, exact: true }).waitFor();
    await page.goto(`/organisations?q=${encodeURIComponent(s.searchWord)}`);
    await page.getByRole("link", { name: s.organisation, exact: true }).waitFor();
    expect(await page.getByRole("link", { name: "Fontänhuset Lund", exact: true }).count(), "the search should narrow the list").toBe(0);

    // The profile's capacity lines, each a list item of labelled facts.
    await page.getByRole("link", { name: s.organisation, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: s.organisation, exact: true }).waitFor();
    const lines = page.getByRole("region", { name: t("capacity.table", { title: s.offering }) });
    const cells = await lines.getByRole("listitem").first().locator("dd").allInnerTexts();
    expect(cells[0]).toBe(`${s.quantity} ${sv["unit.portions"]}`);
    expect(cells[1]).toBe(sv["capacity.perWeekday"]);
    expect(cells[2]).toBe([1, 2, 3, 4].map((d) => sv[`weekday.${d}` as keyof typeof sv]).join(", "));
    expect(cells[5]).toBe(s.site);

    expect(pageErrors.errors).toEqual([]);
    await context.close();
  });
});

async function assertNotInDirectory(page: Page, name: string) {
  await page.goto("/organisations");
  await page.getByRole("heading", { level: 1, name: sv["directory.title"], exact: true }).waitFor();
  expect(await page.getByRole("link", { name, exact: true }).count(), `${name} should not be listed yet`).toBe(0);
}
