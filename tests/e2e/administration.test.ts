/**
 * An admin grants and revokes roles in the browser, and the role takes effect for the person; an
 * admin cannot remove their own admin role.
 */
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

const t = (key: keyof typeof sv, vars: Record<string, string | number> = {}) => sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

describe("role administration", () => {
  test("grant coordinator to a member, who then reaches coordination; revoke it again", async () => {
    const admin = await (await newContext(suite.browser, suite.server.baseUrl)).newPage();
    const adminErrors = watchPageErrors(admin);
    await logIn(admin, "admin@example.org");
    await admin.goto("/admin?q=member");
    await waitForHydration(admin);
    const grant = { role: sv["role.coordinator"], name: "Maria Medlem" };
    await admin.getByRole("button", { name: t("admin.grant", grant), exact: true }).click();
    await admin.getByText(sv["admin.granted"], { exact: true }).waitFor();
    const revoke = admin.getByRole("button", { name: t("admin.revoke", grant), exact: true });
    // The state is said in words next to the button, not only by the button's look.
    await admin
      .getByRole("list", { name: t("admin.rolesOf", { name: "Maria Medlem" }) })
      .getByText(t("admin.hasRole", { role: sv["role.coordinator"] }), { exact: true })
      .waitFor();
    await revoke.waitFor();

    const member = await (await newContext(suite.browser, suite.server.baseUrl)).newPage();
    await logIn(member, "member@example.org");
    expect((await member.goto("/coordinator"))?.status()).toBe(200);
    await member.getByRole("heading", { level: 1, name: sv["coordinator.title"] }).waitFor();

    await waitForHydration(admin);
    await revoke.click();
    await admin.getByText(sv["admin.revoked"], { exact: true }).waitFor();
    expect((await member.goto("/coordinator"))?.status()).toBe(403);

    // Nobody locks the platform out by removing their own admin role.
    await admin.goto("/admin?q=admin%40example.org");
    await waitForHydration(admin);
    const revokeOwn = t("admin.revoke", { role: sv["role.admin"], name: "Alma Admin" });
    // Revoking admin asks first: the link opens the question, whose button does it.
    await admin.getByRole("link", { name: revokeOwn, exact: true }).click();
    await admin.getByRole("alertdialog").getByRole("button", { name: revokeOwn, exact: true }).click();
    await admin.getByText(sv["admin.cannotRevokeOwnAdmin"], { exact: true }).waitFor();
    expect(adminErrors.errors).toEqual([]);
  });

  test("each role's state is said in words, and granting admin is confirmed before it happens", async () => {
    const admin = await (await newContext(suite.browser, suite.server.baseUrl)).newPage();
    await admin.setViewportSize({ width: 390, height: 844 });
    await logIn(admin, "admin@example.org");
    await admin.goto("/admin?q=member");
    await waitForHydration(admin);
    const roles = admin.getByRole("list", { name: t("admin.rolesOf", { name: "Maria Medlem" }) });
    await roles.getByText(t("admin.lacksRole", { role: sv["role.admin"] }), { exact: true }).waitFor();
    const grant = t("admin.grant", { role: sv["role.admin"], name: "Maria Medlem" });
    await roles.getByRole("link", { name: grant, exact: true }).click();
    const confirm = admin.getByRole("alertdialog").getByRole("button", { name: grant, exact: true });
    await confirm.waitFor();
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    // Nothing granted by the first click.
    await admin.reload();
    await roles.getByText(t("admin.lacksRole", { role: sv["role.admin"] }), { exact: true }).waitFor();
    await confirm.click();
    await admin.getByText(sv["admin.granted"], { exact: true }).waitFor();
    await roles.getByText(t("admin.hasRole", { role: sv["role.admin"] }), { exact: true }).waitFor();
    expect(new URL(admin.url()).searchParams.get("confirmRole"), "the question is gone after the answer").toBeNull();
    await admin.context().close();
  });
});
