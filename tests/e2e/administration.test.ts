/**
 * An admin grants and revokes roles in the browser, and the role takes effect for the person; an
 * admin cannot remove their own admin role.
 */
import { describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { useServerAndBrowser } from "./support/suite";

const suite = useServerAndBrowser();

const t = (key: keyof typeof sv, vars: Record<string, string | number> = {}) =>
  sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name]));

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
    expect(await revoke.getAttribute("aria-pressed")).toBe("true");

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
    await admin.getByRole("button", { name: t("admin.revoke", { role: sv["role.admin"], name: "Alma Admin" }), exact: true }).click();
    await admin.getByText(sv["admin.cannotRevokeOwnAdmin"], { exact: true }).waitFor();
    expect(adminErrors.errors).toEqual([]);
  });
});
