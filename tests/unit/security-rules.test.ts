import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { accountDelayMs, accountLimit, addressLimit, delayAfter, maxDelayMs, pairLimit, throttleVerdict } from "../../app/domain/login-throttle";
import { hashPassword, scryptLog2Cost, verifyPassword } from "../../app/utils/password.server";
import { loginDelayScale } from "../../app/utils/login-delay.server";

describe("login delay per account", () => {
  it("is zero at first, then grows, and is capped", () => {
    expect(accountDelayMs(0)).toBe(0);
    expect(accountDelayMs(delayAfter - 1)).toBe(0);
    expect(accountDelayMs(delayAfter)).toBeGreaterThan(0);
    expect(accountDelayMs(delayAfter + 1)).toBeGreaterThan(accountDelayMs(delayAfter));
    expect(accountDelayMs(10_000)).toBe(maxDelayMs);
  });
});

describe("the throttle's verdict", () => {
  it("blocks an unknown browser at the account's limit, a known one only by its own address", () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(60), fc.nat(100), fc.boolean(), (pair, address, account, knownDevice) => {
        const verdict = throttleVerdict({ pair, address, account, knownDevice });
        if (pair >= pairLimit || address >= addressLimit) expect(verdict).toEqual({ ok: false, error: "throttled" });
        else if (knownDevice) expect(verdict).toEqual({ ok: true, delayMs: 0 });
        else if (account >= accountLimit) expect(verdict).toEqual({ ok: false, error: "accountThrottled" });
        else expect(verdict).toEqual({ ok: true, delayMs: accountDelayMs(account) });
      }),
    );
  });
});

describe("login delay in a test run", () => {
  it("is full length unless a test run asks for a fraction of it, from 0 to 1", () => {
    expect(loginDelayScale({})).toBe(1);
    expect(loginDelayScale({ NODE_ENV: "test", LOGIN_DELAY_SCALE: "0.01" })).toBe(0.01);
    // A test server: production mode, started by Vitest.
    expect(loginDelayScale({ NODE_ENV: "production", VITEST: "true", LOGIN_DELAY_SCALE: "0" })).toBe(0);
    // A server never shortens the delay because of a stray setting.
    expect(loginDelayScale({ NODE_ENV: "production", LOGIN_DELAY_SCALE: "0" })).toBe(1);
    expect(loginDelayScale({ LOGIN_DELAY_SCALE: "0.5" })).toBe(1);
    expect(() => loginDelayScale({ NODE_ENV: "test", LOGIN_DELAY_SCALE: "2" })).toThrow(/0 to 1/);
    expect(() => loginDelayScale({ NODE_ENV: "test", LOGIN_DELAY_SCALE: "none" })).toThrow(/0 to 1/);
  });
});

describe("scrypt cost", () => {
  it("is 2^15 unless a test run asks for less, within 2^10 to 2^15", () => {
    expect(scryptLog2Cost({})).toBe(15);
    expect(scryptLog2Cost({ NODE_ENV: "test" })).toBe(15);
    expect(scryptLog2Cost({ NODE_ENV: "test", SCRYPT_LOG2_COST: "10" })).toBe(10);
    // A server never hashes below 2^15 because of a stray setting.
    expect(scryptLog2Cost({ NODE_ENV: "production", SCRYPT_LOG2_COST: "10" })).toBe(15);
    expect(scryptLog2Cost({ SCRYPT_LOG2_COST: "10" })).toBe(15);
    expect(() => scryptLog2Cost({ NODE_ENV: "test", SCRYPT_LOG2_COST: "4" })).toThrow(/10 to 15/);
    expect(() => scryptLog2Cost({ NODE_ENV: "test", SCRYPT_LOG2_COST: "fast" })).toThrow(/10 to 15/);
  });

  it("hashes at 2^15 here, and verifies a hash by the cost stored in it", async () => {
    const hash = await hashPassword("long enough password", "account");
    expect(hash.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword(hash, "long enough password", "login")).toBe(true);
    expect(await verifyPassword(hash, "another password", "login")).toBe(false);
    // A hash made at another cost (as the integration tests make them) verifies too.
    const salt = randomBytes(16);
    const key = scryptSync("long enough password", salt, 32, { N: 1024, r: 8, p: 1 });
    const cheaper = `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword(cheaper, "long enough password", "login")).toBe(true);
  });
});
