import { createContext, useContext } from "react";

/**
 * The request header that carries this response's CSP nonce from the HTTP layer
 * (http/security-headers.ts) to the app (entry.server.tsx puts it on every inline script).
 */
export const cspNonceHeader = "x-stl-csp-nonce";

/**
 * The CSP nonce of the response being rendered (set by entry.server.tsx from the header that
 * http/security-headers.ts writes). In the browser it is empty: scripts added after hydration are
 * loaded from our own origin, which the policy allows.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
