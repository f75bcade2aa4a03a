/**
 * What a new user hit on a 390×844 phone: the directory search keeps every keystroke and
 * the focus while results arrive, confirmations and form errors are brought to where the user is
 * and take the focus, and no page is wider than the phone.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { logIn, logOut, newContext, openMenu, phone, waitForHydration, waitUntilSignedIn, watchPageErrors } from "./support/browser";
import { waitForMailTo } from "./support/mail";
import { expectNoSidewaysScrolling } from "./support/page-checks";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

async function phonePage(options: { javaScriptEnabled?: boolean; as?: string } = {}): Promise<Page> {
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  await page.setViewportSize(phone);
  if (options.as) await logIn(page, options.as);
  return page;
}

/** True when the element is within the visible part of the page. */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  }, selector);
}

async function firstOfferingPath(page: Page): Promise<string> {
  await page.goto("/organisations/fontanhuset-lund/edit");
  const edit = page.getByRole("link", { name: new RegExp(`^${sv["edit.editOffering"]}: `) }).first();
  return (await edit.getAttribute("href"))!;
}

describe("directory search on a phone", () => {
  test("typing slowly keeps every character, the focus and the caret", async () => {
    const page = await phonePage();
    const errors = watchPageErrors(page);
    await page.goto("/organisations");
    await waitForHydration(page);
    const box = page.getByRole("searchbox", { name: sv["directory.searchLabel"], exact: true });
    await box.click();
    const word = "städning";
    for (let i = 0; i < word.length; i++) {
      await page.keyboard.type(word[i]);
      // Let the results for what is typed so far arrive before the next key: the moment the old
      // page lost the box (and every later keystroke).
      const typed = word.slice(0, i + 1);
      await page.waitForURL((url) => url.searchParams.get("q") === typed);
      await page.locator('section[aria-busy="false"]').waitFor();
    }
    expect(await box.inputValue()).toBe(word);
    expect(await box.evaluate((el) => el === document.activeElement), "the search box still has the focus").toBe(true);
    expect(await box.evaluate((el) => (el as HTMLInputElement).selectionStart)).toBe(word.length);
    // The results follow the whole word.
    expect(new URL(page.url()).searchParams.get("q")).toBe(word);
    expect(errors.errors).toEqual([]);
    await page.context().close();
  });

  test("typing fast ends with the whole word in the box, still focused", async () => {
    const page = await phonePage();
    await page.goto("/organisations");
    await waitForHydration(page);
    const box = page.getByRole("searchbox", { name: sv["directory.searchLabel"], exact: true });
    await box.pressSequentially("catering", { delay: 40 });
    await page.waitForURL((url) => url.searchParams.get("q") === "catering");
    await page.locator('section[aria-busy="false"]').waitFor();
    expect(await box.inputValue()).toBe("catering");
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();
  });

  test("a ticked filter keeps the focus; filters come before the results", async () => {
    const page = await phonePage();
    await page.goto("/organisations");
    await waitForHydration(page);
    const filterHeading = page.getByText(sv["directory.filters"], { exact: true });
    const resultsHeading = page.getByRole("heading", { name: sv["directory.results"], exact: true });
    const order = await filterHeading.evaluate(
      (a, b) => !!(a.compareDocumentPosition(b as Node) & Node.DOCUMENT_POSITION_FOLLOWING),
      await resultsHeading.elementHandle(),
    );
    expect(order, "the filters precede the results in reading order").toBe(true);
    // Folded on the phone: the results are on the first screen.
    expect(await page.getByRole("checkbox", { name: /^Lund \(/ }).isVisible()).toBe(false);
    await filterHeading.click();
    const lund = page.getByRole("checkbox", { name: /^Lund \(/ });
    await lund.check();
    await page.waitForURL((url) => url.searchParams.get("area") === "Lund");
    await page.locator('section[aria-busy="false"]').waitFor();
    expect(await lund.isChecked()).toBe(true);
    expect(await lund.evaluate((el) => el === document.activeElement), "the ticked box keeps the focus").toBe(true);
    await page.context().close();
  });

  test("buyers do not crowd a search for a service; they are found under their kind", async () => {
    const page = await phonePage();
    await page.goto("/organisations?q=sallad");
    expect(await page.getByRole("link", { name: /Lunds kommun/ }).count()).toBe(0);
    await page.goto("/organisations?kind=buyer");
    await page
      .getByRole("link", { name: /Lunds kommun/ })
      .first()
      .waitFor();
    await page.context().close();
  });
});

describe.each([true, false])("with JavaScript %s, on a phone", (javaScriptEnabled) => {
  test("a confirmation opens where the user is, with the focus on its button", async () => {
    const page = await phonePage({ javaScriptEnabled, as: "member@example.org" });
    const path = await firstOfferingPath(page);
    await page.goto(path);
    await waitForHydration(page, javaScriptEnabled);
    const remove = page.getByRole("link", { name: sv["offering.removeCapacity"], exact: true }).first();
    await remove.scrollIntoViewIfNeeded();
    await remove.click();
    const confirm = page.getByRole("button", { name: sv["offering.deleteConfirmButton"], exact: true });
    await confirm.waitFor();
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    // Polled: without JavaScript the browser scrolls to the fragment once the page has loaded.
    await expect
      .poll(() => onScreen(page, '[role="alertdialog"] button[type="submit"]'), { message: "the confirm button is on screen", timeout: 5000 })
      .toBe(true);

    // The same for deleting the offering, whose button is at the bottom of its form.
    await page.getByRole("link", { name: sv["offering.delete"], exact: true }).click();
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => onScreen(page, '[role="alertdialog"] button[type="submit"]'), { timeout: 5000 }).toBe(true);
    await page.context().close();
  });

  test("removing a participant from a joint bid asks first, and cancelling keeps it", async () => {
    const page = await phonePage({ javaScriptEnabled, as: "member@example.org" });
    await page.goto("/bids");
    await page.goto((await page.locator("main a[href^='/bids/']:not([href$='/new'])").first().getAttribute("href"))!);
    await waitForHydration(page, javaScriptEnabled);
    const name = "Erikshjälpen Second Hand Lund";
    await page.getByRole("link", { name: sv["bids.removeParticipant"].replace("{name}", name), exact: true }).click();
    await page.getByText(sv["bids.removeParticipantConfirm"].replace("{name}", name), { exact: true }).waitFor();
    const confirm = page.getByRole("button", { name: sv["bids.removeParticipantConfirmButton"], exact: true });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole("link", { name: sv["confirm.cancel"], exact: true }).click();
    await page.getByRole("link", { name: sv["bids.removeParticipant"].replace("{name}", name), exact: true }).waitFor();
    expect(await confirm.count()).toBe(0);
    await page.context().close();
  });

  test("a long form that fails moves the focus to the error summary, which links to the fields", async () => {
    const page = await phonePage({ javaScriptEnabled, as: "member@example.org" });
    await page.goto("/organisations/fontanhuset-lund/edit");
    await waitForHydration(page, javaScriptEnabled);
    const profile = page.getByRole("region", { name: sv["edit.profile"], exact: true });
    await profile.getByRole("textbox", { name: sv["edit.orgNumber"], exact: true }).fill("12345");
    const save = profile.getByRole("button", { name: sv["edit.save"], exact: true });
    await save.scrollIntoViewIfNeeded();
    await save.click();
    const summary = page.getByRole("alert").filter({ hasText: sv["form.errorSummary"] });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => onScreen(page, '[role="alert"][tabindex="-1"]'), { message: "the summary is on screen", timeout: 5000 }).toBe(true);
    const link = summary.getByRole("link", { name: `${sv["edit.orgNumber"]}: ${sv["form.orgNumber.format"]}` });
    await link.click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("orgNumber");
    await page.context().close();
  });
});

describe.each([true, false])("the header on a phone, with JavaScript %s", (javaScriptEnabled) => {
  test("is short, and its menu opens to the same links, the language and logging out", async () => {
    const page = await phonePage({ javaScriptEnabled, as: "coordinator@example.org" });
    await page.goto("/requests");
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThan(140);
    const directory = page.getByRole("link", { name: sv["nav.directory"], exact: true });
    expect(await directory.isVisible()).toBe(false);
    await page.locator("summary").filter({ hasText: sv["nav.menu"] }).click();
    await directory.waitFor();
    for (const name of [sv["nav.coordinator"], sv["nav.account"], sv["nav.pilot"]]) {
      expect(await page.getByRole("link", { name, exact: true }).isVisible()).toBe(true);
    }
    expect(await page.getByRole("button", { name: sv["nav.languageSwitch"], exact: true }).isVisible()).toBe(true);
    await directory.click();
    await page.waitForURL(/\/organisations$/);
    await logOut(page);
    await page.context().close();
  });
});

// Every page as each user is checked at 390 px by tests/e2e/every-page.test.ts; these are pages whose
// content the route table's sample does not show: another profile, and the demo's longest title.
describe("nothing is wider than a 390 px phone", () => {
  const pages: { path: string; as?: string; follow?: string }[] = [
    { path: "/organisations/iris-kraft" },
    // The demo's longest title: "Byggentreprenad med sysselsättningskrav".
    { path: "/requests", follow: "a[href^='/requests/']:has-text('sysselsättningskrav')", as: "buyer@example.org" },
  ];
  test.each(pages)("$path $follow ($as)", async ({ path, as, follow }) => {
    const page = await phonePage({ as });
    let target = path;
    if (follow) {
      // A page found the way a user finds it: through a link on the listing.
      await page.goto(path);
      target = (await page.locator(follow).first().getAttribute("href"))!;
    }
    expect((await page.goto(target))?.status()).toBe(200);
    await waitForHydration(page);
    await expectNoSidewaysScrolling(page, target);
    await page.context().close();
  });
});

describe("keyboard focus", () => {
  test("the search and e-mail fields show a clearly visible focus ring", async () => {
    const page = await phonePage();
    for (const [path, selector] of [
      ["/organisations", 'input[name="q"]'],
      ["/login", 'input[name="email"]'],
    ] as const) {
      await page.goto(path);
      await waitForHydration(page);
      await page.locator(selector).focus();
      const ring = await page.locator(selector).evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
      });
      expect(ring.style, `${selector} on ${path}`).not.toBe("none");
      expect(ring.width, `${selector} on ${path}: outline width`).toBeGreaterThanOrEqual(2);
    }
    await page.context().close();
  });
});

describe("axe on a 390 px phone", () => {
  // The account, coordination and meeting follow-up pages, where a table or a long sentence was cut off.
  const pages: { path: string; as: string; meeting?: string; name?: string }[] = [
    { path: "/account", as: "member@example.org" },
    { path: "/account/delete", as: "member@example.org" },
    { path: "/organisations/new", as: "member@example.org" },
    { path: "/coordinator", as: "coordinator@example.org" },
    { path: "/coordinator/audit", as: "coordinator@example.org" },
    { path: "/edit", meeting: "Planering av det gemensamma anbudet", name: "a meeting's edit form", as: "coordinator@example.org" },
    { path: "/follow-up", meeting: "Nätverksmöte: dialog om salladsupphandlingen", name: "a past meeting's follow-up", as: "coordinator@example.org" },
    { path: "/meetings/conveners", as: "coordinator@example.org" },
  ];
  test.each(pages.map((p) => ({ ...p, name: p.name ?? p.path })))("$name ($as)", async ({ path, as, meeting }) => {
    const page = await phonePage({ as });
    const { errors } = watchPageErrors(page);
    let target = path;
    if (meeting) {
      await page.goto("/meetings");
      target = `${await page.getByRole("link", { name: meeting }).first().getAttribute("href")}${path}`;
    }
    expect((await page.goto(target))?.status()).toBe(200);
    await waitForHydration(page);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      blocking.map(
        (v) =>
          `${v.id} at ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(" | ")}`,
      ),
      target,
    ).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      `${target} scrolls sideways`,
    ).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("members and accounts on a phone", () => {
  test("an owner sees a join request where they land, approves it, changes the role and cannot remove the last owner", async () => {
    // Someone asks to join Fontänhuset Lund.
    const asker = await phonePage();
    await asker.goto("/signup");
    await asker.getByRole("textbox", { name: sv["auth.name"], exact: true }).fill("Jonna Jobbsökare");
    await asker.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill("jonna@example.org");
    await asker.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill("jonna-password");
    await asker.getByRole("button", { name: sv["auth.signup"], exact: true }).click();
    // Sign-up signs nobody in: the new account confirms its e-mail address, then logs in.
    await asker.getByText(sv["auth.signupSent"], { exact: true }).waitFor();
    const mail = await waitForMailTo(suite.server.dataDir, "jonna@example.org");
    const link = /\/verify-email\?token=[A-Za-z0-9_-]+/.exec(mail)?.[0];
    expect(link, "a verification link in the e-mail").toBeTruthy();
    await asker.goto(link!);
    await asker.getByText(sv["security.verifyDone"], { exact: true }).waitFor();
    await logIn(asker, "jonna@example.org", "jonna-password");
    await asker.goto("/organisations/fontanhuset-lund");
    await asker.getByRole("button", { name: sv["profile.join"], exact: true }).click();
    await asker.getByText(sv["profile.joinRequested"], { exact: true }).waitFor();

    const owner = await phonePage({ as: "member@example.org" });
    await owner.goto("/");
    await openMenu(owner);
    const menuLink = owner.getByRole("link", { name: sv["nav.myOrganisationsWaiting"].replace("{count}", "1"), exact: true });
    await menuLink.waitFor();
    await owner.getByRole("link", { name: sv["home.waiting.one"].replace("{count}", "1").replace("{name}", "Fontänhuset Lund"), exact: true }).click();
    await owner.getByRole("heading", { name: sv["members.pendingCount"].replace("{count}", "1"), exact: true }).waitFor();
    await owner.getByRole("button", { name: sv["edit.approveMember"].replace("{name}", "Jonna Jobbsökare"), exact: true }).click();
    await owner.getByText(sv["edit.memberApproved"], { exact: true }).waitFor();

    // The last owner cannot step down…
    await owner.getByRole("combobox", { name: sv["members.roleOf"].replace("{name}", "Maria Medlem"), exact: true }).selectOption("editor");
    await owner
      .getByRole("combobox", { name: sv["members.roleOf"].replace("{name}", "Maria Medlem"), exact: true })
      .locator("xpath=ancestor::form")
      .getByRole("button")
      .click();
    await owner.getByText(sv["members.lastOwner"], { exact: true }).waitFor();
    // …but may remove a colleague, after a confirmation that opens where they are.
    await owner.getByRole("link", { name: sv["members.remove"].replace("{name}", "Jonna Jobbsökare"), exact: true }).click();
    const confirm = owner.getByRole("button", { name: sv["members.removeConfirmButton"], exact: true });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await confirm.click();
    await owner.getByText(sv["members.removed"], { exact: true }).waitFor();
    expect(await owner.getByText("Jonna Jobbsökare").count()).toBe(0);
    await asker.context().close();
    await owner.context().close();
  });

  test("a buyer is not offered a member's menu or a supplier's join button", async () => {
    const page = await phonePage({ as: "buyer@example.org" });
    await page.goto("/organisations/iris-kraft");
    await page.getByRole("heading", { level: 1, name: "Iris Kraft", exact: true }).waitFor();
    expect(await page.getByRole("button", { name: sv["profile.join"], exact: true }).count()).toBe(0);
    // Looked for in the opened menu, where a member would find it.
    await openMenu(page);
    await page.getByRole("link", { name: sv["nav.account"], exact: true }).waitFor();
    expect(await page.getByRole("link", { name: sv["nav.myOrganisations"], exact: true }).count()).toBe(0);
    await page.context().close();
  });

  test("the account page changes the password and ends the user's other sessions", async () => {
    const other = await phonePage({ as: "coordinator@example.org" });
    const page = await phonePage({ as: "coordinator@example.org" });
    await openMenu(page);
    await page.getByRole("link", { name: sv["nav.account"], exact: true }).click();
    await page.getByRole("textbox", { name: sv["account.currentPassword"], exact: true }).fill("wrong-password");
    await page.getByRole("textbox", { name: sv["account.newPassword"], exact: true }).fill("a-new-password");
    await page.getByRole("button", { name: sv["account.changePassword"], exact: true }).click();
    await page.getByRole("link", { name: `${sv["account.currentPassword"]}: ${sv["account.wrongPassword"]}` }).waitFor();
    await page.getByRole("textbox", { name: sv["account.currentPassword"], exact: true }).fill("demo-password");
    await page.getByRole("textbox", { name: sv["account.newPassword"], exact: true }).fill("a-new-password");
    await page.getByRole("button", { name: sv["account.changePassword"], exact: true }).click();
    await page.getByText(sv["account.passwordChanged"], { exact: true }).waitFor();
    // This browser stays signed in; the other one is signed out.
    await page.reload();
    await waitUntilSignedIn(page);
    await other.goto("/coordinator");
    await other.waitForURL(/\/login/);
    // The e-mail choice is saved.
    const toggle = page.getByRole("checkbox", { name: sv["account.emailNotifications"], exact: true });
    const before = await toggle.isChecked();
    await toggle.setChecked(!before);
    await page.getByRole("button", { name: sv["account.saveNotifications"], exact: true }).click();
    await page.getByText(sv["account.notificationsSaved"], { exact: true }).waitFor();
    expect(await toggle.isChecked()).toBe(!before);
    await other.context().close();
    await page.context().close();
  });
});
