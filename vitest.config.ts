import { defineConfig } from "vitest/config";

/**
 * Integration test files that never use the app's database from `openTestDatabase()`: those about
 * PostgreSQL itself or the SQLite file, and those on a database of their own or none; and the ESPD
 * validation, whose XML does not depend on the database and whose twelve rule files take half a
 * minute (decision 023). They run once, in the SQLite project; every other file runs on both databases.
 */
const integrationOnOneDatabase = [
  "tests/integration/postgres-database.test.ts",
  "tests/integration/postgres-search.test.ts",
  "tests/integration/copy-to-postgres.test.ts",
  "tests/integration/html-cache.test.ts",
  "tests/integration/sqlite-backup.test.ts",
  "tests/integration/form-fuzz.test.ts",
  "tests/integration/security-files.test.ts",
  "tests/integration/trust-proxy.test.ts",
  "tests/integration/annual-report-external.test.ts",
  "tests/integration/exit-code.test.ts",
  "tests/integration/page-javascript.test.ts",
  "tests/integration/database-full.test.ts",
  "tests/integration/hashing-budget-cluster.test.ts",
  "tests/integration/tender-espd.test.ts",
];

/**
/**
 * End-to-end files about one database, run only in the SQLite project: the SQLite file's backup
 * and crash safety and its file system filling up, two servers on one PostgreSQL (which make their
 * own databases). Every other end-to-end file runs on both.
 */
const endToEndOnOneDatabase = ["tests/e2e/backup-and-crash.test.ts", "tests/e2e/full-disk.test.ts", "tests/e2e/postgres-servers.test.ts"];

/**
 * Settings for a test run only (each is refused outside one, see the modules that read them): the
 * login throttle's waits at a hundredth of their length (app/utils/login-delay.server.ts), which
 * hundreds of failed logins would otherwise spend minutes in.
 */
const testRunSettings = { LOGIN_DELAY_SCALE: "0.01" };

const integration = (database: "sqlite" | "postgres") => ({
  extends: true as const,
  test: {
    name: database === "sqlite" ? "integration" : "integration-postgres",
    include: ["tests/integration/**/*.test.ts"],
    exclude: database === "sqlite" ? [] : integrationOnOneDatabase,
    // Hundreds of accounts and logins in-process: scrypt at 2^10 instead of 2^15 takes about a
    // minute off the run (app/utils/password.server.ts; the built servers of e2e hash at 2^15).
    env: { TEST_DATABASE: database, SCRYPT_LOG2_COST: "10", ...testRunSettings },
    environment: "node",
    // Files start on copies of databases migrated (and loaded with the demo) once per run.
    globalSetup: ["tests/setup/meilisearch.ts", "tests/setup/postgres.ts", "tests/setup/demo-database.ts"],
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Unit and integration files share the two cores; the browser suites come after them.
    sequence: { groupOrder: 0 },
  },
});

const endToEnd = (name: string, database: "sqlite" | "postgres", include: string[], exclude: string[]) => ({
  extends: true as const,
  test: {
    name,
    include,
    exclude,
    // The test servers inherit these (tests/e2e/support/server.ts).
    env: { TEST_DATABASE: database, ...testRunSettings },
    environment: "node",
    // The run's PostgreSQL (for the PostgreSQL project's servers, and the two-server test), the
    // demo network loaded once for every server to start from a copy of, and the run's
    // Meilisearch, on which each server builds indexes of its own.
    globalSetup: ["tests/setup/postgres.ts", "tests/setup/demo-database.ts", "tests/setup/meilisearch.ts", "tests/setup/chromium.ts"],
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    // One server and one browser per file, two files at once: alone, a file left about a quarter
    // of the two cores idle (waiting on the browser and the server in turn); two at once took the
    // end-to-end projects from 640–700 s to 558 s (decision 014).
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // After unit and integration; both end-to-end projects share the group.
    sequence: { groupOrder: 1 },
  },
});

export default defineConfig({
  test: {
    // Both cores for the unit and integration files (by default Vitest leaves one core free).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      integration("sqlite"),
      integration("postgres"),
      endToEnd("e2e", "sqlite", ["tests/e2e/**/*.test.ts"], []),
      endToEnd("e2e-postgres", "postgres", ["tests/e2e/**/*.test.ts"], endToEndOnOneDatabase),
    ],
  },
});
