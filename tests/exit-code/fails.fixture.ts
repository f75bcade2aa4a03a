import { expect, test } from "vitest";

test("fails on purpose (tests/integration/exit-code.test.ts expects a failed run)", () => {
  expect(1 + 1).toBe(3);
});
