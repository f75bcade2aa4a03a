import { defineConfig } from "vitest/config";

/**
 * A run of its own for `tests/integration/exit-code.test.ts`: two fixture files, one that passes
 * and one that fails, under the global setup that starts PostgreSQL (whose library once turned
 * every exit code into 0). Not part of `npm test`'s projects.
 */
export default defineConfig({
  test: {
    include: ["tests/exit-code/*.fixture.ts"],
    globalSetup: ["tests/setup/postgres.ts"],
    environment: "node",
  },
});
