/**
 * Issue 8, items 9 and 15, as their users meet them on a 390×844 phone.
 *
 * Applicant review: new organisations apply through sign-up with contact details and a workforce
 * share; the coordinator's card shows who applied, how to reach them and the share, offers
 * "Markera som verifierad" only once an organisation is approved, and rejects with a reason (from
 * the keyboard, and once without JavaScript) that the applicant then reads on its page.
 *
 * Profile fields: a bare domain in the website field is saved as https and linked so; the
 * description counts down while typing and says so when it is over 4,000 characters, and the
 * server refuses the longer text instead of cutting it.
 */
import fs from "node:fs";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { withCheckDigit } from "../../app/domain/org-number";
import { sv } from "../../app/locales/sv";
import { formatDate, formatNumber } from "../../app/utils/i18n";
import { serverTranslator } from "../../app/utils/messages.server";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { waitForMailTo } from "./support/mail";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();
const t = serverTranslator("sv");
const phone = { width: 390, height: 844 };
const shots = "/tmp/shots-e2e8";
const today = () => formatDate("sv", new Date().toISOString());

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
});

async function phonePage(options: { javaScriptEnabled?: boolean; as?: string; password?: string } = {}): Promise<Page> {
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled: options.javaScriptEnabled ?? true });
  contexts.push(context);
  const page = await context.newPage();
  await page.setViewportSize(phone);
  if (options.as) await logIn(page, options.as, options.password);
  return page;
}

interface Applicant {
  person: string;
  email: string;
  password: string;
}

interface Application {
  organisation: string;
  orgNumber: string;
  contactEmail: string;
  contactPhone: string;
  workforceShare: number;
  workforceShareDate: string;
  slug?: string;
}

const saga: Applicant = { person: "Saga Holmgren", email: "saga.holmgren@example.org", password: "ett-langt-losenord" };
const nils: Applicant = { person: "Nils Ekdahl", email: "nils.ekdahl@example.org", password: "ett-annat-losenord" };

/** Rejected with JavaScript. */
const bageri: Application = {
  organisation: "Gröna Händers Bageri",
  orgNumber: withCheckDigit("802511473"),
  contactEmail: "bageri@gronahander.se",
  contactPhone: "046-12 34 56",
  workforceShare: 45,
  workforceShareDate: "2026-10-01",
};
/** Approved, then offered for verification. */
const tvatt: Application = {
  organisation: "Nilssons Tvätteri ekonomisk förening",
  orgNumber: withCheckDigit("769955218"),
  contactEmail: "kontakt@nilssonstvatt.se",
  contactPhone: "070-765 43 21",
  workforceShare: 60,
  workforceShareDate: "2026-09-15",
};
/** Rejected without JavaScript. */
const cykel: Application = {
  organisation: "Saga Cykelverkstad",
  orgNumber: withCheckDigit("802577391"),
  contactEmail: "verkstad@sagacykel.se",
  contactPhone: "046-98 76 54",
  workforceShare: 35,
  workforceShareDate: "2026-11-01",
};

/** Signs up through the form and confirms the address with the link the server mailed. */
async function signUp(page: Page, who: Applicant): Promise<void> {
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: sv["auth.name"], exact: true }).fill(who.person);
  await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill(who.email);
  await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill(who.password);
  await page.getByRole("button", { name: sv["auth.signup"], exact: true }).click();
  await page.getByText(sv["auth.signupSent"], { exact: true }).waitFor();
  const mail = await waitForMailTo(suite.server.dataDir, who.email);
  const link = /\/verify-email\?token=[A-Za-z0-9_-]+/.exec(mail)?.[0];
  expect(link, "a verification link in the e-mail").toBeTruthy();
  await page.goto(link!);
  await page.getByText(sv["security.verifyDone"], { exact: true }).waitFor();
  await logIn(page, who.email, who.password);
}

/** Registers an organisation on /organisations/new; it becomes an applicant. */
async function apply(page: Page, application: Application): Promise<void> {
  await page.goto("/organisations/new");
  await waitForHydration(page);
  const register = page.getByRole("region", { name: sv["onboarding.register"] });
  await register.getByRole("textbox", { name: sv["edit.name"], exact: true }).fill(application.organisation);
  await register.getByRole("textbox", { name: sv["edit.orgNumber"], exact: true }).fill(application.orgNumber);
  await register.getByRole("combobox", { name: sv["edit.kind"], exact: true }).selectOption("work_integrating");
  await register.getByRole("textbox", { name: sv["edit.description"], exact: true }).fill("Arbetsträning i Lund.");
  await register.getByRole("textbox", { name: sv["edit.contactEmail"], exact: true }).fill(application.contactEmail);
  await register.getByRole("textbox", { name: sv["edit.contactPhone"], exact: true }).fill(application.contactPhone);
  await register.getByRole("checkbox", { name: "Lund", exact: true }).check();
  await register.getByRole("textbox", { name: sv["edit.workforceShare"], exact: true }).fill(String(application.workforceShare));
  await register.getByLabel(sv["edit.workforceShareDate"], { exact: true }).fill(application.workforceShareDate);
  await register.getByRole("button", { name: sv["onboarding.registerButton"], exact: true }).click();
  await page.getByText(sv["onboarding.registered"], { exact: true }).waitFor();
  application.slug = /^\/organisations\/([^/]+)\/edit$/.exec(new URL(page.url()).pathname)?.[1];
  expect(application.slug, `after registering, the page is ${page.url()}`).toBeTruthy();
}

/** The coordinator's card for an application: the list item holding the link with its name. */
function applicationCard(page: Page, organisation: string): Locator {
  return page
    .getByRole("region", { name: sv["coordinator.applicants"] })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: organisation, exact: true }) });
}

/** The card's facts, label → value, as the page shows them (dt/dd pairs). */
async function facts(card: Locator): Promise<Record<string, string>> {
  return card
    .locator("dt")
    .evaluateAll((terms) => Object.fromEntries(terms.map((dt) => [dt.textContent!.trim(), (dt.nextElementSibling?.textContent ?? "").trim()])));
}

async function focusedElementId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? "");
}

describe("the coordinator reviews applications", () => {
  test("two new organisations apply through sign-up with contact details and workforce share", async () => {
    const page = await phonePage();
    const errors = watchPageErrors(page);
    await signUp(page, saga);
    await apply(page, bageri);
    await apply(page, cykel);
    await page.context().clearCookies();
    await signUp(page, nils);
    await apply(page, tvatt);
    expect(errors.errors).toEqual([]);
  });

  test("the card shows who applied, how to reach them and the share; no verification before approval", async () => {
    const page = await phonePage({ as: "coordinator@example.org" });
    const errors = watchPageErrors(page);
    await page.goto("/coordinator");
    await waitForHydration(page);

    const card = applicationCard(page, bageri.organisation);
    await card.waitFor();
    const shown = await facts(card);
    expect(shown[sv["coordinator.appliedBy"]]).toBe(`${saga.person}, ${saga.email}`);
    expect(shown[sv["profile.email"]]).toBe(bageri.contactEmail);
    expect(shown[sv["profile.phone"]]).toBe(bageri.contactPhone);
    expect(shown[sv["coordinator.workforceShare"]]).toBe(
      t("coordinator.workforceShareValue", { share: bageri.workforceShare, date: formatDate("sv", bageri.workforceShareDate) }),
    );
    expect(shown[sv["profile.orgNumber"]]).toBe(bageri.orgNumber);
    expect(shown[sv["coordinator.appliedOn"]]).toBe(today());
    // Both addresses can be written to from the card.
    expect(await card.getByRole("link", { name: saga.email, exact: true }).getAttribute("href")).toBe(`mailto:${saga.email}`);
    expect(await card.getByRole("link", { name: bageri.contactEmail, exact: true }).getAttribute("href")).toBe(`mailto:${bageri.contactEmail}`);

    // Each card names its own applicant: Nils applied for the laundry, not for Saga's bakery.
    const tvattFacts = await facts(applicationCard(page, tvatt.organisation));
    expect(tvattFacts[sv["coordinator.appliedBy"]]).toBe(`${nils.person}, ${nils.email}`);
    expect(tvattFacts[sv["coordinator.workforceShare"]]).toBe(
      t("coordinator.workforceShareValue", { share: tvatt.workforceShare, date: formatDate("sv", tvatt.workforceShareDate) }),
    );

    // An applicant can be approved or rejected, not yet marked verified.
    await card.getByRole("button", { name: t("coordinator.approve", { name: bageri.organisation }), exact: true }).waitFor();
    await card.getByRole("link", { name: t("coordinator.reject", { name: bageri.organisation }), exact: true }).waitFor();
    for (const application of [bageri, tvatt, cykel]) {
      expect(await page.getByRole("button", { name: t("coordinator.verify", { name: application.organisation }) }).count()).toBe(0);
    }

    // The card fits the phone: nothing sticks out to the right.
    const overflow = await card.evaluate((el) => {
      const right = el.getBoundingClientRect().right;
      return [...el.querySelectorAll("a, button, dd")].filter((child) => child.getBoundingClientRect().right > right + 0.5).map((child) => child.textContent);
    });
    expect(overflow, "parts of the card beyond its right edge").toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

    fs.mkdirSync(shots, { recursive: true });
    await card.screenshot({ path: `${shots}/applicant-card.png` });
    expect(errors.errors).toEqual([]);
  });

  test("rejecting asks for a reason, works from the keyboard, and the applicant reads the reason", async () => {
    const page = await phonePage({ as: "coordinator@example.org" });
    const errors = watchPageErrors(page);
    await page.goto("/coordinator");
    await waitForHydration(page);
    const card = applicationCard(page, bageri.organisation);
    const reason = "Organisationsnumret hör till ett aktiebolag utan arbetsintegrerande verksamhet.";

    // From "Godkänn", Tab reaches "Avslå"; Enter opens the reason, which takes the focus.
    await card.getByRole("button", { name: t("coordinator.approve", { name: bageri.organisation }), exact: true }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t("coordinator.reject", { name: bageri.organisation }));
    await page.keyboard.press("Enter");
    const reasonField = card.getByRole("textbox", { name: sv["coordinator.rejectReason"] });
    await reasonField.waitFor();
    await expect.poll(() => reasonField.evaluate((el) => el === document.activeElement), { timeout: 5_000 }).toBe(true);
    // The applicant is told that they will see the reason.
    await card.getByText(sv["coordinator.rejectReasonHint"], { exact: true }).waitFor();
    await card.screenshot({ path: `${shots}/applicant-card-reject.png` });

    // No reason: refused, and the error summary takes the focus; its link leads back to the field.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(sv["coordinator.rejectConfirm"]);
    await page.keyboard.press("Enter");
    const summary = card.getByRole("alert").filter({ hasText: sv["form.errorSummary"] });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await card.getByText(sv["form.required"], { exact: true }).waitFor();
    expect(await page.getByRole("link", { name: bageri.organisation, exact: true }).count(), "still an applicant").toBe(1);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => reasonField.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.type(reason);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText(t("coordinator.rejected", { name: bageri.organisation }), { exact: true }).waitFor();
    // The card is gone from the applications and the rejection is listed with its reason.
    await applicationCard(page, bageri.organisation).waitFor({ state: "detached" });
    await page
      .getByRole("region", { name: sv["coordinator.rejectedList"] })
      .getByText(t("coordinator.rejectedWith", { date: today(), reason }), { exact: true })
      .waitFor();
    expect(errors.errors).toEqual([]);

    // The applicant, logged in again, reads the reason on the organisation's page.
    const applicant = await phonePage({ as: saga.email, password: saga.password });
    const applicantErrors = watchPageErrors(applicant);
    await applicant.goto(`/organisations/${bageri.slug}`);
    await applicant.getByText(t("profile.rejected", { date: today(), reason }), { exact: true }).waitFor();
    expect(await applicant.getByText(sv["profile.applicant"], { exact: true }).count(), "no longer 'under review'").toBe(0);
    // And is told so in the notifications, with a link to that page.
    await applicant.goto("/notifications");
    const notice = applicant.getByRole("link", { name: t("coordinator.rejectedNotice", { name: bageri.organisation }) });
    expect(await notice.getAttribute("href")).toBe(`/organisations/${bageri.slug}/edit#apply-again`);
    // Their list of organisations does not still say the rejected application waits for approval.
    await applicant.goto("/organisations/new");
    const own = applicant.getByRole("region", { name: sv["onboarding.yours"] }).getByRole("listitem").filter({ hasText: bageri.organisation });
    await own.getByText(sv["onboarding.status.rejected"], { exact: true }).waitFor();
    expect(await own.getByText(sv["onboarding.status.applicant"], { exact: true }).count()).toBe(0);
    expect(applicantErrors.errors).toEqual([]);
  });

  test("once approved, an organisation is offered for verification", async () => {
    const page = await phonePage({ as: "coordinator@example.org" });
    const errors = watchPageErrors(page);
    await page.goto("/coordinator");
    await waitForHydration(page);
    const verify = page.getByRole("button", { name: t("coordinator.verify", { name: tvatt.organisation }), exact: true });
    expect(await verify.count(), "not offered to an applicant").toBe(0);
    // Nor done for one by a hand-made post (or a page left open from before): the server refuses it.
    const organisationId = await applicationCard(page, tvatt.organisation).locator('input[name="organisationId"]').first().inputValue();
    const forged = await page.request.post(`${suite.server.baseUrl}/coordinator`, {
      form: { intent: "verify", organisationId },
      headers: { Origin: suite.server.baseUrl },
      maxRedirects: 0,
    });
    expect(forged.status(), "an applicant cannot be marked verified").toBe(404);
    await applicationCard(page, tvatt.organisation)
      .getByRole("button", { name: t("coordinator.approve", { name: tvatt.organisation }), exact: true })
      .click();
    await page.getByText(t("coordinator.approved", { name: tvatt.organisation }), { exact: true }).waitFor();
    await applicationCard(page, tvatt.organisation).waitFor({ state: "detached" });
    await verify.click();
    await page.getByText(t("coordinator.verified", { name: tvatt.organisation }), { exact: true }).waitFor();
    await page
      .getByRole("region", { name: sv["coordinator.organisations"] })
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: tvatt.organisation, exact: true }) })
      .getByText(t("coordinator.verifiedBy", { date: today(), by: "Cecilia Samordnare" }), { exact: true })
      .waitFor();
    expect(await verify.count(), "verified once").toBe(0);
    expect(errors.errors).toEqual([]);
  });

  test("without JavaScript, the reason opens where the coordinator is, and the rejection is saved", async () => {
    const page = await phonePage({ as: "coordinator@example.org", javaScriptEnabled: false });
    await page.goto("/coordinator");
    const card = applicationCard(page, cykel.organisation);
    const reason = "Ansökan saknar uppgift om handledning på arbetsplatsen.";
    await card.getByRole("link", { name: t("coordinator.reject", { name: cykel.organisation }), exact: true }).click();
    const reasonField = card.getByRole("textbox", { name: sv["coordinator.rejectReason"] });
    await reasonField.waitFor();
    // Measured once the page has loaded: the browser scrolls to the field when its styles are in.
    await page.waitForURL(/reject=/, { waitUntil: "load" });
    // The page opens at the reason field, focused, on the phone's screen.
    expect(await focusedElementId(page)).toBe(await reasonField.getAttribute("id"));
    const onPhoneScreen = async () => {
      const box = (await reasonField.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= phone.height;
    };
    await expect.poll(onPhoneScreen, { message: "the reason field is on the phone's screen" }).toBe(true);

    await page.keyboard.type(reason);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(sv["coordinator.rejectConfirm"]);
    await page.keyboard.press("Enter");
    await page.getByText(t("coordinator.rejected", { name: cykel.organisation }), { exact: true }).waitFor();
    expect(await card.count()).toBe(0);
    await page
      .getByRole("region", { name: sv["coordinator.rejectedList"] })
      .getByText(t("coordinator.rejectedWith", { date: today(), reason }), { exact: true })
      .waitFor();

    const applicant = await phonePage({ as: saga.email, password: saga.password, javaScriptEnabled: false });
    await applicant.goto(`/organisations/${cykel.slug}`);
    await applicant.getByText(t("profile.rejected", { date: today(), reason }), { exact: true }).waitFor();
  });
});

describe("profile fields on a phone", () => {
  const editPath = "/organisations/fontanhuset-lund/edit";

  test("a bare domain in the website field is saved as https and linked", async () => {
    const page = await phonePage({ as: "member@example.org" });
    const errors = watchPageErrors(page);
    await page.goto(editPath);
    await waitForHydration(page);
    const website = page.getByRole("textbox", { name: sv["edit.website"], exact: true });
    await website.fill("gronahander.se");
    await page.getByRole("button", { name: sv["edit.save"], exact: true }).click();
    await page.getByText(sv["edit.saved"], { exact: true }).waitFor();
    expect(await website.inputValue()).toBe("https://gronahander.se");
    expect(await page.getByText(sv["form.url"]).count(), "no error for the bare domain").toBe(0);

    await page.goto("/organisations/fontanhuset-lund");
    const link = page.getByRole("link", { name: "https://gronahander.se", exact: true });
    expect(await link.getAttribute("href")).toBe("https://gronahander.se");
    expect(errors.errors).toEqual([]);
  });

  test("the description counts down while typing, and text over 4,000 characters is refused with a message", async () => {
    const page = await phonePage({ as: "member@example.org" });
    const errors = watchPageErrors(page);
    await page.goto(editPath);
    await waitForHydration(page);
    const description = page.getByRole("textbox", { name: sv["edit.description"], exact: true });
    const saved = await description.inputValue();
    const max = 4000;
    const left = (count: number) => t("form.charactersLeft", { count: formatNumber("sv", count), max: formatNumber("sv", max) });
    const over = (count: number) => t("form.charactersOver.other", { count, max: formatNumber("sv", max) });
    /** What a screen reader reads with the field: its description, errors included. */
    const describedAs = () =>
      description.evaluate((el) =>
        (el.getAttribute("aria-describedby") ?? "")
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" "),
      );

    // The page comes with the count for the saved text, read with the field.
    expect(await describedAs()).toContain(left(max - saved.length));
    await page.getByText(left(max - saved.length), { exact: true }).waitFor();

    // Typing counts down, key by key.
    await description.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" Välkommen!");
    await page.getByText(left(max - saved.length - 11), { exact: true }).waitFor();
    await page.keyboard.press("Backspace");
    await page.getByText(left(max - saved.length - 10), { exact: true }).waitFor();

    // Exactly at the limit: nothing left, and no warning yet.
    await description.fill("a".repeat(max));
    await page.getByText(left(0), { exact: true }).waitFor();
    await page.keyboard.type("bcd");
    // Over it: the field says by how much, and keeps every character typed.
    await page.getByText(over(3), { exact: true }).waitFor();
    expect(await describedAs()).toContain(over(3));
    expect((await description.inputValue()).length, "the browser does not cut the text off").toBe(max + 3);
    fs.mkdirSync(shots, { recursive: true });
    // The message with the end of the text above it, as the phone shows it.
    const message = page.getByText(over(3), { exact: true });
    await message.scrollIntoViewIfNeeded();
    const at = (await message.boundingBox())!;
    await page.screenshot({
      path: `${shots}/profile-description-over.png`,
      clip: { x: 0, y: Math.max(0, at.y - 120), width: phone.width, height: at.height + 200 },
    });

    // The server refuses it, says why at the field and in the summary, and keeps the text.
    await page.getByRole("button", { name: sv["edit.save"], exact: true }).click();
    // The limit is written as the countdown writes it ("4 000").
    const tooLong = t("form.tooLong", { max: formatNumber("sv", max) });
    await page
      .getByRole("alert")
      .filter({ hasText: sv["form.errorSummary"] })
      .getByRole("link", { name: `${sv["edit.description"]}: ${tooLong}` })
      .waitFor();
    await page.getByText(over(3), { exact: true }).waitFor();
    expect(await description.inputValue()).toBe(`${"a".repeat(max)}bcd`);
    expect(await describedAs()).toContain(tooLong);

    // Nothing was saved: the profile still shows the old description, not a cut one.
    await page.goto("/organisations/fontanhuset-lund");
    expect(await page.getByText("a".repeat(100)).count()).toBe(0);
    expect(errors.errors).toEqual([]);
  });

  test("screenshot of the profile form on the phone", async () => {
    const page = await phonePage({ as: "member@example.org" });
    await page.goto(editPath);
    await waitForHydration(page);
    const form = page.getByRole("region", { name: sv["edit.profile"] });
    fs.mkdirSync(shots, { recursive: true });
    await form.screenshot({ path: `${shots}/profile-form.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  });
});
