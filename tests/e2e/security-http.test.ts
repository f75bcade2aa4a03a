/**
 * Security at the HTTP layer of the real built server: the headers on every kind of response,
 * body limits and the origin check, each with the request the probe sent.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { pngOfSize } from "./support/logo";
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

/** A page's inline scripts (those without `src`): their attributes and their text. */
function inlineScripts(html: string): { attributes: string; text: string }[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, text]) => ({ attributes, text }));
}

function expectSecurityHeaders(headers: Headers, what: string) {
  const csp = headers.get("Content-Security-Policy") ?? "";
  // A rendered answer has a nonce of its own; a page from the HTML cache the hashes of its scripts.
  expect(csp, what).toMatch(
    headers.get("X-Cache") === "hit" ? /script-src 'self'( 'sha256-[A-Za-z0-9+/=]{44}')+;/ : /script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/,
  );
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
    const scripts = inlineScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    for (const { attributes } of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    // A fresh nonce per rendered response (a cookie other than `lang` keeps the cache out of it).
    const rendered = await get("/", { Cookie: "stl_session=none" });
    expect(rendered.headers.get("X-Cache")).toBeNull();
    expectSecurityHeaders(rendered.headers, "rendered page");
    expect(rendered.headers.get("Content-Security-Policy")).not.toContain(nonce);

    // From the HTML cache: no nonce at all, and each inline script allowed by its SHA-256, computed here.
    // The cache's version moves with every committed write (the server's own background work, such
    // as the meeting jobs two seconds after start and the mail worker; on PostgreSQL also any write
    // to the cluster the test files share): a page stored just before such a write is not served,
    // and the next miss stores a new rendering. So the page is asked for until it comes from the
    // cache, and its scripts must be exactly those of one of the renderings it was asked for (each
    // carries its own request id; a store finishes after its response, so the hit need not repeat
    // the latest).
    const scriptTexts = (body: string) => inlineScripts(body).map(({ text }) => text);
    const renderings = [scriptTexts(html)];
    let cached = await get("/");
    await expect
      .poll(
        async () => {
          if (cached.headers.get("X-Cache") !== "hit") {
            renderings.push(scriptTexts(await cached.text()));
            cached = await get("/");
          }
          return cached.headers.get("X-Cache");
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe("hit");
    expectSecurityHeaders(cached.headers, "cached page");
    const cachedHtml = await cached.text();
    expect(cachedHtml).not.toContain("nonce");
    const cachedScripts = scriptTexts(cachedHtml);
    expect(renderings).toContainEqual(cachedScripts);
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
    expect((await postDeclaring("/organisations/fontanhuset-lund/logo.data", 300 * 2 * 1024 * 1024, 1024, multipart)).status).toBe(413);
    // The edit page's own form is no upload: the form limit.
    expect((await postDeclaring("/organisations/fontanhuset-lund/edit", 100 * 1024, 1024, multipart)).status).toBe(413);
    // Far over what is read and thrown away: the browser is sent back to the form at once.
    const huge = await postDeclaring("/organisations/fontanhuset-lund/logo", 300 * 2 * 1024 * 1024, 1024, multipart);
    expect(huge.status).toBe(303);
    expect(huge.headers.location).toBe("/organisations/fontanhuset-lund/edit?logoError=form.logoSize");
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
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
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

/** Logs in over HTTP and returns the session cookie (name=value) and the whole Set-Cookie. */
async function logIn(email: string): Promise<{ cookie: string; setCookie: string; response: Response }> {
  const response = await fetch(new URL("/login", server.baseUrl), {
    method: "POST",
    body: new URLSearchParams({ email, password: "demo-password", redirectTo: "/" }),
    redirect: "manual",
  });
  expect(response.status, `login of ${email}`).toBe(302);
  const setCookie = response.headers.get("Set-Cookie") ?? "";
  return { cookie: setCookie.split(";")[0], setCookie, response };
}

describe("answers that depend on who is signed in", () => {
  it("are Cache-Control: private, no-store, pages and data requests alike; anonymous pages are not", async () => {
    const member = (await logIn("member@example.org")).cookie;
    const coordinator = await logIn("coordinator@example.org");
    const database = openDatabase(server.database);
    const bid = await database.selectFrom("joint_bid").select("id").orderBy("id").executeTakeFirstOrThrow();
    await database.destroy();
    const pages: [string, string][] = [
      ["/organisations", member],
      ["/account", member],
      ["/notifications", member],
      [`/bids/${bid.id}/summary`, coordinator.cookie],
      ["/coordinator/audit", coordinator.cookie],
    ];
    for (const [path, cookie] of pages) {
      for (const url of [path, `${path}.data`]) {
        const answer = await fetch(new URL(url, server.baseUrl), { headers: { Cookie: cookie }, redirect: "manual" });
        expect(answer.status, url).toBe(200);
        expect(answer.headers.get("Cache-Control"), url).toBe("private, no-store");
        await answer.arrayBuffer();
      }
    }
    // A redirect that depends on the session, and the login's answer that sets it.
    const signedInAtLogin = await fetch(new URL("/login", server.baseUrl), { headers: { Cookie: member }, redirect: "manual" });
    expect(signedInAtLogin.status).toBe(302);
    expect(signedInAtLogin.headers.get("Cache-Control")).toBe("private, no-store");
    expect(coordinator.response.headers.get("Cache-Control")).toBe("private, no-store");
    // A visitor's page may still be kept by a cache (revalidated).
    const anonymous = await fetch(new URL("/organisations", server.baseUrl));
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("Cache-Control") ?? "").not.toMatch(/private|no-store/);
  });
});

describe("the session cookie over plain HTTP", () => {
  /** A login sent the way a browser on another machine sends it to http://<name>:<port>. */
  function logInAs(host: string, headers: Record<string, string> = {}, baseUrl = server.baseUrl): Promise<RawAnswer> {
    const body = new URLSearchParams({ email: "member@example.org", password: "demo-password", redirectTo: "/" }).toString();
    const url = new URL("/login", baseUrl);
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: "POST",
          headers: {
            Host: host,
            Origin: `http://${host}`,
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(body),
            ...headers,
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }

  it("is not Secure when the site is reached over HTTP by another name than localhost, so the login holds", async () => {
    const host = `stl-server.lan:${new URL(server.baseUrl).port}`;
    const answer = await logInAs(host);
    expect(answer.status).toBe(302);
    const cookie = answer.headers["set-cookie"]?.find((c) => c.startsWith("stl_session=")) ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    // X-Forwarded-Proto from a client no TRUST_PROXY names does not count.
    const claimed = await logInAs(host, { "X-Forwarded-Proto": "https" });
    expect(claimed.headers["set-cookie"]?.find((c) => c.startsWith("stl_session=")) ?? "").not.toMatch(/;\s*Secure/i);
  });

  it("is Secure when a proxy that TRUST_PROXY names says the request came over HTTPS", async () => {
    const behindProxy = await startServer({ env: { TRUST_PROXY: "loopback", MEILI_DISABLED: "1" } });
    try {
      const host = `stl.example.org:${new URL(behindProxy.baseUrl).port}`;
      const viaHttps = await logInAs(host, { Origin: `https://${host}`, "X-Forwarded-Proto": "https" }, behindProxy.baseUrl);
      expect(viaHttps.status).toBe(302);
      const cookie = viaHttps.headers["set-cookie"]?.find((c) => c.startsWith("stl_session=")) ?? "";
      expect(cookie).toMatch(/;\s*Secure/i);
      // The same proxy forwarding a plain-HTTP request: not Secure, so that login holds too.
      const viaHttp = await logInAs(host, { "X-Forwarded-Proto": "http" }, behindProxy.baseUrl);
      expect(viaHttp.status).toBe(302);
      expect(viaHttp.headers["set-cookie"]?.find((c) => c.startsWith("stl_session=")) ?? "").not.toMatch(/;\s*Secure/i);
    } finally {
      await behindProxy.stop();
    }
  });
});

describe("logo uploads", () => {
  function postLogo(png: Buffer, cookie: string): Promise<Response> {
    const form = new FormData();
    form.append("intent", "uploadLogo");
    form.append("logo", new File([new Uint8Array(png)], "logo.png", { type: "image/png" }));
    return fetch(new URL("/organisations/fontanhuset-lund/logo", server.baseUrl), {
      method: "POST",
      body: form,
      headers: { Cookie: cookie },
      redirect: "manual",
    });
  }

  it("take a 120 KB PNG, and send a 3 MB one back to the form with the message at the field", async () => {
    const { cookie } = await logIn("member@example.org");
    const small = await pngOfSize(120 * 1024);
    expect(small.length).toBeGreaterThan(100 * 1024);
    const saved = await postLogo(small, cookie);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/organisations/fontanhuset-lund/edit");

    const large = await pngOfSize(3 * 1024 * 1024);
    const refused = await postLogo(large, cookie);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("Location")).toBe("/organisations/fontanhuset-lund/edit?logoError=form.logoSize");
  });
});
