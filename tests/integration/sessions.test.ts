import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountLimit } from "../../app/domain/login-throttle";
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

function login(email: string, password: string, address = "10.0.0.1", cookie?: string) {
  const request = formRequest("/login", { email, password, redirectTo: "/organisations" }, cookie);
  request.headers.set(clientAddressHeader, address);
  return answerOf(() => loginAction({ request, params: {}, context: {} }));
}

/**
 * Wrong passwords for an account, each from an address of its own, until the account's limit
 * refuses one: the failures then counted are the limit, whatever the server's password hashing
 * gave back as busy on the way.
 */
async function failUntilThrottled(email: string, address: (i: number) => string) {
  for (let i = 0; i < 10 * accountLimit; i++) {
    if ((await login(email, `guess-${i}`, address(i))).status === 429) return;
  }
  throw new Error(`${email} was never throttled`);
}

/** The known-device cookie (name=value) a successful login or reset set, if any. */
function deviceCookieOf(answer: { headers: Headers }): string | undefined {
  return answer.headers
    .getSetCookie()
    .find((c) => c.startsWith("stl_device="))
    ?.split(";")[0];
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
    expect(unknown).toMatchObject({ status: 400, data: { error: { "": [{ key: "auth.invalidCredentials" }] } } });
    expect(wrong).toMatchObject({ status: 400, data: { error: { "": [{ key: "auth.invalidCredentials" }] } } });
  });

  it("slows an account down after failures from many addresses, and below its limit lets the owner in from anywhere", async () => {
    for (let i = 0; i < 10; i++) await login("coordinator@example.org", `wrong-${i}`, `10.1.0.${i}`);
    // The test run shortens the wait (LOGIN_DELAY_SCALE, vitest.config.ts); it is still waited.
    const started = performance.now();
    expect((await login("coordinator@example.org", "demo-password", "10.1.1.1")).status).toBe(302);
    expect(performance.now() - started).toBeGreaterThanOrEqual(accountDelayMs(10) * loginDelayScale(process.env) - 2);
  });

  it("checks at most 20 passwords of one account per 15 minutes, from any number of addresses at once", async () => {
    // The probe: 40 addresses, 10 guesses each, all at once.
    const guesses = Array.from({ length: 400 }, (_, i) => login("iris@example.org", `guess-${i}`, `10.10.${i % 40}.1`));
    const statuses = (await Promise.all(guesses)).map((a) => a.status);
    // Every guess let through is checked (400) or, when the server's password hashing is busy
    // (503), given back unchecked, its reservation released. At most 20 are checked. The first 20
    // let through end as checked or busy; a released place may be taken again by a guess still
    // arriving, so checked + busy is at least 20, and every other guess is refused outright. With
    // the test run's short waits, more guesses reach the hashing at once than in production.
    const checked = statuses.filter((s) => s === 400).length;
    const busy = statuses.filter((s) => s === 503).length;
    expect(checked).toBeLessThanOrEqual(accountLimit);
    expect(checked + busy).toBeGreaterThanOrEqual(accountLimit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(400 - checked - busy);
    expect(statuses.every((s) => s === 400 || s === 503 || s === 429)).toBe(true);
    // Once the limit is reached (topped up here by what the hashing gave back as busy), a new
    // address with the right password is held back too, with the reason and the ways out.
    await failUntilThrottled("iris@example.org", (i) => `10.10.${100 + i}.1`);
    expect(await login("iris@example.org", "demo-password", "10.10.99.1")).toMatchObject({
      status: 429,
      data: { error: { "": [{ key: "auth.accountThrottled" }] } },
    });
  });

  it("lets the owner in from a browser that has logged in before, however many failures elsewhere", async () => {
    const first = await login("klinten@example.org", "demo-password", "10.11.0.1");
    expect(first.status).toBe(302);
    const device = deviceCookieOf(first);
    expect(device).toMatch(/^stl_device=[A-Za-z0-9_-]{43}$/);
    expect(first.headers.getSetCookie().find((c) => c.startsWith("stl_device="))).toMatch(/HttpOnly; SameSite=Lax$/);
    await failUntilThrottled("klinten@example.org", (i) => `10.11.${i + 1}.1`);
    expect((await login("klinten@example.org", "demo-password", "10.11.99.1")).status).toBe(429);
    const known = await login("klinten@example.org", "demo-password", "10.11.99.2", device);
    expect(known.status).toBe(302);
    expect(deviceCookieOf(known), "a known browser keeps its cookie").toBeUndefined();
    // The cookie is the account's: it does not open another account's limit.
    await failUntilThrottled("skoopi@example.org", (i) => `10.12.${i}.1`);
    expect((await login("skoopi@example.org", "demo-password", "10.12.99.1", device)).status).toBe(429);
  });

  it("throttles one address on one account after 10 failures", async () => {
    for (let i = 0; i < 10; i++) await login("admin@example.org", `wrong-${i}`, "10.9.9.9");
    expect(await login("admin@example.org", "demo-password", "10.9.9.9")).toMatchObject({
      status: 429,
      data: { error: { "": [{ key: "auth.throttled" }] } },
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
