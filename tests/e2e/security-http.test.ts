/**
 * Issue 13, at the HTTP layer of the real built server: the headers on every kind of response,
 * body limits (finding 4) and the origin check (finding 13), each with the request the probe sent.
 */
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
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers.get("X-Content-Type-Options"), what).toBe("nosniff");
  expect(headers.get("Referrer-Policy"), what).toBe("same-origin");
  // The test server runs with NODE_ENV=production.
  expect(headers.get("Strict-Transport-Security"), what).toMatch(/max-age=\d+/);
}

describe("headers on every response", () => {
  it("on pages, .data responses, redirects, errors and static files", async () => {
    const get = (path: string) => fetch(new URL(path, server.baseUrl), { redirect: "manual" });
    const page = await get("/");
    expect(page.status).toBe(200);
    expectSecurityHeaders(page.headers, "page");
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("Content-Security-Policy")!)![1];
    // Every inline script carries this response's nonce.
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    expect((await get("/")).headers.get("Content-Security-Policy")).not.toContain(nonce);

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

describe("visitors who leave before a page has arrived", () => {
  it("are not logged as errors of the app", async () => {
    const login = await fetch(new URL("/login", server.baseUrl), {
      method: "POST",
      body: new URLSearchParams({ email: "coordinator@example.org", password: "demo-password" }),
      redirect: "manual",
    });
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(login.status).toBe(302);
    const logged = server.output().length;
    // A signed-in page is rendered (not cached) and its route data streams after the first bytes;
    // each of these visitors closes the connection when those bytes arrive.
    for (let i = 0; i < 60; i++) {
      await new Promise<void>((resolve) => {
        const request = http.get(new URL("/organisations", server.baseUrl), { headers: { cookie } }, (response) => {
          response.once("data", () => {
            request.destroy();
            resolve();
          });
          response.on("end", resolve);
        });
        request.on("error", () => resolve());
      });
    }
    const page = await fetch(new URL("/organisations", server.baseUrl), { headers: { cookie } });
    expect(page.status).toBe(200);
    await page.text();
    expect(server.output().slice(logged)).not.toContain("closed early");
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
