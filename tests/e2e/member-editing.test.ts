/**
 * A member edits their own organisation and nobody else's: the server refuses other
 * organisations' pages and forged posts, whatever the browser sends; and a profile form with a
 * bad organisationsnummer explains the error at the field and keeps what was typed.
 */
import type { APIResponse, BrowserContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { onePixelPng, pngOfSize, submitLogo } from "./support/logo";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

async function memberContext(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled });
  const page = await context.newPage();
  await logIn(page, "member@example.org");
  return { context, page };
}

/** A form post with the member's session cookie, sent by the test rather than by a page. */
function forgePost(page: Page, path: string, form: Record<string, string>, origin = suite.server.baseUrl): Promise<APIResponse> {
  return page.request.post(`${suite.server.baseUrl}${path}`, { form, headers: { Origin: origin }, maxRedirects: 0 });
}

async function offeringCount(page: Page): Promise<number> {
  await page.goto("/organisations/iris-kraft");
  await page.getByRole("heading", { level: 1, name: "Iris Kraft", exact: true }).waitFor();
  return page.getByRole("article").count();
}

describe("a member and other organisations", () => {
  test("another organisation's edit page is refused", async () => {
    const { context, page } = await memberContext();
    const response = await page.goto("/organisations/iris-kraft/edit");
    expect(response?.status()).toBe(403);
    await page.getByText(sv["error.forbidden"], { exact: true }).waitFor();
    expect(await page.getByRole("textbox", { name: sv["edit.name"], exact: true }).count()).toBe(0);
    expect(await page.getByText("Iris Kraft").count(), "nothing of the organisation is shown").toBe(0);

    expect((await page.goto("/organisations/iris-kraft/offerings/new"))?.status()).toBe(403);
    await context.close();
  });

  test("forged posts to another organisation are refused and change nothing", async () => {
    const { context, page } = await memberContext();
    const offeringsBefore = await offeringCount(page);
    expect(offeringsBefore).toBeGreaterThan(0);

    const profile = {
      intent: "profile",
      name: "Kapad organisation",
      orgNumber: "556677-8899",
      kind: "buyer",
      description: "Ändrad av någon annan.",
    };
    // Same origin, with the member's valid session: only the membership check stands in the way.
    expect((await forgePost(page, "/organisations/iris-kraft/edit", profile)).status()).toBe(403);
    // The same through React Router's data endpoint, which the enhanced form posts to.
    expect((await forgePost(page, "/organisations/iris-kraft/edit.data", profile)).status()).toBe(403);
    expect((await forgePost(page, "/organisations/iris-kraft/logo", { intent: "removeLogo" })).status()).toBe(403);
    expect(
      (await forgePost(page, "/organisations/iris-kraft/offerings/new", { title: "Kapat erbjudande", cpvCode: "55520000-1", unit: "portions" })).status(),
    ).toBe(403);

    // Another organisation's offering addressed through the member's own organisation: not found.
    await page.goto("/organisations/fontanhuset-lund/edit");
    const ownIds = new Set(
      await page
        .getByRole("link", { name: new RegExp(`^${sv["edit.editOffering"]}: `) })
        .evaluateAll((links) => links.map((a) => Number(a.getAttribute("href")!.split("/").pop()))),
    );
    expect(ownIds.size).toBeGreaterThan(0);
    const othersIds = Array.from({ length: 20 }, (_, i) => i + 1).filter((id) => !ownIds.has(id));
    for (const id of othersIds) {
      const path = `/organisations/fontanhuset-lund/offerings/${id}`;
      expect((await forgePost(page, path, { intent: "deleteOffering" })).status(), path).toBe(404);
    }

    const after = await offeringCount(page);
    expect(after).toBe(offeringsBefore);
    expect(await page.getByText("Kapad organisation").count()).toBe(0);
    expect(await page.getByText("Kapat erbjudande").count()).toBe(0);
    const publicNames = await page.request.get(`${suite.server.baseUrl}/organisations?q=Kapad`);
    expect(await publicNames.text()).not.toContain("Kapad organisation");
    await context.close();
  });

  test("a post from another site is refused even to the member's own organisation", async () => {
    const { context, page } = await memberContext();
    const response = await forgePost(
      page,
      "/organisations/fontanhuset-lund/edit",
      { intent: "profile", name: "Från en annan webbplats", orgNumber: "556677-8899", kind: "hybrid" },
      "https://evil.example",
    );
    expect(response.status()).toBe(403);
    await page.goto("/organisations/fontanhuset-lund");
    await page.getByRole("heading", { level: 1, name: "Fontänhuset Lund", exact: true }).waitFor();
    expect(await page.getByText("Från en annan webbplats").count()).toBe(0);
    await context.close();
  });
});

describe.each([
  { javaScript: "enabled", javaScriptEnabled: true },
  { javaScript: "disabled", javaScriptEnabled: false },
])("the edit page with JavaScript $javaScript", ({ javaScriptEnabled }) => {
  test("a bad organisationsnummer is explained at the field, the input is kept, nothing is saved", async () => {
    const { context, page } = await memberContext(javaScriptEnabled);
    const pageErrors = watchPageErrors(page);
    await page.goto("/organisations/fontanhuset-lund/edit");
    await waitForHydration(page, javaScriptEnabled);
    const form = page.getByRole("region", { name: sv["edit.profile"], exact: true });
    const name = form.getByRole("textbox", { name: sv["edit.name"], exact: true });
    const orgNumber = form.getByRole("textbox", { name: sv["edit.orgNumber"], exact: true });
    const description = form.getByRole("textbox", { name: sv["edit.description"], exact: true });
    const original = { name: await name.inputValue(), orgNumber: await orgNumber.inputValue(), description: await description.inputValue() };

    // The right digits with the wrong check digit.
    const badNumber = `${original.orgNumber.slice(0, -1)}${(Number(original.orgNumber.slice(-1)) + 1) % 10}`;
    const typed = {
      name: "Fontänhuset Lund – klubbhuset",
      orgNumber: badNumber,
      description: `Ny beskrivning (${javaScriptEnabled ? "med" : "utan"} JavaScript).`,
    };
    await name.fill(typed.name);
    await orgNumber.fill(typed.orgNumber);
    await description.fill(typed.description);
    const answer = page.waitForResponse((r) => r.request().method() === "POST");
    await form.getByRole("button", { name: sv["edit.save"], exact: true }).click();
    expect((await answer).status()).toBe(400);

    await form.getByRole("alert").getByText(sv["form.errorSummary"], { exact: true }).waitFor();
    await form.getByText(sv["form.orgNumber.check_digit"], { exact: true }).waitFor();
    // Next to the field: the message is the field's description, and the field is marked invalid.
    expect(await orgNumber.getAttribute("aria-invalid")).toBe("true");
    expect(await describedBy(orgNumber)).toContain(sv["form.orgNumber.check_digit"]);
    expect(await describedBy(name)).not.toContain(sv["form.orgNumber.check_digit"]);
    // What the user typed is still there.
    expect(await name.inputValue()).toBe(typed.name);
    expect(await orgNumber.inputValue()).toBe(typed.orgNumber);
    expect(await description.inputValue()).toBe(typed.description);

    // Nothing was saved.
    await page.goto("/organisations/fontanhuset-lund");
    await page.getByRole("heading", { level: 1, name: original.name, exact: true }).waitFor();
    expect(await page.getByText(typed.description).count()).toBe(0);

    // Corrected, it saves.
    await page.goto("/organisations/fontanhuset-lund/edit");
    await waitForHydration(page, javaScriptEnabled);
    await description.fill(typed.description);
    await form.getByRole("button", { name: sv["edit.save"], exact: true }).click();
    await page.getByText(sv["edit.saved"], { exact: true }).waitFor();
    await page.goto("/organisations/fontanhuset-lund");
    await page.getByText(typed.description, { exact: true }).waitFor();

    expect(pageErrors.errors).toEqual([]);
    await context.close();
  });

  test("a logo that is not an image is explained at the field; an image is shown, then removed", async () => {
    const { context, page } = await memberContext(javaScriptEnabled);
    const pageErrors = watchPageErrors(page);
    await page.goto("/organisations/fontanhuset-lund/edit");
    await waitForHydration(page, javaScriptEnabled);
    const logo = await submitLogo(page, Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"));
    await logo.getByText(sv["form.logoType"], { exact: true }).waitFor();
    expect(await logo.getByRole("img").count()).toBe(0);

    await submitLogo(page, onePixelPng);
    await page.getByText(sv["edit.logoSaved"], { exact: true }).waitFor();
    const shown = logo.getByRole("img", { name: sv["profile.logoAlt"].replace("{name}", "Fontänhuset Lund") });
    await shown.waitFor();
    expect(await logo.getByText(sv["form.logoType"], { exact: true }).count()).toBe(0);

    await logo.getByRole("button", { name: sv["edit.logoRemove"], exact: true }).click();
    await page.getByText(sv["edit.logoRemoved"], { exact: true }).waitFor();
    expect(await shown.count()).toBe(0);
    expect(pageErrors.errors).toEqual([]);
    await context.close();
  });

  test("a logo up to 2 MB is taken; a larger one is explained at the field", async () => {
    const { context, page } = await memberContext(javaScriptEnabled);
    const pageErrors = watchPageErrors(page);
    await page.goto("/organisations/fontanhuset-lund/edit");
    await waitForHydration(page, javaScriptEnabled);
    const logo = await submitLogo(page, await pngOfSize(120 * 1024));
    await page.getByText(sv["edit.logoSaved"], { exact: true }).waitFor();
    await logo.getByRole("img").waitFor();

    await waitForHydration(page, javaScriptEnabled);
    await submitLogo(page, await pngOfSize(3 * 1024 * 1024));
    await logo.getByText(sv["form.logoSize"], { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/organisations/fontanhuset-lund/edit");
    // The next test starts without a logo.
    await logo.getByRole("button", { name: sv["edit.logoRemove"], exact: true }).click();
    await page.getByText(sv["edit.logoRemoved"], { exact: true }).waitFor();
    expect(pageErrors.errors).toEqual([]);
    await context.close();
  });
});

describe("the reserved-contract badge", () => {
  test("an owner's new share ends the verification until a coordinator verifies again; below 30 % the badge goes", async () => {
    const { context, page } = await memberContext();
    const form = page.getByRole("region", { name: sv["edit.profile"], exact: true });
    const setShare = async (share: string, date: string, saved: string) => {
      await page.goto("/organisations/fontanhuset-lund/edit");
      await waitForHydration(page);
      await form.getByRole("textbox", { name: sv["edit.workforceShare"], exact: true }).fill(share);
      await form.getByLabel(sv["edit.workforceShareDate"], { exact: true }).fill(date);
      await form.getByRole("button", { name: sv["edit.save"], exact: true }).click();
      await page.getByText(saved, { exact: true }).waitFor();
      await page.goto("/organisations/fontanhuset-lund");
    };
    const badge = sv["badge.reservedAsOf"].replace("{date}", "1 okt. 2026");

    // The demo's Fontänhuset is verified; the owner's own new figure is not, until checked.
    await page.goto("/organisations/fontanhuset-lund/edit");
    await form.getByText(sv["edit.verifiedFactsNotice"], { exact: true }).waitFor();
    await setShare("95", "2026-10-01", sv["edit.savedVerificationEnded"]);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByText(badge, { exact: true }).count()).toBe(0);
    expect(await page.getByText(sv["profile.reserved"], { exact: true }).count()).toBe(0);

    // The coordinator sees what changed and verifies again; then the badge shows, with its date.
    const coordinator = await newContext(suite.browser, suite.server.baseUrl);
    const coordinatorPage = await coordinator.newPage();
    await logIn(coordinatorPage, "coordinator@example.org");
    await coordinatorPage.goto("/coordinator");
    const changed = coordinatorPage.getByRole("region", { name: sv["coordinator.changedSinceVerified"], exact: true });
    const row = changed.getByRole("row", { name: new RegExp(sv["coordinator.workforceShare"]) });
    expect(await row.getByRole("cell").allTextContents()).toEqual(["80 %", "95 %"]);
    await changed.getByRole("button", { name: sv["coordinator.verifyAgain"].replace("{name}", "Fontänhuset Lund"), exact: true }).click();
    await coordinatorPage.getByText(sv["coordinator.verified"].replace("{name}", "Fontänhuset Lund"), { exact: true }).waitFor();
    await coordinator.close();
    await page.reload();
    await page.getByText(badge, { exact: true }).waitFor();

    await setShare("29", "2026-10-01", sv["edit.savedVerificationEnded"]);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByText(badge, { exact: true }).count()).toBe(0);
    expect(await page.getByText(sv["profile.reserved"], { exact: true }).count()).toBe(0);
    await context.close();
  });
});

/** The text of the elements a field's aria-describedby points to. */
function describedBy(field: ReturnType<Page["locator"]>): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}
