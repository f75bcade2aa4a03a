import type { NextFunction, Request, Response } from "express";
import onHeaders from "on-headers";
import { sessionCookieName } from "../app/utils/request-security";

/** Whether the Cookie header carries a session cookie (signed in, or a session that has just ended). */
export function carriesSession(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? "").split(";").some((pair) => pair.trim().startsWith(`${sessionCookieName}=`));
}

/**
 * Every answer that depends on who is signed in, pages, data requests, files and redirects alike,
 * is `Cache-Control: private, no-store`, so that no shared cache (a proxy, a CDN) stores one
 * person's page and serves it to another. That is any answer to a request carrying the session
 * cookie, and any answer setting it (a login). Decided when the headers go out, after the app has
 * set its own: a route's `private` policy (the logo's `private, max-age`) is kept, anything else
 * (none, `no-cache`, `public`) is replaced.
 */
export function privateResponses() {
  return (req: Request, res: Response, next: NextFunction) => {
    const signedIn = carriesSession(req.headers.cookie);
    onHeaders(res, () => {
      if (!signedIn && !setsSession(res.getHeader("Set-Cookie"))) return;
      const policy = String(res.getHeader("Cache-Control") ?? "");
      if (!/\b(private|no-store)\b/i.test(policy)) res.setHeader("Cache-Control", "private, no-store");
    });
    next();
  };
}

function setsSession(header: number | string | string[] | undefined): boolean {
  return [header ?? []].flat().some((cookie) => String(cookie).startsWith(`${sessionCookieName}=`));
}
