/**
 * CI reads `npm test`'s exit code. A run with a failed test must end with 1, and a clean one with 0,
 * under the same global setup as the suite's projects (the embedded PostgreSQL's library once made
 * every run end with 0: tests/setup/postgres.ts). Runs Vitest itself on two fixture files.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const run = promisify(execFile);

async function vitestOn(fixture: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "tests/exit-code/vitest.config.ts", fixture],
      {
        cwd: root,
        env: { ...process.env, CI: "1", FORCE_COLOR: "0" },
        timeout: 90_000,
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("the test run's exit code", () => {
  it("is 1 when a test failed", async () => {
    const { code, output } = await vitestOn("fails.fixture");
    expect(output).toMatch(/1 failed/);
    expect(code).toBe(1);
  });

  it("is 0 when every test passed", async () => {
    const { code, output } = await vitestOn("passes.fixture");
    expect(output).toMatch(/1 passed/);
    expect(code).toBe(0);
  });
});
