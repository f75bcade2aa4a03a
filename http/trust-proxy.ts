import { isIP } from "node:net";

/**
 * What Express's "trust proxy" setting should be for TRUST_PROXY (see the README):
 * - unset, empty or `0`: trust no proxy, the client is the socket's peer;
 * - a whole number N (`1`, `2`): exactly N proxies in front; the client is the address the N-th
 *   proxy from us saw, and anything further left in X-Forwarded-For (which the client chose) is
 *   ignored. `1` therefore means one proxy, never "trust every hop";
 * - a comma-separated list of proxy addresses or CIDR ranges (`10.0.0.5, 10.1.0.0/16`, or
 *   `loopback`): only hops from those addresses are believed.
 * Anything else stops the server at start, so a typo never turns into trusting everyone.
 */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  const text = (value ?? "").trim();
  if (text === "" || text === "0" || text.toLowerCase() === "false") return false;
  if (/^[0-9]{1,2}$/.test(text)) return Number(text);
  const entries = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const named = new Set(["loopback", "linklocal", "uniquelocal"]);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const valid = named.has(entry) || (extra === undefined && isIP(address) !== 0 && (bits === undefined || /^[0-9]{1,3}$/.test(bits)));
    if (!valid) throw new Error(`TRUST_PROXY: "${entry}" is neither a hop count nor a proxy address or range`);
  }
  return entries;
}
