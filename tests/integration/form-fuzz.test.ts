/**
 * Every form of the site, fuzzed with generated input (fast-check), through the built app as a
 * browser would post it: no answer is a 500, and afterwards no page renders anything the fuzzer
 * wrote as markup. Needs `npm run build` (npm test builds first).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "react-router";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserSession } from "../../app/utils/session.server";
import { type DB, migrateToLatest, openDatabase, useDatabase } from "../../db/client.server";
import { seedDemo } from "../../seed/demo.server";
import { organisationSlug } from "../support/route-access";

const buildFile = path.resolve("build/server/index.js");
let handle: (request: Request) => Promise<Response>;
let db: DB;
let dir: string;
const cookies: Record<string, string> = {};
let offeringId = 0;
let organisationId = 0;
const totalRuns = { count: 0 };

beforeAll(async () => {
  if (!fs.existsSync(buildFile)) throw new Error("There is no build/server/index.js: run `npm run build` first (npm test does).");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-fuzz-"));
  const file = path.join(dir, "app.db");
  // The built app opens its own connection on DATABASE_PATH: the same file.
  process.env.DATABASE_PATH = file;
  db = openDatabase(file);
  await migrateToLatest(db);
  await seedDemo(db);
  useDatabase(db);
  const build = (await import(buildFile)) as ServerBuild;
  handle = createRequestHandler(build, "production");
  for (const email of ["member@example.org", "coordinator@example.org", "admin@example.org", "buyer@example.org"]) {
    const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    cookies[email] = (await createUserSession(user.id, new Request("http://localhost/"))).split(";")[0];
  }
  organisationId = (await db.selectFrom("organisation").select("id").where("slug", "=", organisationSlug).executeTakeFirstOrThrow()).id;
  offeringId = (await db.selectFrom("offering").select("id").where("organisation_id", "=", organisationId).orderBy("id").executeTakeFirstOrThrow()).id;
});

afterAll(async () => {
  await db?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Strings that would show as markup (or a script URL) if any page rendered them unescaped. */
const markup = [
  '<b data-fuzz="1">fuzz</b>',
  '"><img data-fuzz src=x onerror=alert(1)>',
  "</textarea><script data-fuzz>alert(1)</script>",
  "javascript:alert(1)",
  "<svg data-fuzz onload=alert(1)>",
];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(...markup),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...markup)).map(([a, b]) => a + b),
  fc.constantFrom("", " ", "0", "-1", "1e309", "99999999999999999999", "NaN", "null", "[]", "{}", "\u0000", "é".repeat(300)),
  fc.integer().map(String),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const validEmail = fc.emailAddress();

type Fields = Record<string, string | string[] | undefined>;

interface FormCase {
  name: string;
  path: string;
  as?: string;
  runs: number;
  fields: fc.Arbitrary<Fields>;
}

const profileFields = {
  name: maybe(text),
  orgNumber: maybe(fc.oneof(text, fc.constantFrom("556000-4615", "802481-1658"))),
  kind: maybe(fc.oneof(text, fc.constantFrom("work_integrating", "buyer"))),
  description: maybe(text),
  contactEmail: maybe(fc.oneof(text, validEmail)),
  contactPhone: maybe(text),
  website: maybe(fc.oneof(text, fc.webUrl(), fc.constant("javascript:alert(1)"))),
  serviceAreas: maybe(fc.array(fc.oneof(text, fc.constant("Lund")), { maxLength: 3 })),
  targetGroups: maybe(text),
  workforceShare: maybe(fc.oneof(text, fc.integer({ min: -5, max: 105 }).map(String))),
  workforceShareDate: maybe(fc.oneof(text, fc.constant("2026-01-01"))),
};

const capacityFields = {
  quantity: maybe(fc.oneof(text, fc.integer({ min: -5, max: 2_000_000 }).map(String))),
  period: maybe(fc.oneof(text, fc.constantFrom("weekday", "week"))),
  weekdays: maybe(fc.array(fc.oneof(text, fc.integer({ min: 0, max: 8 }).map(String)), { maxLength: 8 })),
  validFrom: maybe(fc.oneof(text, fc.constant("2026-01-01"))),
  validTo: maybe(fc.oneof(text, fc.constant("2025-01-01"))),
  sites: maybe(text),
  capacityLineId: maybe(fc.oneof(text, fc.nat(50).map(String))),
};

const forms: FormCase[] = [
  { name: "login", path: "/login", runs: 40, fields: fc.record({ email: maybe(fc.oneof(text, validEmail)), password: maybe(text), redirectTo: maybe(text) }) },
  { name: "signup", path: "/signup", runs: 40, fields: fc.record({ name: maybe(text), email: maybe(fc.oneof(text, validEmail)), password: maybe(text) }) },
  { name: "language", path: "/lang", runs: 60, fields: fc.record({ lang: maybe(text), redirectTo: maybe(text) }) },
  {
    name: "register or join",
    path: "/organisations/new",
    as: "buyer@example.org",
    runs: 120,
    fields: fc.record({ intent: maybe(fc.oneof(text, fc.constantFrom("register", "join"))), organisationId: maybe(text), ...profileFields }),
  },
  {
    name: "ask to join",
    path: `/organisations/${organisationSlug}`,
    as: "buyer@example.org",
    runs: 40,
    fields: fc.record({ intent: maybe(fc.oneof(text, fc.constant("join"))) }),
  },
  {
    name: "edit profile and members",
    path: `/organisations/${organisationSlug}/edit`,
    as: "member@example.org",
    runs: 200,
    fields: fc.record({
      intent: maybe(fc.oneof(text, fc.constantFrom("profile", "removeLogo", "approveMember", "rejectMember"))),
      userId: maybe(text),
      ...profileFields,
    }),
  },
  {
    name: "new offering",
    path: `/organisations/${organisationSlug}/offerings/new`,
    as: "member@example.org",
    runs: 120,
    fields: fc.record({
      title: maybe(text),
      description: maybe(text),
      cpvCode: maybe(fc.oneof(text, fc.constantFrom("15894200-3", "15894200-3 – Mat"))),
      unit: maybe(fc.oneof(text, fc.constantFrom("portions", "hours"))),
    }),
  },
  {
    name: "edit offering and capacity",
    path: `/organisations/${organisationSlug}/offerings/{offeringId}`,
    as: "member@example.org",
    runs: 250,
    fields: fc.record({
      intent: maybe(fc.oneof(text, fc.constantFrom("updateOffering", "addCapacity", "updateCapacity", "removeCapacity"))),
      title: maybe(text),
      description: maybe(text),
      cpvCode: maybe(fc.oneof(text, fc.constant("15894200-3"))),
      unit: maybe(fc.oneof(text, fc.constant("portions"))),
      ...capacityFields,
    }),
  },
  {
    name: "coordination",
    path: "/coordinator",
    as: "coordinator@example.org",
    runs: 80,
    fields: fc.record({
      intent: maybe(fc.oneof(text, fc.constantFrom("approve", "verify", "deactivate", "reactivate"))),
      organisationId: maybe(fc.oneof(text, fc.nat(20).map(String))),
    }),
  },
  {
    name: "administration",
    path: "/admin",
    as: "admin@example.org",
    runs: 80,
    fields: fc.record({
      intent: maybe(fc.oneof(text, fc.constantFrom("grant", "revoke"))),
      role: maybe(fc.oneof(text, fc.constantFrom("buyer", "coordinator", "admin"))),
      userId: maybe(text),
    }),
  },
];

function post(pathname: string, fields: Fields, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of [value].flat()) body.append(key, v);
  }
  return new Request(`http://localhost${pathname}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

describe("form fuzzing", () => {
  for (const form of forms) {
    it(`${form.name}: ${form.runs} generated posts, none answered 500`, async () => {
      await fc.assert(
        fc.asyncProperty(form.fields, async (fields) => {
          totalRuns.count += 1;
          // Every address its own, so the login and signup limits do not hide the forms' handling.
          const request = post(form.path.replace("{offeringId}", String(offeringId)), fields, form.as ? cookies[form.as] : undefined);
          request.headers.set("x-stl-client-address", `10.${totalRuns.count >> 8}.${totalRuns.count & 255}.9`);
          const response = await handle(request);
          await response.arrayBuffer();
          expect(response.status, JSON.stringify(fields)).toBeLessThan(500);
        }),
        { numRuns: form.runs, seed: 13 },
      );
    });
  }

  it("ran at least 1,000 cases across all forms", () => {
    expect(totalRuns.count).toBeGreaterThanOrEqual(1000);
  });

  it("no page renders what the fuzzer stored as markup", async () => {
    const slugs = (await db.selectFrom("organisation").select("slug").execute()).map((r) => r.slug);
    const pages = [
      ["/", undefined],
      ["/organisations", undefined],
      ["/coordinator", "coordinator@example.org"],
      ["/admin", "admin@example.org"],
      ["/organisations/new", "buyer@example.org"],
      [`/organisations/${organisationSlug}/edit`, "member@example.org"],
      [`/organisations/${organisationSlug}/offerings/${offeringId}`, "member@example.org"],
      ...slugs.map((slug) => [`/organisations/${slug}`, "coordinator@example.org"]),
    ] as [string, string | undefined][];
    for (const [pathname, who] of pages) {
      const response = await handle(new Request(`http://localhost${pathname}`, { headers: who ? { Cookie: cookies[who] } : {} }));
      const html = await response.text();
      expect(response.status, pathname).toBeLessThan(500);
      // Escaped, the fuzzer's tags read "&lt;b data-fuzz" (or "\u003cb" in the data script).
      const found = /<(?:b|img|script|svg) data-fuzz/i.exec(html);
      expect(found ? html.slice(Math.max(0, found.index - 200), found.index + 200) : null, pathname).toBeNull();
      expect(html, pathname).not.toMatch(/href="\s*javascript:/i);
    }
  });
});
