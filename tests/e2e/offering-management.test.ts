/**
 * A member keeps an offering current: renames it, removes a capacity line and deletes the
 * offering, each destructive step behind a confirmation; once with JavaScript and once without.
 */
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

const t = (key: keyof typeof sv, vars: Record<string, string | number> = {}) => sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

describe.each([
  { javaScript: "enabled", javaScriptEnabled: true, title: "Sallader till möten" },
  { javaScript: "disabled", javaScriptEnabled: false, title: "Sallader till konferenser" },
])("offering management with JavaScript $javaScript", ({ javaScriptEnabled, title }) => {
  test("rename, remove a capacity line after confirming, delete after confirming", async () => {
    const context = await newContext(suite.browser, suite.server.baseUrl, { javaScriptEnabled });
    const page = await context.newPage();
    const pageErrors = watchPageErrors(page);
    const ready = () => waitForHydration(page, javaScriptEnabled);
    await logIn(page, "member@example.org");

    // A fresh offering with two capacity lines, so the test does not depend on the other run.
    await page.goto("/organisations/fontanhuset-lund/offerings/new");
    await ready();
    await page.getByRole("textbox", { name: sv["offering.title"] }).fill("Tillfälligt erbjudande");
    await page.getByRole("combobox", { name: sv["offering.cpv"], exact: true }).fill("55520000-1 Catering");
    await page.getByRole("button", { name: sv["offering.save"], exact: true }).click();
    await page.getByText(sv["offering.saved"], { exact: true }).waitFor();
    const offeringPath = new URL(page.url()).pathname;

    // Words that fit several CPV codes: with JavaScript the field suggests codes as they are
    // typed (/cpv?q=); with or without it, the form answers with the codes to choose from.
    await page.goto("/organisations/fontanhuset-lund/offerings/new");
    await ready();
    await page.getByRole("textbox", { name: sv["offering.title"] }).fill("Cykelservice");
    await page.getByRole("combobox", { name: sv["offering.cpv"], exact: true }).fill("cykel");
    if (javaScriptEnabled) {
      await page.locator('datalist option[value="34430000-0 Cyklar"]').waitFor({ state: "attached" });
    }
    await page.getByRole("button", { name: sv["offering.save"], exact: true }).click();
    await page.getByRole("radio", { name: "34430000-0 Cyklar", exact: true }).check();
    await page.getByRole("button", { name: sv["offering.save"], exact: true }).click();
    await page.getByText(sv["offering.saved"], { exact: true }).waitFor();
    expect(await page.getByRole("combobox", { name: sv["offering.cpv"], exact: true }).inputValue()).toBe("34430000-0 Cyklar");
    await page.goto(offeringPath);
    await ready();

    for (const quantity of ["30", "45"]) {
      await ready();
      const add = page.getByRole("region", { name: sv["offering.addCapacity"] });
      await add.getByRole("textbox", { name: new RegExp(`^${sv["capacity.quantity"]}`) }).fill(quantity);
      // A new line starts with no day ticked (a pre-ticked week once saved five days for four).
      await add.getByRole("checkbox", { name: sv["weekday.1"], exact: true }).check();
      await add.getByRole("button", { name: sv["offering.addCapacity"], exact: true }).click();
      await page.getByText(sv["offering.capacityAdded"], { exact: true }).waitFor();
    }

    // Rename.
    await ready();
    const offeringForm = page.getByRole("region", { name: sv["offering.editTitle"], exact: true });
    await offeringForm.getByRole("textbox", { name: sv["offering.title"] }).fill(title);
    await offeringForm.getByRole("button", { name: sv["offering.save"], exact: true }).click();
    await page.getByText(sv["offering.saved"], { exact: true }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`${sv["offering.editTitle"]}: ${title}`);

    // Removing the first line asks first; cancelling keeps it.
    await ready();
    await page.getByRole("link", { name: sv["offering.removeCapacity"] }).first().click();
    const question = page.getByRole("alertdialog");
    expect(await question.textContent()).toContain(t("offering.removeCapacityConfirm", { n: 1 }));
    await question.getByRole("link", { name: sv["confirm.cancel"] }).click();
    await page.getByRole("alertdialog").waitFor({ state: "detached" });
    // Without JavaScript the question leaves with the old page, before the new one has loaded.
    await page.waitForLoadState("load");
    await expect.poll(() => page.getByRole("group", { name: /Kapacitetsrad/ }).count()).toBe(2);

    await ready();
    await page.getByRole("link", { name: sv["offering.removeCapacity"] }).first().click();
    await page.getByRole("alertdialog").getByRole("button", { name: sv["offering.deleteConfirmButton"] }).click();
    await page.getByText(sv["offering.capacityRemoved"], { exact: true }).waitFor();
    expect(await page.getByRole("group", { name: /Kapacitetsrad/ }).count()).toBe(1);
    expect(
      await page
        .getByRole("textbox", { name: new RegExp(`^${sv["capacity.quantity"]}`) })
        .first()
        .inputValue(),
    ).toBe("45");

    // Deleting the offering asks first, then it is gone from the profile.
    await ready();
    await page.getByRole("link", { name: sv["offering.delete"] }).click();
    const deletion = page.getByRole("alertdialog");
    expect(await deletion.textContent()).toContain(t("offering.deleteConfirm", { title }));
    await deletion.getByRole("button", { name: sv["offering.deleteConfirmButton"] }).click();
    await page.getByText(sv["offering.deleted"], { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/organisations/fontanhuset-lund/edit");
    expect((await page.goto(offeringPath))?.status()).toBe(404);
    await page.goto("/organisations/fontanhuset-lund");
    expect(await page.getByRole("heading", { name: title }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Sallader och lunchcatering" }).count()).toBe(1);

    expect(pageErrors.errors).toEqual([]);
    await context.close();
  });
});
