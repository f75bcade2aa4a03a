/**
 * The login throttle behind a proxy: with TRUST_PROXY=1 it used to key on the first X-Forwarded-For entry,
 * which the client chooses. Express is set up here exactly as server.ts sets it up.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { trustProxySetting } from "../../http/trust-proxy";

async function clientAddressSeen(trustProxy: string | undefined, forwardedFor: string): Promise<string> {
  const app = express();
  app.set("trust proxy", trustProxySetting(trustProxy));
  app.get("/", (req, res) => {
    res.type("text/plain").send(req.ip ?? "");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    return await (await fetch(`http://127.0.0.1:${port}/`, { headers: { "X-Forwarded-For": forwardedFor } })).text();
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("TRUST_PROXY", () => {
  it("1 means exactly one proxy: the address it saw, not what the client wrote before it", async () => {
    // The client sends "X-Forwarded-For: 6.6.6.6"; the one proxy appends the address it saw.
    expect(await clientAddressSeen("1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
  });

  it("2 means two proxies", async () => {
    expect(await clientAddressSeen("2", "6.6.6.6, 203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
  });

  it("a list trusts only hops from those addresses", async () => {
    expect(await clientAddressSeen("127.0.0.1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(await clientAddressSeen("10.0.0.0/8", "6.6.6.6")).toBe("127.0.0.1");
  });

  it("unset or 0 trusts no header at all", async () => {
    expect(await clientAddressSeen(undefined, "6.6.6.6")).toBe("127.0.0.1");
    expect(await clientAddressSeen("0", "6.6.6.6")).toBe("127.0.0.1");
  });

  it("a value that is neither stops the server instead of trusting everyone", () => {
    expect(() => trustProxySetting("true")).toThrow(/TRUST_PROXY/);
    expect(() => trustProxySetting("yes")).toThrow(/TRUST_PROXY/);
    expect(() => trustProxySetting("10.0.0.1/8/9")).toThrow(/TRUST_PROXY/);
  });
});
