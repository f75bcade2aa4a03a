import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Mantine's components are imported file by file (see `paths` in tsconfig.json); tests resolve
// the alias to the same files, so a component and `@mantine/core` share one React context.
const mantineParts = fileURLToPath(new URL("./node_modules/@mantine/core/esm/", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [{ find: /^mantine-parts\/(.*)$/, replacement: `${mantineParts}$1.mjs` }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/meilisearch.ts", "tests/setup/postgres.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          // One server and one browser per file; two cores do not run several at once well.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
