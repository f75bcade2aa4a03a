/**
 * Issue 13, at the HTTP layer of the real built server: the headers on every kind of response,
 * body limits (finding 4) and the origin check (finding 13), each with the request the probe sent.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

/** Declares a body of `declaredBytes` and sends only `sentBytes` of it, then waits for the answer. */
function postDeclaring(path: string, declaredBytes: number, sentBytes: number, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const url = new URL(path, server.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(declaredBytes), ...headers } },
      (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, headers: response.headers });
        request.destroy();
      },
    );
    request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
    request.write(Buffer.alloc(sentBytes, "a"));
  });
}

function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = headers.get("Content-Security-Policy") ?? "";
  // A rendered answer has a nonce of its own; a page from the HTML cache the hashes of its scripts.
  expect(csp, what).toMatch(headers.get("X-Cache") === "hit" ? /script-src 'self'( 'sha256-[A-Za-z0-9+/=]{44}')+;/ : /script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers.get("X-Content-Type-Options"), what).toBe("nosniff");
  expect(headers.get("Referrer-Policy"), what).toBe("same-origin");
  // The test server runs with NODE_ENV=production.
  expect(headers.get("Strict-Transport-Security"), what).toMatch(/max-age=\d+/);
}

describe("headers on every response", () => {
  it("on pages, .data responses, redirects, errors and static files", async () => {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.baseUrl), { redirect: "manual", headers });
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("X-Cache")).toBe("miss");
    expectSecurityHeaders(page.headers, "page");
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("Content-Security-Policy")!)![1];
    // Every inline script carries this response's nonce.
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
    // A fresh nonce per rendered response (a cookie other than `lang` keeps the cache out of it).
    const rendered = await get("/", { Cookie: "stl_session=none" });
    expect(rendered.headers.get("X-Cache")).toBeNull();
    expectSecurityHeaders(rendered.headers, "rendered page");
    expect(rendered.headers.get("Content-Security-Policy")).not.toContain(nonce);

    // From the HTML cache: no nonce at all, and each inline script allowed by its SHA-256, computed here.
    const cached = await get("/");
    expect(cached.headers.get("X-Cache")).toBe("hit");
    expectSecurityHeaders(cached.headers, "cached page");
    const cachedHtml = await cached.text();
    expect(cachedHtml).not.toContain("nonce");
    const cachedScripts = [...cachedHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, text]) => text);
    expect(cachedScripts).toEqual(inlineScripts.map(([, , text]) => text));
    for (const text of cachedScripts) {
      expect(cached.headers.get("Content-Security-Policy")).toContain(`'sha256-${createHash("sha256").update(text).digest("base64")}'`);
    }

    expectSecurityHeaders((await get("/organisations.data")).headers, ".data");
    const redirect = await get("/coordinator");
    expect(redirect.status).toBe(302);
    expectSecurityHeaders(redirect.headers, "redirect");
    const missing = await get("/no-such-page");
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers, "404");
    const favicon = await get("/favicon.svg");
    expect(favicon.status).toBe(200);
    expectSecurityHeaders(favicon.headers, "static file");
  });
});

describe("4. request bodies", () => {
  it("an anonymous 200 MiB POST to /login gets 413 before the body is read", async () => {
    const answer = await postDeclaring("/login", 200 * 1024 * 1024, 64 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.headers["content-security-policy"]).toBeDefined();
  });

  it("an upload over 2 MiB plus headroom gets 413; a form just under the limit is read", async () => {
    const multipart = { "Content-Type": "multipart/form-data; boundary=x" };
    expect((await postDeclaring("/organisations/fontanhuset-lund/edit", 300 * 2 * 1024 * 1024, 1024, multipart)).status).toBe(413);
    const small = await fetch(new URL("/login", server.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ email: "x@example.org", password: "x".repeat(60 * 1024) }),
      redirect: "manual",
    });
    expect(small.status).toBe(400);
  });

  it("a chunked body with no declared length gets 411", async () => {
    const url = new URL("/login", server.baseUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(url, { method: "POST", headers: { "Transfer-Encoding": "chunked" } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on("error", (error) => (request.destroyed ? undefined : reject(error)));
      request.write("email=a");
    });
    expect(status).toBe(411);
  });
});

describe("13. origin check", () => {
  const login = (headers: Record<string, string>) =>
    fetch(new URL("/login", server.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ email: "member@example.org", password: "demo-password" }),
      headers,
      redirect: "manual",
    });

  it("refuses an Origin with another scheme or port, and a cross-site request without Origin", async () => {
    const own = new URL(server.baseUrl);
    expect((await login({ Origin: `https://${own.host}` })).status).toBe(403);
    expect((await login({ Origin: `http://${own.hostname}:${Number(own.port) + 1}` })).status).toBe(403);
    expect((await login({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await login({ Origin: own.origin, "Sec-Fetch-Site": "same-origin" })).status).toBe(302);
  });
});
