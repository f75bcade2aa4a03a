/**
 * The anonymous HTML cache in front of a real Express app, wired as server.ts wires it (hits
 * answered before Express, renders stored by its middleware): hits, ETag and 304, invalidation when
 * the data version moves, never for signed-in requests, the same bytes on every hit (compressed
 * once per entry), and never a nonce on a hit: its inline scripts are allowed by their hashes.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { htmlCache, withScriptHashes } from "../../app/utils/html-cache.server";
import { changeVersion } from "../../db/change-version.server";
import { migrateToLatest, openDatabase } from "../../db/client.server";
import { createTestDatabase } from "../setup/postgres";

let version = 1;
let renders = 0;
let baseUrl: string;
let close: () => void;

/** As server.ts: the cache's hits first, then Express with the cache's store and compression. */
async function serve(cache: ReturnType<typeof htmlCache>, routes: (app: express.Express) => void): Promise<{ url: string; server: http.Server }> {
  const app = express();
  app.use(compression());
  app.use(cache.store);
  routes(app);
  const server = http.createServer(cache.inFrontOf(app)).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const inlineScripts = [`window.__data = {"a":"</p>"};`, "1", `import("/assets/entry.js");`];

beforeAll(async () => {
  const { url, server } = await serve(htmlCache({ version: () => version }), (app) => {
    app.get("/page", (_req, res) => {
      renders++;
      const nonce = randomBytes(16).toString("base64");
      res.setHeader("Content-Security-Policy", `default-src 'self'; script-src 'self' 'nonce-${nonce}'; object-src 'none'`);
      res
        .type("html")
        .send(
          `<html><head><link rel="modulepreload" href="/assets/entry.js" nonce="${nonce}"/></head><body><p>render ${renders}</p>` +
            `${"<p>Lorem ipsum dolor sit amet.</p>".repeat(100)}` +
            inlineScripts.map((text, i) => `<script nonce="${nonce}"${i === 2 ? ' type="module"' : ""}>${text}</script>`).join("") +
            `<script src="/assets/other.js"></script></body></html>`,
        );
    });
    app.get("/with-cookie", (_req, res) => {
      res.setHeader("Set-Cookie", "toast=1");
      res.type("html").send("<p>toast</p>");
    });
  });
  baseUrl = url;
  close = () => server.close();
});
afterAll(() => close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers });
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The answer as it came over the wire (fetch would decompress it). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("the anonymous HTML cache", () => {
  it("renders with a fresh nonce; a hit carries none, and its policy allows exactly its inline scripts by hash", async () => {
    version++;
    const first = await get("/page");
    const firstBody = await first.text();
    expect(first.headers.get("x-cache")).toBe("miss");
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    expect(nonce).toBeTruthy();
    const rendered = renders;
    expect(firstBody).toContain(`nonce="${nonce}"`);

    const second = await get("/page");
    const secondBody = await second.text();
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(secondBody).toBe(firstBody.replaceAll(` nonce="${nonce}"`, ""));
    expect(secondBody).not.toContain("nonce");
    const csp = second.headers.get("content-security-policy")!;
    expect(csp).not.toContain("nonce");
    // The hashes, computed here from the scripts as written, are those of the policy; nothing else is allowed inline.
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc.split(" ").slice(1).sort()).toEqual(["'self'", ...inlineScripts.map(sha256)].sort());
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");

    // The same bytes and the same policy on every hit.
    const third = await get("/page");
    expect(await third.text()).toBe(secondBody);
    expect(third.headers.get("content-security-policy")).toBe(csp);
    expect(renders).toBe(rendered);

    const etag = third.headers.get("etag")!;
    const conditional = await get("/page", { "If-None-Match": etag });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe("");
  });

  it("compresses a page once: every gzip or Brotli hit sends the same bytes, which decompress to the page", async () => {
    version++;
    await get("/page");
    const plain = await raw("/page");
    expect(plain.headers["x-cache"]).toBe("hit");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const [gzipped, again] = [await raw("/page", { "Accept-Encoding": "gzip, deflate" }), await raw("/page", { "Accept-Encoding": "gzip" })];
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.equals(again.body)).toBe(true);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(Number(gzipped.headers["content-length"])).toBe(gzipped.body.length);
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);
    const brotli = await raw("/page", { "Accept-Encoding": "gzip, deflate, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    // Refused encodings are not sent.
    expect((await raw("/page", { "Accept-Encoding": "gzip;q=0, br;q=0" })).headers["content-encoding"]).toBeUndefined();
    expect((await raw("/page", { "Accept-Encoding": "gzip" })).headers.vary).toBe("Cookie, Accept-Language, Accept-Encoding");
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

describe("script hashes for a stored page", () => {
  it("replace the nonce in script-src only, and refuse a policy with the nonce anywhere else", () => {
    const html = `<script nonce="n1">a()</script><script nonce="n1" src="/x.js"></script><script nonce="n1">a()</script>`;
    expect(withScriptHashes(html, "script-src 'self' 'nonce-n1'; object-src 'none'")).toEqual({
      html: `<script>a()</script><script src="/x.js"></script><script>a()</script>`,
      csp: `script-src 'self' ${sha256("a()")}; object-src 'none'`,
    });
    expect(withScriptHashes(html, "script-src 'nonce-n1'; style-src 'nonce-n1'")).toBeNull();
    expect(withScriptHashes("<p>no policy</p>", undefined)).toEqual({ html: "<p>no policy</p>", csp: null });
  });
});

describe("the anonymous HTML cache of two servers on one PostgreSQL", () => {
  it("renders again on the other server after one commits a write", async () => {
    const url = await createTestDatabase(inject("postgresUrl"));
    const [first, second] = [openDatabase(url), openDatabase(url)];
    await migrateToLatest(first);
    // As server.ts sets it up on PostgreSQL.
    const { url: serverUrl, server } = await serve(htmlCache({ version: () => changeVersion(second) }), (app) => {
      app.get("/users", async (_req, res) => {
        const users = await second.selectFrom("user").select("name").orderBy("name").execute();
        res.type("html").send(`<p>${users.map((u) => u.name).join(", ") || "none"}</p>`);
      });
    });
    const page = async () => {
      const answer = await fetch(`${serverUrl}/users`);
      return { cache: answer.headers.get("x-cache"), body: await answer.text() };
    };
    try {
      expect(await page()).toEqual({ cache: "miss", body: "<p>none</p>" });
      await vi.waitFor(async () => expect((await page()).cache).toBe("hit"));
      await first
        .insertInto("user")
        .values({ id: "pg-cache", email: "pg-cache@example.org", name: "Ada", password_hash: "x", created_at: new Date().toISOString() })
        .execute();
      expect(await page()).toEqual({ cache: "miss", body: "<p>Ada</p>" });
    } finally {
      server.close();
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });
});
