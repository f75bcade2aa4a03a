import net from "node:net";
import type { Server, ServerResponse } from "node:http";

/**
 * Stopping an HTTP server without resetting a request (decision 013). A client with a kept-alive
 * connection may be sending its next request on it at any moment; a connection the server closes
 * while it does so answers that request with a TCP reset (ECONNRESET), which the client cannot
 * tell from a crash. So at a stop:
 * - the server stops accepting connections, but leaves the open ones open (Node's
 *   `http.Server.close()` would close the idle ones at once, and the old 50 ms sweep did so again);
 * - every answer not yet begun, and every answer to a request that arrives on an open connection
 *   from then on, carries `Connection: close`, after which Node closes that connection;
 * - a connection that stays idle ends at its keep-alive timeout (5 s, which the client was told
 *   in the `Keep-Alive` header of its last answer);
 * - whatever is still open after `timeoutMs` is cut.
 * Call `gracefulStop` when the server is created, so that it sees every request.
 */
export function gracefulStop(server: Server) {
  const open = new Set<ServerResponse>();
  let stopping = false;
  // First among the request listeners, before the app may have sent its headers.
  server.prependListener("request", (_request, response: ServerResponse) => {
    if (stopping) response.setHeader("Connection", "close");
    open.add(response);
    response.once("close", () => open.delete(response));
  });
  return {
    async stop({ timeoutMs, onTimeout }: { timeoutMs: number; onTimeout: () => void }): Promise<void> {
      stopping = true;
      for (const response of open) if (!response.headersSent) response.setHeader("Connection", "close");
      // net.Server's close: stop listening, and call back once every connection has ended.
      const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      const deadline = setTimeout(() => {
        onTimeout();
        server.closeAllConnections();
      }, timeoutMs);
      await closed;
      clearTimeout(deadline);
    },
  };
}
