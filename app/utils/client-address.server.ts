/**
 * The client's address as the web server saw it. server.ts sets this header from the socket (or,
 * with TRUST_PROXY=1, from X-Forwarded-For) and drops any value the client sent itself.
 */
export const clientAddressHeader = "x-stl-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(clientAddressHeader) ?? "unknown";
}
