import type { NextFunction, Request, Response } from "express";
import { MAX_LOGO_BYTES, logoRefusedPath } from "../app/domain/image-type";

/** A form post: far above any form of the site, far below what hurts the server. */
export const formBodyLimit = 64 * 1024;
/** The logo upload: the 2 MiB file plus room for the multipart framing and the other fields. */
export const uploadBodyLimit = MAX_LOGO_BYTES + 64 * 1024;

/**
 * How much of a too-large upload is read and thrown away before the answer, so that the browser
 * sees it: a client still sending when the server answers and closes gets a broken connection
 * (EPIPE, "connection reset") instead of the page. Phone photos are well under this; a larger body
 * is answered at once and its connection closed.
 */
export const uploadDrainLimit = 32 * 1024 * 1024;

export interface UploadRoute {
  /** The path of the form's action; `.data` is the single-fetch (data request) form of the same route. */
  path: RegExp;
  limit: number;
  /**
   * Where a browser that posted the form itself (not a data request) is sent when its body is too
   * large to read: the page of the form, with the message at the file field.
   */
  tooLarge: (match: RegExpExecArray) => string;
}

/** Routes that take file uploads, with their body limit. */
export const uploadRoutes: UploadRoute[] = [
  {
    path: /^\/organisations\/([a-z0-9-]+)\/logo(?:\.data)?$/,
    limit: uploadBodyLimit,
    tooLarge: (match) => logoRefusedPath(match[1], "form.logoSize"),
  },
];

function uploadRouteFor(path: string, contentType: string | undefined): { route: UploadRoute; match: RegExpExecArray } | null {
  if (!(contentType ?? "").toLowerCase().startsWith("multipart/form-data")) return null;
  for (const route of uploadRoutes) {
    const match = route.path.exec(path);
    if (match) return { route, match };
  }
  return null;
}

export function bodyLimitFor(path: string, contentType: string | undefined): number {
  return uploadRouteFor(path, contentType)?.route.limit ?? formBodyLimit;
}

/**
 * Refuses a request body over its limit before a byte of it is read, from the declared
 * Content-Length. Node stops reading a body at its Content-Length, so the declaration cannot be
 * exceeded; a body without one (chunked) gets 411, since browsers always declare the length of
 * forms and uploads. A file too large for an upload form sends the browser back to the form with
 * the message at its field (303, once the body is read and thrown away); anything else gets 413.
 */
export function bodyLimit() {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return next();
    const declared = req.headers["content-length"];
    if (declared === undefined) return refuse(res, 411, "Length Required: send a Content-Length.");
    const length = /^[0-9]{1,15}$/.test(declared) ? Number(declared) : NaN;
    if (!Number.isSafeInteger(length)) return refuse(res, 400, "Bad Request.");
    const upload = uploadRouteFor(req.path, req.headers["content-type"]);
    if (length <= (upload?.route.limit ?? formBodyLimit)) return next();
    if (upload && !req.path.endsWith(".data")) {
      const location = upload.route.tooLarge(upload.match);
      if (length > uploadDrainLimit) {
        res.set("Connection", "close");
        res.redirect(303, location);
        return;
      }
      // Nothing of the body is kept: it is read only so that the answer arrives.
      req.on("end", () => res.redirect(303, location));
      req.resume();
      return;
    }
    refuse(res, 413, "Payload Too Large.");
  };
}

function refuse(res: Response, status: number, text: string) {
  // Closing the connection keeps Node from reading (and discarding) the unread body first.
  res.set("Connection", "close");
  res.status(status).type("text/plain").send(text);
}
