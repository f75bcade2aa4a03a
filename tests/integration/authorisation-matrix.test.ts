/**
 * The authorisation matrix: every route × method × role, from tests/support/route-access.ts.
 * Each call gets a fresh session, so a logout in one cell cannot change another.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../app/models/user.server";
import { createOrganisation, setOrganisationLogo, updateOrganisationProfile } from "../../app/models/organisation.server";
import { getUserRoles, grantRole } from "../../app/models/user.server";
import { withCheckDigit } from "../../app/domain/org-number";
import { createUserSession } from "../../app/utils/session.server";
import { can } from "../../app/domain/permissions";
import { loadViewer } from "../../app/models/acting-organisations.server";
import type { DB } from "../../db/client.server";
import {
  organisationSlug,
  roles,
  routeAccess,
  unlistedSlug,
  type ByRole,
  type Expected,
  type Placeholder,
  type Role,
  type RouteAccess,
} from "../support/route-access";
import { fillPlaceholders, sampleIds } from "../support/route-access-ids";
import { createFixtureOrganisation, profileInput } from "./fixtures";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { formRequest } from "./support/requests";

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");
const routeFiles = fs.readdirSync(routesDir).filter((f) => /\.(tsx?|jsx?)$/.test(f));
const routeName = (file: string) => file.replace(/\.(tsx?|jsx?)$/, "");

type RouteModule = {
  default?: unknown;
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown> | unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown> | unknown;
};

let db: DB;
let close: () => Promise<void>;
const userIds = new Map<Role, string>();
let ids = new Map<Placeholder, string>();

async function userIdByEmail(email: string): Promise<string> {
  return (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
}

async function newMember(email: string, organisationId: number, status: "active" | "pending"): Promise<string> {
  const user = await createUser({ db, email, name: email.split("@")[0], password: "matrix-password" });
  await db
    .insertInto("membership")
    .values({ user_id: user!.id, organisation_id: organisationId, role: "editor", status, created_at: new Date().toISOString() })
    .execute();
  await db.updateTable("user").set({ email_verified_at: new Date().toISOString() }).where("id", "=", user!.id).execute();
  return user!.id;
}

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  const organisationId = await organisationIdBySlug(db, organisationSlug);
  userIds.set("owner", await userIdByEmail("member@example.org"));
  userIds.set("buyer", await userIdByEmail("buyer@example.org"));
  userIds.set("coordinator", await userIdByEmail("coordinator@example.org"));
  userIds.set("admin", await userIdByEmail("admin@example.org"));
  userIds.set("member", await newMember("matrix-member@example.org", organisationId, "active"));
  userIds.set("pending", await newMember("matrix-pending@example.org", organisationId, "pending"));
  userIds.set("otherMember", await newMember("matrix-other@example.org", await organisationIdBySlug(db, "iris-kraft"), "active"));
  await createFixtureOrganisation(db, { name: "Matrix Unlisted Applicant", kind: "work_integrating", status: "applicant" });
  // A buyer whose own company does not take part in the pilot, renamed to look like one of the municipality's units.
  const renamedBuyer = (await createUser({ db, email: "matrix-renamed-buyer@example.org", name: "Matrix Renamed Buyer", password: "matrix-password" }))!.id;
  await db.updateTable("user").set({ email_verified_at: new Date().toISOString() }).where("id", "=", renamedBuyer).execute();
  await grantRole({ db, userId: renamedBuyer, role: "buyer", grantedBy: userIds.get("admin")! });
  const company = await createOrganisation({
    db,
    ownerUserId: renamedBuyer,
    status: "active",
    input: profileInput({ name: "Matrix Byggbolag AB", orgNumber: withCheckDigit("556000164"), kind: "buyer" }),
  });
  if (!company.ok) throw new Error(company.error.kind);
  const renamed = await updateOrganisationProfile({
    db,
    organisationId: company.id,
    actorUserId: renamedBuyer,
    input: profileInput({ name: "Lunds kommun – Matrix", orgNumber: withCheckDigit("556000164"), kind: "buyer" }),
  });
  if (!renamed.ok) throw new Error(renamed.error.kind);
  userIds.set("renamedBuyer", renamedBuyer);
  expect(await organisationIdBySlug(db, unlistedSlug)).toBeGreaterThan(0);
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#123" } })
    .png()
    .toBuffer();
  await setOrganisationLogo({ db, organisationId, actorUserId: userIds.get("owner")!, mimeType: "image/png", bytes: png });
  ids = await sampleIds(db);
});
afterAll(() => close());

async function cookieFor(role: Role): Promise<string | undefined> {
  if (role === "anonymous") return undefined;
  return (await createUserSession(userIds.get(role)!, new Request("http://localhost/"))).split(";")[0];
}

function fill(text: string): string {
  return fillPlaceholders(text, ids);
}

/** The answer a route gave, in the matrix's terms. Anything thrown that is not a Response fails: it would be a 500. */
async function answerOf(run: () => unknown): Promise<Expected | number> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    if (result.status === 302 && (result.headers.get("Location") ?? "").startsWith("/login")) return "login";
    return result.status;
  }
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    return (result as { init?: { status?: number } | null }).init?.status ?? 200;
  }
  return 200;
}

async function actualFor(entry: RouteAccess, method: "GET" | "POST"): Promise<ByRole> {
  const mod = (await import(`../../app/routes/${entry.route}.tsx`).catch(() => import(`../../app/routes/${entry.route}.ts`))) as RouteModule;
  const params = Object.fromEntries(Object.entries(entry.params ?? {}).map(([k, v]) => [k, fill(v)]));
  const url = fill(entry.path);
  const actual = {} as Record<Role, Expected | number>;
  for (const role of roles) {
    const cookie = await cookieFor(role);
    const request =
      method === "GET" ? new Request(`http://localhost${url}`, { headers: cookie ? { Cookie: cookie } : {} }) : formRequest(url, entry.form ?? {}, cookie);
    const handler = method === "GET" ? mod.loader : mod.action;
    // A page without a loader renders the same for everyone.
    actual[role] = handler ? await answerOf(() => handler({ request, params, context: {} })) : 200;
  }
  return actual as ByRole;
}

describe("the matrix covers every route", () => {
  it("every route file has an entry", () => {
    const covered = new Set(routeAccess.map((e) => e.route));
    const missing = routeFiles.map(routeName).filter((name) => !covered.has(name));
    expect(missing, "routes without an entry in tests/support/route-access.ts").toEqual([]);
  });

  it("every entry names a route file and exactly the methods its module has", async () => {
    for (const entry of routeAccess) {
      const file = routeFiles.find((f) => routeName(f) === entry.route);
      expect(file, `${entry.route}: no such route file`).toBeDefined();
      const mod = (await import(/* @vite-ignore */ path.join(routesDir, file!))) as RouteModule;
      const answersGet = typeof mod.loader === "function" || mod.default !== undefined;
      expect(Boolean(entry.get), `${entry.route}: GET (loader or page) in the matrix`).toBe(answersGet);
      expect(Boolean(entry.post), `${entry.route}: POST (action) in the matrix`).toBe(typeof mod.action === "function");
    }
  });
});

describe("every route × method × role", () => {
  for (const entry of routeAccess) {
    for (const method of ["GET", "POST"] as const) {
      const expected = method === "GET" ? entry.get : entry.post;
      if (!expected) continue;
      it(`${method} ${entry.path}${entry.note ? ` (${entry.note})` : ""}`, async () => {
        expect(await actualFor(entry, method)).toEqual(expected);
      });
    }
  }
});

describe("the guards follow the permission table", () => {
  // Each role's real account, with the roles and organisations the database gives it, asked of
  // the table: the hand-written answers above must let through exactly those the table allows.
  for (const entry of routeAccess) {
    for (const method of ["get", "post"] as const) {
      const action = entry.guard?.[method];
      if (!action) continue;
      it(`${method.toUpperCase()} ${entry.path}: ${action}`, async () => {
        const fromTable = {} as Record<Role, boolean>;
        const fromMatrix = {} as Record<Role, boolean>;
        for (const role of roles) {
          const userId = userIds.get(role);
          const viewer = userId ? await loadViewer({ db, user: { id: userId, roles: await getUserRoles({ db, userId }) } }) : null;
          fromTable[role] = can(viewer, action);
          const expected = entry[method]![role];
          fromMatrix[role] = expected !== 403 && expected !== "login";
        }
        expect(fromMatrix).toEqual(fromTable);
      });
    }
  }
});
