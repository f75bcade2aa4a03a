/**
 * The anonymous HTML cache in front of a real Express app: hits, ETag and 304, invalidation when
 * the data version moves, never for signed-in requests, and never the same CSP nonce twice.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { htmlCache } from "../../app/utils/html-cache.server";
import { changeVersion } from "../../db/change-version.server";
import { migrateToLatest, openDatabase } from "../../db/client.server";
import { createTestDatabase } from "../setup/postgres";

let version = 1;
let renders = 0;
let baseUrl: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(htmlCache({ version: () => version }));
  app.get("/page", (_req, res) => {
    renders++;
    const nonce = randomBytes(16).toString("base64");
    res.setHeader("Content-Security-Policy", `script-src 'nonce-${nonce}'`);
    res.type("html").send(`<p>render ${renders}</p><script nonce="${nonce}">1</script>`);
  });
  app.get("/with-cookie", (_req, res) => {
    res.setHeader("Set-Cookie", "toast=1");
    res.type("html").send("<p>toast</p>");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers });
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("the anonymous HTML cache", () => {
  it("serves a stored page with a fresh nonce each time, and answers If-None-Match with 304", async () => {
    const first = await get("/page");
    const firstBody = await first.text();
    expect(first.headers.get("x-cache")).toBe("miss");
    const second = await get("/page");
    const secondBody = await second.text();
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(renders).toBe(1);
    expect(secondBody).toContain("render 1");

    const [n1, n2] = [nonceOf(first.headers.get("content-security-policy")), nonceOf(second.headers.get("content-security-policy"))];
    expect(n1).toBeTruthy();
    expect(n2).toBeTruthy();
    expect(n2).not.toBe(n1);
    expect(firstBody).toContain(`nonce="${n1}"`);
    expect(secondBody).toContain(`nonce="${n2}"`);
    expect(secondBody).not.toContain(n1!);

    const etag = second.headers.get("etag")!;
    const conditional = await get("/page", { "If-None-Match": etag });
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get("content-security-policy")).toBeNull();
  });

  it("renders again after a write, keyed by language, and never for a session", async () => {
    await get("/page");
    const before = renders;
    version++;
    expect(await (await get("/page")).text()).toContain(`render ${before + 1}`);
    expect((await get("/page")).headers.get("x-cache")).toBe("hit");

    expect((await get("/page", { Cookie: "lang=en" })).headers.get("x-cache")).toBe("miss");
    expect((await get("/page", { Cookie: "lang=en" })).headers.get("x-cache")).toBe("hit");
    expect((await get("/page", { "Accept-Language": "en-GB" })).headers.get("x-cache")).toBe("hit");

    const rendersBefore = renders;
    await get("/page", { Cookie: "stl_session=abc" });
    await get("/page", { Cookie: "stl_session=abc" });
    expect(renders).toBe(rendersBefore + 2);

    await get("/with-cookie");
    expect((await get("/with-cookie")).headers.get("x-cache")).toBe("miss");
  });
});

describe("the anonymous HTML cache of two servers on one PostgreSQL", () => {
  it("renders again on the other server after one commits a write", async () => {
    const url = await createTestDatabase(inject("postgresUrl"));
    const [first, second] = [openDatabase(url), openDatabase(url)];
    await migrateToLatest(first);
    const app = express();
    // As server.ts sets it up on PostgreSQL.
    app.use(htmlCache({ version: () => changeVersion(second) }));
    app.get("/users", async (_req, res) => {
      const users = await second.selectFrom("user").select("name").orderBy("name").execute();
      res.type("html").send(`<p>${users.map((u) => u.name).join(", ") || "none"}</p>`);
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const page = async () => {
      const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/users`);
      return { cache: answer.headers.get("x-cache"), body: await answer.text() };
    };
    try {
      expect(await page()).toEqual({ cache: "miss", body: "<p>none</p>" });
      await vi.waitFor(async () => expect((await page()).cache).toBe("hit"));
      await first.insertInto("user").values({ id: "pg-cache", email: "pg-cache@example.org", name: "Ada", password_hash: "x", created_at: new Date().toISOString() }).execute();
      expect(await page()).toEqual({ cache: "miss", body: "<p>Ada</p>" });
    } finally {
      server.close();
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });
});
