/**
 * How a request reached the site, as the server saw it: over HTTPS, or plain HTTP. The request's
 * URL is built by the server (server.ts, React Router's Express adapter) from the connection, or,
 * behind a proxy that TRUST_PROXY names, from the proxy's X-Forwarded-Proto; never from anything
 * else the client sends. Cookies that must not travel in clear are marked Secure when, and only
 * when, the request came over HTTPS, so that a site served over plain HTTP (a LAN address, a
 * first try on a server) can still sign people in (decision 002).
 */
export function arrivedOverHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** The session cookie's name; the server's cache rules (http/private-responses.ts) look for it too. */
export const sessionCookieName = "stl_session";
