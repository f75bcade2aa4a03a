/**
 * Where the site is reached, for links in e-mails: PUBLIC_URL, as for notification e-mails. Never
 * the request's Host header, which a sender could set to their own site.
 */
export function publicOrigin(): string {
  return (process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/$/, "");
}
