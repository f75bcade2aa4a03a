import { randomBytes } from "node:crypto";
import type { RequestListener } from "node:http";
import pino, { type Logger } from "pino";

/**
 * The server's logger: JSON lines on stdout, written together once per turn of the event loop
 * instead of one write() per line (a cached page's own log write cost about as much as its
 * lookup), and whatever is left when the process exits, so the last lines of a stop are never lost.
 */
export function createLogger(): Logger {
  const stdout = pino.destination({ dest: 1, sync: true });
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    stdout.write(text);
  };
  process.on("exit", flush);
  const batched = {
    write(line: string) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    // logger.flush() writes what waits at once.
    flush(done?: (error?: Error) => void) {
      flush();
      done?.();
    },
  };
  return pino({ level: process.env.LOG_LEVEL ?? "info", base: { pid: process.pid } }, batched);
}

/**
 * In front of everything that answers (the HTML cache's hits included): every request gets an id,
 * in `X-Request-Id` and in the request's own headers for the app (the error reference a page shows),
 * and one JSON log line when it is done (method, path without the query string, which may hold search
 * terms or tokens, status, ms, and `aborted` when the client left first). While the server stops,
 * every answer tells the client not to reuse the connection.
 */
export function withRequestLog(logger: Logger, { stopping }: { stopping: () => boolean }, next: RequestListener): RequestListener {
  // Ids only need to be unique, not unguessable: a random prefix per process and a counter cost
  // nothing per request, where 6 random bytes each were 3–4 % of a cached page's time.
  const prefix = randomBytes(3).toString("hex");
  let counter = 0;
  return (req, res) => {
    counter = (counter + 1) % 0x1000000;
    const requestId = prefix + counter.toString(16).padStart(6, "0");
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    if (stopping()) res.setHeader("Connection", "close");
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const url = req.url ?? "";
      const query = url.indexOf("?");
      logger.info({
        reqId: requestId,
        method: req.method,
        path: query === -1 ? url : url.slice(0, query),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
    next(req, res);
  };
}
