const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request from another site is refused. `siteOrigin` is this server's own
 * origin as the client addressed it (scheme, host and port), and Origin must equal it exactly:
 * http://site and https://site are different origins. Sec-Fetch-Site is checked whether or not
 * Origin is there, so a browser request that leaves Origin out is still judged. Requests with
 * neither (curl, old browsers) pass; the SameSite=Lax session cookie keeps them from riding a
 * session.
 */
export function isCrossSiteRequest(request: { method: string; headers: Record<string, string | string[] | undefined>; siteOrigin: string }): boolean {
  if (safeMethods.has(request.method.toUpperCase())) return false;
  const fetchSite = header(request.headers, "sec-fetch-site");
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = header(request.headers, "origin");
  if (origin === undefined) return false;
  try {
    return new URL(origin).origin !== new URL(request.siteOrigin).origin;
  } catch {
    // "null" (sandboxed frames, some redirects) and anything unparsable.
    return true;
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
