/**
 * A new social enterprise joins the network with its e-mail open beside it, read from a real SMTP
 * server's mailbox: sign-up says first that the address must be confirmed and keeps what was typed;
 * the application reaches the coordinators; approval, verification and a rejection (with its reason
 * and how to apply again) reach the applicant; applying again reaches the coordinators. The last
 * owner cannot delete their account: the page names the organisation and the ways out, asking the
 * coordinators reaches them, a coordinator appoints an owner (in the audit log, and the new owner
 * hears of it), and then the account can go. A changed password is told even with e-mail off.
 * After each step, nobody else got a message; every link in every e-mail starts at PUBLIC_URL.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { withCheckDigit } from "../../app/domain/org-number";
import { serverTranslator } from "../../app/utils/messages.server";
import { type DB, openDatabase } from "../../db/client.server";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { addresses, mailsDuring, readMail, type ReadMail } from "./support/mail";
import { publicUrl, useServerBrowserAndMailbox } from "./support/suite";

const suite = useServerBrowserAndMailbox();
let db: DB;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const t = serverTranslator("sv");
const subject = (line: string) => `${line} | Social Trade Lund`;
const mailsOf = (count: number, step: () => Promise<void>) => mailsDuring(suite.smtp, count, step);

beforeAll(() => {
  db = openDatabase(suite.server.database);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await db?.destroy();
});

async function newPage(): Promise<Page> {
  const context = await newContext(suite.browser, suite.server.baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  errors.push(...watchPageErrors(page).errors);
  return page;
}

async function signedIn(email: string, password?: string): Promise<Page> {
  const page = await newPage();
  await logIn(page, email, password);
  return page;
}

/** The coordinators who take e-mail, read from the database rather than from the app's own choice. */
async function coordinatorAddresses(): Promise<string[]> {
  const rows = await db
    .selectFrom("user_role")
    .innerJoin("user", "user.id", "user_role.user_id")
    .select("user.email")
    .where("user_role.role", "=", "coordinator")
    .where("user.email_notifications", "=", true)
    .execute();
  return [...new Set(rows.map((r) => r.email))].sort();
}

/** The path of the link to `prefix` in an e-mail, which must be at PUBLIC_URL. */
function linkIn(mail: ReadMail, prefix: string): string {
  const link = addresses(mail.text).find((a) => a.startsWith(`${publicUrl}${prefix}`));
  expect(link, `a link to ${publicUrl}${prefix} in “${mail.subject}”`).toBeTruthy();
  return link!.slice(publicUrl.length);
}

const password = "ett-langt-losenord";
const saga = {
  name: "Saga Lindqvist",
  email: "saga.lindqvist@example.org",
  organisation: "Kvarngårdens Kök ekonomisk förening",
  orgNumber: withCheckDigit("769934512"),
};
const ebbe = {
  name: "Ebbe Nordström",
  email: "ebbe.nordstrom@example.org",
  organisation: "Stenkrossens Arbetskooperativ",
  orgNumber: withCheckDigit("802644178"),
};
const slugs: Record<string, string> = {};

/** Signs up through the form, confirms the address with the link from the mailbox (the only e-mail), and logs in. */
async function signUp(person: typeof saga): Promise<Page> {
  const page = await newPage();
  await page.goto("/signup");
  await waitForHydration(page);
  const [mail, ...others] = await mailsOf(1, async () => {
    await page.getByRole("textbox", { name: sv["auth.name"], exact: true }).fill(person.name);
    await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill(person.email);
    await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill(password);
    await page.getByRole("button", { name: sv["auth.signup"], exact: true }).click();
    await page.getByText(sv["auth.signupSent"], { exact: true }).waitFor();
  });
  expect(others, "nobody else got one").toEqual([]);
  expect(mail.to).toEqual([person.email]);
  await page.goto(linkIn(mail, "/verify-email?token="));
  await page.getByText(sv["security.verifyDone"], { exact: true }).waitFor();
  await logIn(page, person.email, password);
  return page;
}

/** Registers the person's organisation on /organisations/new; the coordinators, and nobody else, hear of the application. */
async function register(page: Page, person: typeof saga) {
  await page.goto("/organisations/new");
  await waitForHydration(page);
  const form = page.getByRole("region", { name: sv["onboarding.register"] });
  await form.getByRole("textbox", { name: sv["edit.name"], exact: true }).fill(person.organisation);
  await form.getByRole("textbox", { name: sv["edit.orgNumber"], exact: true }).fill(person.orgNumber);
  await form.getByRole("combobox", { name: sv["edit.kind"], exact: true }).selectOption("work_integrating");
  await form.getByRole("textbox", { name: sv["edit.description"], exact: true }).fill("Arbetsintegrerande verksamhet i Lund.");
  await form.getByRole("checkbox", { name: "Lund", exact: true }).check();
  const coordinators = await coordinatorAddresses();
  expect(coordinators.length).toBeGreaterThan(0);
  const mails = await mailsOf(coordinators.length, async () => {
    await form.getByRole("button", { name: sv["onboarding.registerButton"], exact: true }).click();
    await page.getByText(sv["onboarding.registered"], { exact: true }).waitFor();
  });
  slugs[person.organisation] = /^\/organisations\/([^/]+)\/edit$/.exec(new URL(page.url()).pathname)![1];
  expect(mails.map((m) => m.to[0])).toEqual(coordinators);
  for (const mail of mails) {
    expect(mail.subject).toBe(subject(t("coordinator.appliedNotice", { organisation: person.organisation })));
    expect(mail.text).toContain(t("coordinator.appliedNoticeBy", { name: person.name }));
    expect(linkIn(mail, "/coordinator")).toBe("/coordinator");
  }
}

describe("signing up", () => {
  test("says before the form that the address must be confirmed, keeps what was typed after a mistake, and mails the link to that address only", async () => {
    const page = await newPage();
    await page.goto("/signup");
    await waitForHydration(page);
    const note = page.getByText(sv["auth.signupConfirmFirst"], { exact: true });
    await note.waitFor();
    // The note comes before the form, where it is read before anything is typed.
    const before = await note.evaluate((el) => {
      const form = document.querySelector("main form")!;
      return Boolean(el.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(before, "the note precedes the form").toBe(true);
    await page.getByRole("textbox", { name: sv["auth.name"], exact: true }).fill(saga.name);
    await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).fill(saga.email);
    await page.getByRole("textbox", { name: sv["auth.password"], exact: true }).fill("kort");
    const from = suite.smtp.received.length;
    await page.getByRole("button", { name: sv["auth.signup"], exact: true }).click();
    await page.getByText(sv["form.errorSummary"]).first().waitFor();
    expect(await page.getByRole("textbox", { name: sv["auth.name"], exact: true }).inputValue()).toBe(saga.name);
    expect(await page.getByRole("textbox", { name: sv["auth.email"], exact: true }).inputValue()).toBe(saga.email);
    expect(suite.smtp.received.length, "a refused sign-up sends nothing").toBe(from);
    await page.context().close();
  });
});

describe("an application", () => {
  let sagaPage: Page;

  test("reaches every coordinator and nobody else; approval and verification reach the applicant only", async () => {
    sagaPage = await signUp(saga);
    await register(sagaPage, saga);
    const slug = slugs[saga.organisation];

    const coordinator = await signedIn("coordinator@example.org");
    await coordinator.goto("/coordinator");
    await waitForHydration(coordinator);
    const approved = await mailsOf(1, async () => {
      await coordinator.getByRole("button", { name: t("coordinator.approve", { name: saga.organisation }), exact: true }).click();
      await coordinator.getByText(t("coordinator.approved", { name: saga.organisation }), { exact: true }).waitFor();
    });
    expect(approved.map((m) => m.to)).toEqual([[saga.email]]);
    expect(approved[0].subject).toBe(subject(t("coordinator.approvedNotice", { organisation: saga.organisation })));
    expect(linkIn(approved[0], "/organisations/")).toBe(`/organisations/${slug}`);

    await waitForHydration(coordinator);
    const verified = await mailsOf(1, async () => {
      await coordinator.getByRole("button", { name: t("coordinator.verify", { name: saga.organisation }), exact: true }).click();
      await coordinator.getByText(t("coordinator.verified", { name: saga.organisation }), { exact: true }).waitFor();
    });
    expect(verified.map((m) => m.to)).toEqual([[saga.email]]);
    expect(verified[0].subject).toBe(subject(t("coordinator.verifiedNotice", { organisation: saga.organisation })));
    expect(verified[0].text).toContain("Verifierad av nätverket");
  });

  test("rejected, reaches the applicant with the reason and how to apply again; applying again reaches the coordinators", async () => {
    const ebbePage = await signUp(ebbe);
    await register(ebbePage, ebbe);
    const slug = slugs[ebbe.organisation];
    const reason = "Organisationsnumret hör till ett aktiebolag utan arbetsintegrerande verksamhet.";

    const coordinator = await signedIn("coordinator@example.org");
    await coordinator.goto("/coordinator");
    await waitForHydration(coordinator);
    await coordinator.getByRole("link", { name: t("coordinator.reject", { name: ebbe.organisation }), exact: true }).click();
    await coordinator.getByRole("textbox", { name: sv["coordinator.rejectReason"] }).fill(reason);
    const rejected = await mailsOf(1, async () => {
      await coordinator.getByRole("button", { name: sv["coordinator.rejectConfirm"], exact: true }).click();
      await coordinator.getByText(t("coordinator.rejected", { name: ebbe.organisation }), { exact: true }).waitFor();
    });
    expect(rejected.map((m) => m.to)).toEqual([[ebbe.email]]);
    expect(rejected[0].subject).toBe(subject(t("coordinator.rejectedNotice", { name: ebbe.organisation })));
    expect(rejected[0].text).toContain(t("coordinator.rejectedNoticeReason", { reason }));
    expect(rejected[0].text).toContain(t("coordinator.rejectedNoticeAgain"));
    const again = linkIn(rejected[0], `/organisations/${slug}/edit`);

    // The link, opened from the e-mail in a new tab, leads to where the applicant applies again.
    const fromMail = await ebbePage.context().newPage();
    await fromMail.goto(again);
    await waitForHydration(fromMail);
    const coordinators = await coordinatorAddresses();
    const applied = await mailsOf(coordinators.length, async () => {
      await fromMail.getByRole("button", { name: sv["onboarding.applyAgainButton"], exact: true }).click();
      await fromMail.getByText(sv["onboarding.appliedAgain"], { exact: true }).waitFor();
    });
    expect(applied.map((m) => m.to[0])).toEqual(coordinators);
    for (const mail of applied) expect(mail.subject).toBe(subject(t("coordinator.appliedAgainNotice", { organisation: ebbe.organisation })));
  });

  test("the last owner cannot delete the account: told which organisation and the ways out; asking reaches the coordinators; an appointed owner frees the account", async () => {
    const slug = slugs[saga.organisation];
    await sagaPage.goto("/account/delete");
    await waitForHydration(sagaPage);
    await sagaPage.getByRole("heading", { name: sv["security.deleteLastOwnerTitle"] }).waitFor();
    const handOver = sagaPage.getByRole("link", { name: t("security.deleteHandOver", { name: saga.organisation }), exact: true });
    expect(await handOver.getAttribute("href")).toBe(`/organisations/${slug}/members`);
    expect(await sagaPage.getByLabel(sv["security.deletePassword"]).count(), "no password field while the organisation would be left without an owner").toBe(0);

    // A deletion sent anyway (from a page opened earlier) is refused and deletes nothing.
    const refused = await sagaPage.evaluate(async (pw) => {
      const response = await fetch("/account/delete", { method: "POST", body: new URLSearchParams({ password: pw }), redirect: "manual" });
      return response.status;
    }, password);
    expect(refused).toBe(409);
    expect(await db.selectFrom("user").select("id").where("email", "=", saga.email).executeTakeFirst()).toBeDefined();

    const coordinators = await coordinatorAddresses();
    const asked = await mailsOf(coordinators.length, async () => {
      await sagaPage.getByRole("button", { name: sv["security.deleteAskCoordinator"], exact: true }).click();
      await sagaPage.getByText(sv["security.deleteAskedCoordinator"], { exact: true }).waitFor();
    });
    expect(asked.map((m) => m.to[0])).toEqual(coordinators);
    for (const mail of asked) expect(mail.subject).toBe(subject(t("coordinator.ownerWantedNotice", { name: saga.name, organisation: saga.organisation })));

    // A coordinator appoints Ebbe, who has a confirmed address, as an owner.
    const coordinator = await signedIn("coordinator@example.org");
    await coordinator.goto("/coordinator#owners");
    await waitForHydration(coordinator);
    const owners = coordinator.locator("#owners");
    await owners.getByRole("combobox", { name: sv["coordinator.appointOrganisation"] }).selectOption({ label: saga.organisation });
    await owners.getByRole("textbox", { name: sv["coordinator.appointEmail"] }).fill(ebbe.email);
    const appointed = await mailsOf(2, async () => {
      await owners.getByRole("button", { name: sv["coordinator.appoint"], exact: true }).click();
      await coordinator.getByText(t("coordinator.appointed", { name: ebbe.name, organisation: saga.organisation }), { exact: true }).waitFor();
    });
    expect(appointed.map((m) => [m.to[0], m.subject])).toEqual([
      [ebbe.email, subject(t("coordinator.ownerAppointedNotice", { organisation: saga.organisation, by: "Cecilia Samordnare" }))],
      [saga.email, subject(t("coordinator.ownerAppointedOthersNotice", { name: ebbe.name, organisation: saga.organisation, by: "Cecilia Samordnare" }))],
    ]);

    // The appointment is in the audit log, as a sentence.
    await coordinator.goto("/coordinator/audit");
    await coordinator.getByText(`Cecilia Samordnare utsåg ${ebbe.name} till ägare av ${saga.organisation}`, { exact: true }).waitFor();

    // Now Saga is not the last owner: the password form is there, and the account goes; the organisation keeps its owner.
    await sagaPage.goto("/account/delete");
    await waitForHydration(sagaPage);
    await sagaPage.getByLabel(sv["security.deletePassword"]).fill(password);
    const from = suite.smtp.received.length;
    await sagaPage.getByRole("button", { name: sv["security.deleteConfirm"], exact: true }).click();
    await sagaPage.getByText(sv["security.deleted"], { exact: true }).waitFor();
    expect(await db.selectFrom("user").select("id").where("email", "=", saga.email).executeTakeFirst()).toBeUndefined();
    const organisationOwners = await db
      .selectFrom("membership")
      .innerJoin("organisation", "organisation.id", "membership.organisation_id")
      .innerJoin("user", "user.id", "membership.user_id")
      .select("user.email")
      .where("organisation.slug", "=", slug)
      .where("membership.role", "=", "owner")
      .where("membership.status", "=", "active")
      .execute();
    expect(organisationOwners.map((o) => o.email)).toEqual([ebbe.email]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(
      suite.smtp.received.slice(from).map((d) => d.to),
      "nobody is mailed about a deletion",
    ).toEqual([]);
  });
});

describe("a changed password", () => {
  test("is told by e-mail even with e-mail notices off, with the way to take the account back, to that person only", async () => {
    const page = await signedIn(ebbe.email, password);
    await page.goto("/account");
    await waitForHydration(page);
    await page.getByRole("checkbox", { name: sv["account.emailNotifications"] }).uncheck();
    await page.getByRole("button", { name: sv["account.saveNotifications"], exact: true }).click();
    await page.getByText(sv["account.notificationsSaved"], { exact: true }).waitFor();
    await waitForHydration(page);
    await page.getByLabel(sv["account.currentPassword"]).fill(password);
    await page.getByLabel(sv["account.newPassword"]).fill("ett-annat-langt-losenord");
    const [mail, ...others] = await mailsOf(1, async () => {
      await page.getByRole("button", { name: sv["account.changePassword"], exact: true }).click();
      await page.getByText(sv["account.passwordChanged"], { exact: true }).waitFor();
    });
    expect(others).toEqual([]);
    expect(mail.to).toEqual([ebbe.email]);
    expect(mail.subject.startsWith(sv["account.passwordChangedNotice"].replace(" {at}", ""))).toBe(true);
    expect(linkIn(mail, "/forgot-password")).toBe("/forgot-password");
  });
});

describe("every e-mail of this file", () => {
  test("links only to PUBLIC_URL, never to the address the server listens on", async () => {
    const mails = await Promise.all(suite.smtp.received.map((d) => readMail(d)));
    expect(mails.length).toBeGreaterThan(10);
    for (const mail of mails) {
      const links = addresses(mail.text);
      expect(links.length, `links in “${mail.subject}”`).toBeGreaterThan(0);
      for (const link of links) expect(link.startsWith(`${publicUrl}/`), `${link} in “${mail.subject}”`).toBe(true);
    }
    expect(errors).toEqual([]);
  });
});
