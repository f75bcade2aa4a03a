import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { cspNonceHeader } from "../http/security-headers";
import { onMissingMessage } from "./utils/i18n";
import { NonceProvider } from "./utils/nonce";

const ABORT_DELAY = 5_000;

// The test servers fail a page that uses a key its route's catalogues lack (see app/utils/i18n.ts).
if (process.env.STRICT_MESSAGES === "1") {
  onMissingMessage((key, catalogues) => {
    throw new Error(`No message "${key}" in ${catalogues}: name its catalogue in the route's handle.`);
  });
}
export const streamTimeout = ABORT_DELAY;

/** Unexpected errors go to the server log with the request's reference; the page shows only the reference. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  console.error(`[ref ${request.headers.get("x-request-id") ?? "-"}] ${request.method} ${new URL(request.url).pathname}`, error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = request.headers.get(cspNonceHeader) ?? "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}
