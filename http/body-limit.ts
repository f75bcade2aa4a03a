import type { NextFunction, Request, Response } from "express";

/** A form post: far above any form of the site, far below what hurts the server. */
export const formBodyLimit = 64 * 1024;
/** The logo upload: the 2 MiB file plus room for the multipart framing and the other fields. */
export const uploadBodyLimit = 2 * 1024 * 1024 + 64 * 1024;

/**
 * Routes that take file uploads, with their body limit. Other branches add theirs here.
 * `.data` is the single-fetch (data request) form of the same route.
 */
export const uploadRoutes: { path: RegExp; limit: number }[] = [
  { path: /^\/organisations\/[^/]+\/edit(?:\.data)?$/, limit: uploadBodyLimit },
];

export function bodyLimitFor(path: string, contentType: string | undefined): number {
  if ((contentType ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const upload = uploadRoutes.find((r) => r.path.test(path));
    if (upload) return upload.limit;
  }
  return formBodyLimit;
}

/**
 * Refuses a request body over its limit with 413 before a byte of it is read, from the declared
 * Content-Length. Node stops reading a body at its Content-Length, so the declaration cannot be
 * exceeded; a body without one (chunked) gets 411, since browsers always declare the length of
 * forms and uploads.
 */
export function bodyLimit() {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return next();
    const declared = req.headers["content-length"];
    if (declared === undefined) return refuse(res, 411, "Length Required: send a Content-Length.");
    const length = /^[0-9]{1,15}$/.test(declared) ? Number(declared) : NaN;
    if (!Number.isSafeInteger(length)) return refuse(res, 400, "Bad Request.");
    if (length > bodyLimitFor(req.path, req.headers["content-type"])) return refuse(res, 413, "Payload Too Large.");
    next();
  };
}

function refuse(res: Response, status: number, text: string) {
  // Closing the connection keeps Node from reading (and discarding) the unread body first.
  res.set("Connection", "close");
  res.status(status).type("text/plain").send(text);
}
