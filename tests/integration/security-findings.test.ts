/**
 * Issue 13: each numbered finding of the probe, replayed with the request that showed it.
 * Findings that only show at the HTTP layer (body limits, proxies, origin, headers) are in
 * security-http.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as rootLoader } from "../../app/root";
import { action as langAction } from "../../app/routes/lang";
import { action as loginAction } from "../../app/routes/login";
import { action as signupAction } from "../../app/routes/signup";
import { loader as adminLoader } from "../../app/routes/admin";
import { loader as directoryLoader } from "../../app/routes/organisations._index";
import { loader as profileLoader } from "../../app/routes/organisations.$slug";
import { loader as editLoader } from "../../app/routes/organisations.$slug_.edit";
import { action as newOfferingAction } from "../../app/routes/organisations.$slug_.offerings.new";
import { action as capacityAction } from "../../app/routes/organisations.$slug_.offerings.$offeringId._index";
import { maxCapacityLinesPerOffering, maxOfferingsPerOrganisation, profileCapacityLinesShown } from "../../app/domain/limits";
import { createFixtureOrganisation } from "./fixtures";
import { clientAddressHeader } from "../../app/utils/client-address.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor, type RouteAnswer } from "./support/requests";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

function login(fields: Record<string, string>, address: string) {
  const request = formRequest("/login", fields);
  request.headers.set(clientAddressHeader, address);
  return answerOf(() => loginAction({ request, params: {}, context: {} }));
}

const statusOf = (answer: RouteAnswer): number => answer.status;

describe("1. open redirect after login", () => {
  for (const redirectTo of ["/.//evil.example", "/..//evil.example", "/%2e//evil.example", "/%2e%2e//evil.example", "/./\\evil.example"]) {
    it(`login with redirectTo=${redirectTo} stays on the site`, async () => {
      const response = await login({ email: "member@example.org", password: "demo-password", redirectTo }, `10.1.${redirectTo.length}.1`);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/");
    });
    it(`/lang with redirectTo=${redirectTo} stays on the site`, async () => {
      const response = await langAction({ request: formRequest("/lang", { lang: "en", redirectTo }), params: {}, context: {} });
      expect(response.headers.get("Location")).toBe("/");
    });
  }

  it("still follows a path on the site, dot segments resolved", async () => {
    const response = await langAction({ request: formRequest("/lang", { lang: "en", redirectTo: "/a/../organisations?q=x" }), params: {}, context: {} });
    expect(response.headers.get("Location")).toBe("/organisations?q=x");
  });
});

describe("2. simultaneous guesses", () => {
  it("60 guesses at once from one address: at most 10 are checked, the rest get 429", async () => {
    const guesses = Array.from({ length: 59 }, (_, i) => `wrong-${i}`).concat("demo-password");
    const results = await Promise.all(guesses.map((password) => login({ email: "buyer@example.org", password, redirectTo: "/" }, "10.2.0.1")));
    const statuses = results.map(statusOf);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50);
    // The right password, sent last, was not among the checked ones.
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("3. nobody can lock another person's account", () => {
  it("ten wrong passwords from ten addresses, then the right one from a new address logs in", async () => {
    for (let i = 0; i < 10; i++) {
      expect(statusOf(await login({ email: "admin@example.org", password: `wrong-${i}`, redirectTo: "/" }, `10.3.0.${i}`))).toBe(400);
    }
    const response = await login({ email: "admin@example.org", password: "demo-password", redirectTo: "/" }, "10.3.1.1");
    expect(statusOf(response)).toBe(302);
  });

  it("12 failed logins from one address for one account: 429, even with the right password", async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push(statusOf(await login({ email: "member@example.org", password: `wrong-${i}`, redirectTo: "/" }, "10.3.2.1")));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(statusOf(await login({ email: "member@example.org", password: "demo-password", redirectTo: "/" }, "10.3.2.1"))).toBe(429);
    // From another address the owner still gets in.
    expect(statusOf(await login({ email: "member@example.org", password: "demo-password", redirectTo: "/" }, "10.3.2.2"))).toBe(302);
  });

  it("password spraying: 30 failures across accounts from one address, then 429 for any account", async () => {
    for (let i = 0; i < 30; i++) {
      expect(statusOf(await login({ email: `spray${i}@example.org`, password: "Summer2026!", redirectTo: "/" }, "10.3.3.1"))).toBe(400);
    }
    expect(statusOf(await login({ email: "coordinator@example.org", password: "demo-password", redirectTo: "/" }, "10.3.3.1"))).toBe(429);
    expect(statusOf(await login({ email: "coordinator@example.org", password: "demo-password", redirectTo: "/" }, "10.3.3.2"))).toBe(302);
  });
});

describe("5. signups", () => {
  function signup(i: number, address: string) {
    const request = formRequest("/signup", { name: `Person ${i}`, email: `signup-${address}-${i}@example.org`, password: "long-enough-password" });
    request.headers.set(clientAddressHeader, address);
    return answerOf(() => signupAction({ request, params: {}, context: {} }));
  }

  it("100 simultaneous signups from one address: 10 accounts, the rest 429 without hashing", async () => {
    const statuses = (await Promise.all(Array.from({ length: 100 }, (_, i) => signup(i, "10.5.0.1")))).map(statusOf);
    expect(statuses.filter((s) => s === 302).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(90);
    const created = await db.selectFrom("user").select("id").where("email", "like", "signup-10.5.0.1-%").execute();
    expect(created).toHaveLength(10);
  });
});

describe("8. toast cookie", () => {
  for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    it(`a toast with key ${key} is dropped and cleared, never a 500`, async () => {
      const value = Buffer.from(JSON.stringify({ key })).toString("base64url");
      const result = (await answerOf(() => rootLoader({ request: getRequest("/", `toast=${value}`), params: {}, context: {} }))) as RouteAnswer & {
        data: { toast: unknown };
      };
      expect(result.data.toast).toBeNull();
      expect(result.headers.get("Set-Cookie")).toMatch(/toast=; Path=\/; Max-Age=0/);
    });
  }

  it("a toast with prototype-named variables or non-text values is dropped", async () => {
    for (const toast of [{ key: "security.verifyDone", vars: { a: { b: 1 } } }, { key: "security.verifyDone", vars: [] }, ["security.verifyDone"], "x", null]) {
      const value = Buffer.from(JSON.stringify(toast)).toString("base64url");
      const result = (await answerOf(() => rootLoader({ request: getRequest("/", `toast=${value}`), params: {}, context: {} }))) as RouteAnswer & {
        data: { toast: unknown };
      };
      expect(result.data.toast).toBeNull();
    }
  });
});

describe("6. caps on offerings and capacity lines", () => {
  it("the 21st capacity line and the 51st offering are refused with a message; the profile summarises", async () => {
    const member = await sessionCookieFor(db, "member@example.org");
    const slug = "fontanhuset-lund";
    const newOffering = (title: string) =>
      newOfferingAction({
        request: formRequest(`/organisations/${slug}/offerings/new`, { title, description: "", cpvCode: "15894200-3", unit: "portions" }, member),
        params: { slug },
        context: {},
      });
    const first = (await newOffering("Many lines")) as Response;
    expect(first.status).toBe(302);
    const offeringId = /offerings\/(\d+)/.exec(first.headers.get("Location")!)![1];
    const addLine = () =>
      answerOf(() =>
        capacityAction({
          request: formRequest(
            `/organisations/${slug}/offerings/${offeringId}?index`,
            { intent: "addCapacity", quantity: "5", period: "week", sites: "" },
            member,
          ),
          params: { slug, offeringId },
          context: {},
        }),
      );
    for (let i = 0; i < maxCapacityLinesPerOffering; i++) expect((await addLine()).status).toBe(302);
    expect(await addLine()).toMatchObject({ status: 400, data: { reply: { error: { "": [{ key: "security.tooManyCapacityLines" }] } } } });

    const profile = (await profileLoader({ request: getRequest(`/organisations/${slug}`), params: { slug }, context: {} })) as {
      offerings: { id: number; capacity: unknown[]; moreCapacityLines: number }[];
    };
    const many = profile.offerings.find((o) => o.id === Number(offeringId))!;
    expect(many.capacity).toHaveLength(profileCapacityLinesShown);
    expect(many.moreCapacityLines).toBe(maxCapacityLinesPerOffering - profileCapacityLinesShown);

    const organisationId = (await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("offering")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("organisation_id", "=", organisationId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    while ((await count()) < maxOfferingsPerOrganisation) {
      const title = `Offering ${await count()}`;
      expect(statusOf(await answerOf(() => newOffering(title)))).toBe(302);
    }
    expect(await answerOf(() => newOffering("One too many"))).toMatchObject({
      status: 400,
      data: { reply: { error: { "": [{ key: "security.tooManyOfferings" }] } } },
    });
  });
});

describe("10. unlisted organisations", () => {
  it("/organisations/<an applicant>/edit answers 404, as an unknown slug does, to anyone who may not see it", async () => {
    await createFixtureOrganisation(db, { name: "Hemlig Sökande", kind: "work_integrating", status: "applicant" });
    const slug = (await db.selectFrom("organisation").select("slug").where("name", "=", "Hemlig Sökande").executeTakeFirstOrThrow()).slug;
    const member = await sessionCookieFor(db, "member@example.org");
    const coordinator = await sessionCookieFor(db, "coordinator@example.org");
    const edit = (s: string, cookie: string) =>
      answerOf(() => editLoader({ request: getRequest(`/organisations/${s}/edit`, cookie), params: { slug: s }, context: {} }));
    expect(statusOf(await edit(slug, member))).toBe(404);
    expect(statusOf(await edit("no-such-organisation", member))).toBe(404);
    // Someone who may see it but not edit it still gets 403.
    expect(statusOf(await edit(slug, coordinator))).toBe(403);
    expect(statusOf(await edit("iris-kraft", member))).toBe(403);
  });
});

describe("11. page parameters", () => {
  it("/admin?page=99999999999999999999 answers, never 500", async () => {
    const admin = await sessionCookieFor(db, "admin@example.org");
    for (const page of ["99999999999999999999", "1e308", "-5", "0", "NaN", "9007199254740993"]) {
      const result = (await adminLoader({ request: getRequest(`/admin?page=${page}`, admin), params: {}, context: {} })) as { page: number };
      expect(result.page, page).toBeGreaterThanOrEqual(1);
      expect(Number.isSafeInteger(result.page)).toBe(true);
    }
  });

  it("the directory clamps its page too", async () => {
    const result = (await directoryLoader({ request: getRequest("/organisations?page=99999999999999999999"), params: {}, context: {} })) as Record<
      string,
      unknown
    >;
    expect(result).toBeTruthy();
  });
});
