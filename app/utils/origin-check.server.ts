const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request from another site is refused: browsers send Origin on every non-GET
 * form post and fetch, and Sec-Fetch-Site where they support it. Requests without either (curl,
 * old browsers) pass; the SameSite=Lax session cookie already keeps them from riding a session.
 */
export function isCrossSiteRequest(request: {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  host: string | undefined;
}): boolean {
  if (safeMethods.has(request.method.toUpperCase())) return false;
  const fetchSite = header(request.headers, "sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = header(request.headers, "origin");
  if (!origin) return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== request.host;
  } catch {
    return true;
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
