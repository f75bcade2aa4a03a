import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountDelayMs, delayAfter, maxDelayMs } from "../../app/domain/login-throttle";
import { createBoundedQueue, hashPassword, PasswordHashingBusy, scryptLog2Cost, verifyPassword } from "../../app/utils/password.server";
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

describe("bounded hashing queue", () => {
  it("never runs more than its concurrency, and refuses work past its waiting room", async () => {
    const queue = createBoundedQueue({ concurrency: 1, maxWaiting: 2 });
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      new Promise<void>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        releases.push(() => {
          running -= 1;
          resolve();
        });
      });
    const runs = [queue.run(task), queue.run(task), queue.run(task)];
    await expect(queue.run(task)).rejects.toBeInstanceOf(PasswordHashingBusy);
    // Release each task once it has started; the queue starts the next.
    for (let done = 0; done < 3; done++) {
      await waitUntil(() => releases.length > done);
      releases[done]!();
    }
    await Promise.all(runs);
    expect(most).toBe(1);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });
});

async function waitUntil(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

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
    const hash = await hashPassword("long enough password");
    expect(hash.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword(hash, "long enough password")).toBe(true);
    expect(await verifyPassword(hash, "another password")).toBe(false);
    // A hash made at another cost (as the integration tests make them) verifies too.
    const salt = randomBytes(16);
    const key = scryptSync("long enough password", salt, 32, { N: 1024, r: 8, p: 1 });
    const cheaper = `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword(cheaper, "long enough password")).toBe(true);
  });
});
