/**
 * "At most half the cores hash at once" holds for the machine, not for each HTTP worker: the
 * cluster primary keeps the one hashing budget and its workers take turns from it over IPC
 * (tests/integration/support/hashing-cluster.ts runs a primary and two workers as server.ts does).
 * On a 2-core machine that is one hash at a time, across both workers.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "support/hashing-cluster.ts");

interface Turn {
  worker: number;
  purpose: "login" | "account";
  start?: number;
  end?: number;
  refused?: boolean;
  dying?: boolean;
}

function runCluster(...args: string[]): Promise<Turn[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const lines = output.trim().split("\n");
      if (code !== 0 || lines.at(-1) !== "done") return reject(new Error(`The cluster ended with ${code}: ${output}`));
      resolve(lines.slice(0, -1).map((line) => JSON.parse(line) as Turn));
    });
  });
}

/** The most turns that ran at the same moment, over every worker. */
function mostAtOnce(turns: Turn[]): number {
  const edges = turns
    .filter((t) => t.start !== undefined)
    .flatMap((t) => [
      { at: t.start!, change: 1 },
      { at: t.end!, change: -1 },
    ])
    // An end and a start at the same instant do not overlap.
    .sort((a, b) => a.at - b.at || a.change - b.change);
  let now = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (now += edge.change));
  return most;
}

describe("one hashing budget for the cluster", () => {
  it("runs one hash at a time across two workers", async () => {
    const turns = await runCluster("6");
    expect(turns.filter((t) => t.start !== undefined)).toHaveLength(12);
    expect(new Set(turns.map((t) => t.worker))).toEqual(new Set([0, 1]));
    expect(mostAtOnce(turns)).toBe(1);
  });

  it("refuses other hashes past their share across workers, and still gives every login its turn", async () => {
    const turns = await runCluster("20", "flood");
    const logins = turns.filter((t) => t.purpose === "login");
    expect(logins).toHaveLength(4);
    expect(logins.every((t) => !t.refused)).toBe(true);
    // Forty resets were asked for at once; four places are theirs (more only as earlier ones end).
    const accounts = turns.filter((t) => t.purpose === "account");
    expect(accounts).toHaveLength(40);
    expect(accounts.filter((t) => !t.refused).length).toBeLessThan(20);
    expect(mostAtOnce(turns)).toBe(1);
  });

  it("takes back the turn of a worker that dies holding it", async () => {
    const turns = await runCluster("3", "kill");
    expect(turns.find((t) => t.dying)?.worker).toBe(0);
    // The other worker's turns all ran after the first worker died with its turn.
    expect(turns.filter((t) => t.worker === 1 && t.start !== undefined)).toHaveLength(3);
  });
});
