import { Transform, type TransformCallback } from "node:stream";
import { ServerRouter, type EntryContext, type HandleErrorFunction } from "react-router";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { prepareCpvSearch } from "./domain/cpv-search";
import { onMissingMessage } from "./utils/i18n";
import { NonceProvider, cspNonceHeader } from "./utils/nonce";
import { isDatabaseFullError } from "./utils/db.server";

const ABORT_DELAY = 5_000;

// The test servers fail a page that uses a key its route's catalogues lack (see app/utils/i18n.ts).
if (process.env.STRICT_MESSAGES === "1") {
  onMissingMessage((key, catalogues) => {
    throw new Error(`No message "${key}" in ${catalogues}: name its catalogue in the route's handle.`);
  });
}
export const streamTimeout = ABORT_DELAY;

// The CPV vocabulary and its word index (about a second to build) are made as the server starts,
// not on a visitor's first page (category labels) or CPV lookup (decision 017).
prepareCpvSearch();

/**
 * Unexpected errors go to the server log with the request's reference; the page shows only the
 * reference. A full disk is said in one line that names it (the visitor gets 503 and a page that
 * says nothing was saved): its stack would tell the operator nothing more.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  const where = `[ref ${request.headers.get("x-request-id") ?? "-"}] ${request.method} ${new URL(request.url).pathname}`;
  if (isDatabaseFullError(error)) console.error(`${where}: ${error.message} Free space on the database's disk; reads still work.`);
  else console.error(where, error);
};

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, routerContext: EntryContext) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = request.headers.get(cspNonceHeader) ?? "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let allReady = false;
    let abortLater: ReturnType<typeof setTimeout> | undefined;
    const respond = () => {
      shellRendered = true;
      const body = new FlushedTogether();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          // Rendered in full: nothing is left to abort, and a waiting timer would keep the page in memory.
          allReady = true;
          clearTimeout(abortLater);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(abortLater);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // A visitor who leaves while the page's data is still streaming is no error of the app's;
          // React reports it as "The destination stream closed early".
          if (shellRendered && !request.signal.aborted) console.error(error);
        },
      },
    );
    if (!allReady) abortLater = setTimeout(abort, ABORT_DELAY + 1000);
  });
}

/**
 * React writes a page in 2 KB pieces and calls `flush()` when it has written what is ready; each
 * piece would then cross two stream conversions on its way to the socket. This passes the pieces
 * on together at each flush (for most pages once), which is all the visitor could read anyway.
 */
class FlushedTogether extends Transform {
  private pending: Buffer[] = [];
  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.pending.push(chunk);
    done();
  }
  flush() {
    if (this.pending.length === 0) return;
    this.push(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending));
    this.pending = [];
  }
  _flush(done: TransformCallback) {
    this.flush();
    done();
  }
}
