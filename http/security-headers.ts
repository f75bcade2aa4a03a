import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { cspNonceHeader } from "../app/utils/nonce";

export function contentSecurityPolicy(nonce: string, { production }: { production: boolean }): string {
  return [
    "default-src 'self'",
    // Only our own files and inline scripts carrying this response's nonce; no 'unsafe-inline'.
    `script-src 'self' 'nonce-${nonce}'`,
    // Mantine sets style attributes and CSS variables inline; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Security headers on every response: pages, `.data` responses, redirects, errors and static
 * files alike, because this runs before anything else answers. The one place they are written.
 */
export function securityHeaders({ production = process.env.NODE_ENV === "production" } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    // Set on every request, so a client cannot choose it.
    req.headers[cspNonceHeader] = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, { production }));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
