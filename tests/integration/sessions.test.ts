import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { absoluteLifetimeMs, getSession, sessionTokenHash } from "../../app/utils/session.server";
import { clientAddressHeader } from "../../app/utils/client-address.server";
import { accountDelayMs } from "../../app/domain/login-throttle";
import { loginDelayScale } from "../../app/utils/login-delay.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

function login(email: string, password: string, address = "10.0.0.1") {
  const request = formRequest("/login", { email, password, redirectTo: "/organisations" });
  request.headers.set(clientAddressHeader, address);
  return answerOf(() => loginAction({ request, params: {}, context: {} }));
}

describe("login", () => {
  it("starts a new HttpOnly, SameSite=Lax session and follows redirectTo", async () => {
    const response = await login("Member@Example.org", "demo-password");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/organisations");
    const cookie = response.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^stl_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const unknown = await login("nobody@example.org", "demo-password", "10.0.0.2");
    const wrong = await login("buyer@example.org", "wrong-password", "10.0.0.3");
    expect(unknown).toMatchObject({ status: 400, data: { errors: { form: "auth.invalidCredentials" } } });
    expect(wrong).toMatchObject({ status: 400, data: { errors: { form: "auth.invalidCredentials" } } });
  });

  it("slows an account down after failures from many addresses, but never locks it", async () => {
    for (let i = 0; i < 10; i++) await login("coordinator@example.org", `wrong-${i}`, `10.1.0.${i}`);
    // The test run shortens the wait (LOGIN_DELAY_SCALE, vitest.config.ts); it is still waited.
    const started = performance.now();
    expect((await login("coordinator@example.org", "demo-password", "10.1.1.1")).status).toBe(302);
    expect(performance.now() - started).toBeGreaterThanOrEqual(accountDelayMs(10) * loginDelayScale(process.env) - 2);
  });

  it("throttles one address on one account after 10 failures", async () => {
    for (let i = 0; i < 10; i++) await login("admin@example.org", `wrong-${i}`, "10.9.9.9");
    expect(await login("admin@example.org", "demo-password", "10.9.9.9")).toMatchObject({
      status: 429,
      data: { errors: { form: "auth.throttled" } },
    });
    expect((await login("admin@example.org", "demo-password", "10.9.9.10")).status).toBe(302);
  });
});

describe("sessions", () => {
  it("are stored only as the SHA-256 of their token", async () => {
    const cookie = await sessionCookieFor(db, "buyer@example.org");
    const token = cookie.split("=")[1];
    expect(await db.selectFrom("session").select("id").where("id", "=", token).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("session").select("id").where("id", "=", sessionTokenHash(token)).executeTakeFirst()).toBeDefined();
    expect(await getSession(getRequest("/", cookie))).not.toBeNull();
    // The stored value, sent as a cookie, is not a session.
    expect(await getSession(getRequest("/", `stl_session=${sessionTokenHash(token)}`))).toBeNull();
  });

  it("end on the server at logout", async () => {
    const cookie = await sessionCookieFor(db, "member@example.org");
    expect(await getSession(getRequest("/", cookie))).not.toBeNull();
    const response = await logoutAction({ request: formRequest("/logout", {}, cookie), params: {}, context: {} });
    expect(response.headers.get("Set-Cookie")).toMatch(/stl_session=;/);
    expect(await getSession(getRequest("/", cookie))).toBeNull();
  });

  it("end after the absolute lifetime however recently they were used", async () => {
    const cookie = await sessionCookieFor(db, "member@example.org");
    const id = sessionTokenHash(cookie.split("=")[1]);
    await db
      .updateTable("session")
      .set({ created_at: new Date(Date.now() - absoluteLifetimeMs - 1000).toISOString(), expires_at: new Date(Date.now() + 86_400_000).toISOString() })
      .where("id", "=", id)
      .execute();
    expect(await getSession(getRequest("/", cookie))).toBeNull();
    expect(await db.selectFrom("session").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });
});
