import { describe, expect, it } from "vitest";
import { accountDelayMs, delayAfter, maxDelayMs } from "../../app/domain/login-throttle";
import { createBoundedQueue, PasswordHashingBusy } from "../../app/utils/password.server";

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
