import { createHash, randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { localeFromRequest } from "./locale.server";

/**
 * Rendered HTML for anonymous visitors, kept in memory and keyed by URL and language, as Express
 * middleware in front of React Router's handler (server.ts).
 *
 * - Only GET/HEAD requests whose only cookie is `lang` (no session, no toast) are served from or
 *   stored in the cache; only 200 text/html answers without Set-Cookie or `Cache-Control:
 *   private/no-store` are stored.
 * - Invalidation: `version()` (server.ts: SQLite's `data_version` seen from a connection of its
 *   own) changes with every committed write to the database, whichever process or connection made
 *   it, the writes that queue search outbox rows included. An entry stored under an older version
 *   is never served, and a render that saw the version change while it ran is not stored.
 * - ETag and conditional GET: a hit carries a weak ETag (the body differs only in nonce and request id); If-None-Match gets 304.
 * - CSP nonces: a cached page never reuses a nonce. When the answer's Content-Security-Policy
 *   holds `'nonce-…'`, the nonce is stored as a placeholder in the header and the body, and every
 *   hit gets a fresh one. A 304 carries no CSP header, so the browser keeps the policy that
 *   matches the body it already has.
 * - The request id the page carries (the error reference of the root loader) is likewise replaced
 *   by the id of the request a hit answers.
 */
export interface HtmlCacheOptions {
  /** Changes with every committed write (SQLite's `data_version`, or `changeVersion` of db/). */
  version(): number | string | Promise<number | string>;
  maxEntries?: number;
  maxBytes?: number;
}

interface Entry {
  version: number | string;
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** The placeholder standing for the nonce in `body` and the CSP header, if any. */
  nonce: string | null;
  /** The placeholder standing for the request id in `body`, if any. */
  requestId: string | null;
}

const keptHeaders = [
  "content-type",
  "content-security-policy",
  "referrer-policy",
  "x-content-type-options",
  "x-frame-options",
  "permissions-policy",
  "strict-transport-security",
  "cross-origin-opener-policy",
  "link",
  "vary",
];

export function htmlCache(options: HtmlCacheOptions) {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stored: 0 };

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };

  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !anonymous(req)) return next();
    const locale = localeFromRequest({ headers: { get: (name: string) => req.get(name) ?? null } } as unknown as globalThis.Request);
    const key = `${locale} ${req.originalUrl}`;
    let version: number | string;
    try {
      version = await options.version();
    } catch {
      // The cache is an optimisation: without a version it stays out of the way.
      return next();
    }
    const entry = entries.get(key);
    res.setHeader("Vary", "Cookie, Accept-Language");
    if (entry && entry.version === version) {
      stats.hits++;
      // Most recently used last, so the oldest is evicted first.
      entries.delete(key);
      entries.set(key, entry);
      res.setHeader("ETag", entry.etag);
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("X-Cache", "hit");
      if (req.headers["if-none-match"] === entry.etag) {
        res.removeHeader("Content-Security-Policy");
        res.status(304).end();
        return;
      }
      const fresh = entry.nonce ? randomBytes(16).toString("base64") : null;
      for (const [name, value] of Object.entries(entry.headers)) {
        res.setHeader(name, fresh && entry.nonce ? value.replaceAll(entry.nonce, fresh) : value);
      }
      let body = entry.body;
      if (entry.nonce || entry.requestId) {
        let text = body.toString("utf8");
        if (fresh && entry.nonce) text = text.replaceAll(entry.nonce, fresh);
        if (entry.requestId) text = text.replaceAll(entry.requestId, String(req.headers["x-request-id"] ?? ""));
        body = Buffer.from(text);
      }
      res.status(200);
      if (req.method === "HEAD") res.setHeader("Content-Length", body.length).end();
      else res.end(body);
      return;
    }
    if (entry) remove(key);
    stats.misses++;
    res.setHeader("X-Cache", "miss");
    if (req.method !== "GET") return next();

    // Capture what the app writes (before compression, which wraps the response earlier).
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      size += buffer.length;
      if (size > maxBytes / 8) tooBig = true;
      else chunks.push(buffer);
    };
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as Response["write"];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      const result = end(...args);
      if (!tooBig) {
        const body = Buffer.concat(chunks);
        // A write during the render may or may not be in it: keep the page only if none happened.
        Promise.resolve(options.version()).then(
          (now) => now === version && store(res, body),
          () => undefined,
        );
      }
      return result;
    }) as Response["end"];

    const store = (response: Response, body: Buffer) => {
      if (response.statusCode !== 200 || response.getHeader("set-cookie")) return;
      if (!String(response.getHeader("content-type") ?? "").startsWith("text/html")) return;
      if (/private|no-store/i.test(String(response.getHeader("cache-control") ?? ""))) return;
      const headers: Record<string, string> = {};
      for (const name of keptHeaders) {
        const value = response.getHeader(name);
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
      }
      let text = body.toString("utf8");
      let nonce: string | null = null;
      const csp = headers["content-security-policy"];
      const found = csp ? /'nonce-([^']+)'/.exec(csp)?.[1] : undefined;
      if (found) {
        nonce = `__stl_nonce_${randomBytes(8).toString("hex")}__`;
        headers["content-security-policy"] = csp!.replaceAll(found, nonce);
        text = text.replaceAll(found, nonce);
      }
      let requestId: string | null = null;
      const id = req.headers["x-request-id"];
      if (typeof id === "string" && id.length >= 8 && text.includes(id)) {
        requestId = `__stl_request_${randomBytes(8).toString("hex")}__`;
        text = text.replaceAll(id, requestId);
      }
      const stored = Buffer.from(text);
      const etag = `W/"${createHash("sha1").update(stored).digest("base64url")}"`;
      remove(key);
      entries.set(key, { version, body: stored, etag, headers, nonce, requestId });
      bytes += stored.length;
      stats.stored++;
      while (entries.size > maxEntries || bytes > maxBytes) remove(entries.keys().next().value!);
    };
    next();
  };
  return Object.assign(middleware, { stats, clear: () => [...entries.keys()].forEach(remove) });
}

/** No cookie but `lang`, and no credentials. */
function anonymous(req: Request): boolean {
  if (req.headers.authorization) return false;
  const cookie = req.headers.cookie;
  if (!cookie) return true;
  return cookie.split(";").every((part) => {
    const name = part.split("=")[0].trim();
    return name === "" || name === "lang";
  });
}
