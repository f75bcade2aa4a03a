import { createHash } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import Negotiator from "negotiator";
import { localeFromRequest } from "./locale.server";

/**
 * Rendered HTML for anonymous visitors, kept in memory and keyed by URL and language.
 *
 * - `inFrontOf(app)` answers hits before Express and the app see the request: a hit costs a map
 *   lookup, the version check and one write of bytes prepared when the page was stored (compressed
 *   once per entry and encoding, not per response). Misses go on to the app, where `store`, an
 *   Express middleware, keeps what the app rendered.
 * - Only GET/HEAD requests whose only cookie is `lang` (no session, no toast) are served from or
 *   stored in the cache; only 200 text/html answers without Set-Cookie or `Cache-Control:
 *   private/no-store` are stored.
 * - Invalidation: `version()` (server.ts: SQLite's `data_version` seen from a connection of its
 *   own, or PostgreSQL's write-ahead-log position) changes with every committed write to the
 *   database, whichever process or connection made it. An entry stored under an older version is
 *   never served, and a render that saw the version change while it ran is not stored.
 * - CSP without a reused nonce: a stored page carries no nonce. Its inline scripts are allowed by
 *   their SHA-256 hashes in the Content-Security-Policy stored beside the body (DESIGN.md, "HTML
 *   cache and CSP nonce"), so the body is the same bytes on every hit and is compressed once.
 *   Only those exact scripts run; a render still gets a fresh nonce of its own.
 * - A hit carries a weak ETag and `Cache-Control: no-cache`; If-None-Match gets 304.
 * - The error reference a page carries (the root loader's request id) stays the id of the render
 *   that made the page, which is the request logged with it; each hit has its own X-Request-Id.
 */
export interface HtmlCacheOptions {
  /** Changes with every committed write (SQLite's `data_version`, or `changeVersion` of db/). */
  version(): number | string | Promise<number | string>;
  maxEntries?: number;
  maxBytes?: number;
}

type Encoding = "br" | "gzip" | "identity";

interface Entry {
  version: number | string;
  etag: string;
  /** The body in each encoding asked for so far; identity always. */
  bodies: Map<Encoding, Buffer>;
  /** Response headers for a 200 in each encoding, as writeHead takes them (content length included). */
  headers: Map<Encoding, string[]>;
  /** Headers every answer of this entry carries. */
  common: string[];
  bytes: number;
}

/** Headers of the rendered answer that a hit repeats. */
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
];

const encodings: Encoding[] = ["br", "gzip", "identity"];

export function htmlCache(options: HtmlCacheOptions) {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stored: 0 };

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.bytes;
    entries.delete(key);
  };

  const keyOf = (req: IncomingMessage) => `${localeOf(req)} ${req.url}`;

  /**
   * One version read serves every hit of one turn of the event loop (under load, dozens): the
   * requests of a turn had all arrived when the first of them read it, so a write committed before
   * any of them arrived is seen by all. On PostgreSQL that is one query per turn, not per hit.
   */
  let current: ReturnType<HtmlCacheOptions["version"]> | undefined;
  const versionThisTurn = () => {
    if (current === undefined) {
      current = options.version();
      setImmediate(() => (current = undefined));
    }
    return current;
  };

  /** Answers from the cache when it holds the page for this version; false when it does not. */
  const answer = (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !anonymous(req)) return false;
    const key = keyOf(req);
    const entry = entries.get(key);
    if (!entry) return false;
    let version: number | string | Promise<number | string>;
    try {
      version = versionThisTurn();
    } catch {
      // The cache is an optimisation: without a version it stays out of the way.
      return false;
    }
    if (typeof version === "object")
      return version.then(
        (v) => hit(req, res, key, entry, v),
        () => false,
      );
    return hit(req, res, key, entry, version);
  };

  const hit = (req: IncomingMessage, res: ServerResponse, key: string, entry: Entry, version: number | string): boolean => {
    if (entry.version !== version) {
      remove(key);
      return false;
    }
    stats.hits++;
    // Most recently used last, so the oldest is evicted first.
    entries.delete(key);
    entries.set(key, entry);
    if (req.headers["if-none-match"] === entry.etag) {
      res.writeHead(304, entry.common).end();
      return true;
    }
    const encoding = encodingFor(req.headers["accept-encoding"]);
    let body = entry.bodies.get(encoding);
    if (!body) {
      body = compress(entry.bodies.get("identity")!, encoding);
      entry.bodies.set(encoding, body);
      entry.bytes += body.length;
      bytes += body.length;
    }
    let headers = entry.headers.get(encoding);
    if (!headers) {
      headers = [...entry.common, "Content-Length", String(body.length), ...(encoding === "identity" ? [] : ["Content-Encoding", encoding])];
      entry.headers.set(encoding, headers);
    }
    res.writeHead(200, headers);
    if (req.method === "HEAD") res.end();
    else res.end(body);
    evict();
    return true;
  };

  const evict = () => {
    while (entries.size > maxEntries || bytes > maxBytes) remove(entries.keys().next().value!);
  };

  /** A request listener that answers hits itself and hands everything else to `app`. */
  const inFrontOf =
    (app: RequestListener): RequestListener =>
    (req, res) => {
      const answered = answer(req, res);
      if (answered === true) return;
      if (answered === false) {
        app(req, res);
        return;
      }
      answered.then(
        (done) => done || app(req, res),
        () => app(req, res),
      );
    };

  /** Express middleware in front of the app's handler: keeps the anonymous pages it renders. */
  const store = async (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !anonymous(req)) return next();
    res.setHeader("Vary", "Cookie, Accept-Language");
    stats.misses++;
    res.setHeader("X-Cache", "miss");
    if (req.method !== "GET") return next();
    let version: number | string;
    try {
      version = await options.version();
    } catch {
      return next();
    }
    const key = keyOf(req);

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
          (now) => now === version && keepPage(key, version, res, body),
          () => undefined,
        );
      }
      return result;
    }) as Response["end"];
    next();
  };

  const keepPage = (key: string, version: number | string, response: Response, rendered: Buffer) => {
    if (response.statusCode !== 200 || response.getHeader("set-cookie")) return;
    if (!String(response.getHeader("content-type") ?? "").startsWith("text/html")) return;
    if (/private|no-store/i.test(String(response.getHeader("cache-control") ?? ""))) return;
    const headers: Record<string, string> = {};
    for (const name of keptHeaders) {
      const value = response.getHeader(name);
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
    }
    const page = withScriptHashes(rendered.toString("utf8"), headers["content-security-policy"]);
    if (!page) return;
    if (page.csp) headers["content-security-policy"] = page.csp;
    const body = Buffer.from(page.html);
    const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
    const common = [
      ...Object.entries(headers).flat(),
      "Vary",
      "Cookie, Accept-Language, Accept-Encoding",
      "ETag",
      etag,
      "Cache-Control",
      "no-cache",
      "X-Cache",
      "hit",
    ];
    remove(key);
    entries.set(key, { version, etag, bodies: new Map([["identity", body]]), headers: new Map(), common, bytes: body.length });
    bytes += body.length;
    stats.stored++;
    evict();
  };

  return { answer, inFrontOf, store, stats, clear: () => [...entries.keys()].forEach(remove) };
}

/**
 * The page without its nonce, and a policy that allows its inline scripts by their SHA-256
 * hashes instead: `'nonce-…'` in script-src becomes one `'sha256-…'` per distinct inline script.
 * The browser hashes a script's text exactly as it stands between its tags. Null when the page
 * cannot be kept that way (a policy with a nonce elsewhere than script-src).
 */
export function withScriptHashes(html: string, csp: string | undefined): { html: string; csp: string | null } | null {
  const nonce = csp ? /'nonce-([^']+)'/.exec(csp)?.[1] : undefined;
  if (!csp || !nonce) return { html, csp: csp ?? null };
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  const directives = csp.split(";").map((d) => d.trim());
  const withNonce = directives.filter((d) => d.includes(`'nonce-${nonce}'`));
  if (withNonce.length !== 1 || !withNonce[0].startsWith("script-src ")) return null;
  const policy = directives
    .map((d) =>
      d === withNonce[0]
        ? d
            .replace(`'nonce-${nonce}'`, [...hashes].join(" "))
            .replace(/\s+/g, " ")
            .trim()
        : d,
    )
    .join("; ");
  return { html: html.replaceAll(` nonce="${nonce}"`, ""), csp: policy };
}

/**
 * Once per entry and encoding, on the first hit that asks for it. Brotli at quality 5: on the
 * directory's page 1–3 ms where quality 11 took 20–50 ms of a blocked event loop, for 8 % fewer bytes.
 */
function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === "gzip") return gzipSync(body, { level: 9 });
  if (encoding === "br") {
    return brotliCompressSync(body, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      },
    });
  }
  return body;
}

/** The encoding for an Accept-Encoding header, as `compression` would choose it; remembered per header. */
const chosenEncodings = new Map<string, Encoding>();
function encodingFor(header: string | string[] | undefined): Encoding {
  const value = Array.isArray(header) ? header.join(", ") : (header ?? "");
  let chosen = chosenEncodings.get(value);
  if (chosen === undefined) {
    chosen =
      (new Negotiator({ headers: { "accept-encoding": value } }).encoding(encodings, { preferred: ["br", "gzip"] }) as Encoding | undefined) ?? "identity";
    if (chosenEncodings.size < 100) chosenEncodings.set(value, chosen);
  }
  return chosen;
}

/** The language a request is answered in, remembered per pair of headers that decide it. */
const locales = new Map<string, string>();
function localeOf(req: IncomingMessage): string {
  const cookie = req.headers.cookie ?? "";
  const accepted = req.headers["accept-language"] ?? "";
  const pair = `${cookie}\n${accepted}`;
  let locale = locales.get(pair);
  if (locale === undefined) {
    locale = localeFromRequest({ headers: new Headers({ cookie, "accept-language": accepted }) } as globalThis.Request);
    if (locales.size < 1000) locales.set(pair, locale);
  }
  return locale;
}

/** No cookie but `lang`, and no credentials. */
function anonymous(req: IncomingMessage): boolean {
  if (req.headers.authorization) return false;
  const cookie = req.headers.cookie;
  if (!cookie) return true;
  return cookie.split(";").every((part) => {
    const name = part.split("=")[0].trim();
    return name === "" || name === "lang";
  });
}
