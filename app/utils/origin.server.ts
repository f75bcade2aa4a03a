/**
 * The one source of the site's absolute address: `PUBLIC_URL`, for every link that leaves the site
 * (e-mails, calendars, OCDS, CSV, tender packs). Never the request's Host header, which a sender
 * could set to their own site (decision 020).
 */
export function publicOrigin(): string {
  return (process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/** An absolute link to a path on this site ("/meetings/3" → "https://…/meetings/3"). */
export function absoluteUrl(path: string): string {
  return `${publicOrigin()}${path.startsWith("/") ? path : `/${path}`}`;
}
