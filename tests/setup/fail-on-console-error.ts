import { afterEach } from "vitest";

// An unexpected console.error fails the test that caused it.
const errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  if (errors.length > 0) {
    const first = errors[0].map(String).join(" ");
    errors.length = 0;
    throw new Error(`Unexpected console.error: ${first}`);
  }
});
