/**
 * Faults of a production service, on the built server (`node build/server.js`, as `npm start`
 * runs it): a SIGTERM under load lets the requests in progress finish and exits 0 with its
 * Meilisearch stopped; requests that keep-alive clients send through a stop (to one process, to the
 * primary of two workers, to the whole process group) are answered, never reset; a SIGKILLed
 * server leaves no Meilisearch behind, and a new start never runs a second one on the same folder.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isAlive, meiliInstancesOn, meiliPidFile, startMeiliProcess } from "../../search/meili-process.server";
import { startServer, type TestServer } from "./support/server";

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function meiliPid(dir: string): number {
  return Number(fs.readFileSync(meiliPidFile(path.join(dir, "meili")), "utf8").trim());
}

interface Answer {
  status: number;
  body: string;
}

/**
 * A POST whose headers the server has parsed (it answered "100 Continue") but whose body has not
 * been sent: a request demonstrably in progress on the server. `finish()` sends the body.
 */
async function requestInProgress(baseUrl: string): Promise<{ finish(): Promise<Answer> }> {
  const body = "lang=en&redirectTo=%2Forganisations";
  const request = http.request(`${baseUrl}/lang`, {
    method: "POST",
    agent: false,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
      expect: "100-continue",
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
  answer.catch(() => {});
  await new Promise<void>((resolve, reject) => {
    request.once("continue", () => resolve());
    request.once("error", reject);
    request.flushHeaders();
  });
  return {
    finish: () => {
      request.end(body);
      return answer;
    },
  };
}

describe("a graceful stop", () => {
  it("under load, finishes the requests in progress, then stops Meilisearch and exits 0", async () => {
    const server = await startServer({ standalone: true });
    servers.push(server);
    const meili = meiliPid(server.dir);
    expect(isAlive(meili)).toBe(true);

    // Load: keep-alive clients asking for the directory as fast as it answers.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    let signalled = false;
    const load = { ok: 0, failedBeforeSignal: 0, incomplete: 0 };
    const loop = async () => {
      while (!signalled || load.ok === 0) {
        const result = await new Promise<"ok" | "error" | "incomplete">((resolve) => {
          const request = http.get(`${server.baseUrl}/organisations`, { agent }, (response) => {
            let length = 0;
            response.on("data", (chunk: Buffer) => (length += chunk.length));
            response.on("end", () => resolve(response.statusCode === 200 && length > 0 ? "ok" : "incomplete"));
            response.on("error", () => resolve("incomplete"));
          });
          request.on("error", () => resolve("error"));
        });
        if (result === "ok") load.ok++;
        else if (result === "incomplete") load.incomplete++;
        else if (!signalled) load.failedBeforeSignal++;
        else return; // refused: the server no longer accepts connections, as it should
      }
    };
    const loops = Array.from({ length: 8 }, loop);
    await vi.waitFor(() => expect(load.ok).toBeGreaterThan(8), { timeout: 30_000, interval: 20 });

    const inProgress = await Promise.all(Array.from({ length: 4 }, () => requestInProgress(server.baseUrl)));
    server.signal("SIGTERM");
    signalled = true;
    // The server is stopping now; the requests it had begun are still answered in full.
    const answers = await Promise.all(inProgress.map((r) => r.finish()));
    for (const answer of answers) expect(answer.status).toBe(302);

    const exit = await server.exited;
    await Promise.all(loops);
    agent.destroy();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(load.failedBeforeSignal).toBe(0);
    expect(load.incomplete).toBe(0);
    expect(isAlive(meili)).toBe(false);
    expect(server.output()).toContain("Stopped.");
  });
});

/**
 * Clients that keep their connections open and send one request after another, through a stop:
 * what became of every request. A request on a connection the server had answered on before is
 * never reset: it is answered, and the server ends the connection with `Connection: close`. A new
 * connection, once the server no longer listens, is refused; one the kernel had queued when the
 * listening socket closed is reset before the server ever read from it, which a client sees as a
 * refusal too (counted apart: `resetNew`).
 */
async function keepAliveClientsThrough(stop: () => void, baseUrl: string, clients = 8) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const seen = { answered: 0, closeAfterSignal: 0, refused: 0, resetNew: 0, resetKeptAlive: [] as string[] };
  let signalled = false;
  const client = async () => {
    for (;;) {
      const outcome = await new Promise<"answered" | "ended">((resolve) => {
        const request = http.get(`${baseUrl}/organisations`, { agent }, (response) => {
          response.resume();
          response.on("end", () => {
            seen.answered++;
            // An answer that came after the signal, whenever its request left: a cached page is
            // answered so fast that every client may have had its request on the way already.
            if (signalled && response.headers.connection === "close") seen.closeAfterSignal++;
            resolve("answered");
          });
          response.on("error", (error: NodeJS.ErrnoException) => {
            seen.resetKeptAlive.push(`${error.code} while reading an answer (reused: ${request.reusedSocket})`);
            resolve("ended");
          });
        });
        request.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code === "ECONNREFUSED") seen.refused++;
          else if (!request.reusedSocket) seen.resetNew++;
          else seen.resetKeptAlive.push(`${error.code}: ${error.message}`);
          resolve("ended");
        });
      });
      if (outcome === "ended") return;
    }
  };
  const running = Array.from({ length: clients }, client);
  await vi.waitFor(() => expect(seen.answered).toBeGreaterThan(clients * 3), { timeout: 60_000, interval: 20 });
  signalled = true;
  stop();
  await Promise.all(running);
  agent.destroy();
  return seen;
}

describe.each([
  { processes: "one process", workers: "1", to: "the process" },
  { processes: "two workers", workers: "2", to: "the primary" },
  { processes: "two workers", workers: "2", to: "the whole process group" },
])("a stop of $processes, signalled to $to, with keep-alive clients sending", ({ workers, to }) => {
  it("answers every request that arrives on an open connection, ends it with Connection: close, resets none, and exits 0", async () => {
    const server = await startServer({ env: { WEB_CONCURRENCY: workers, MEILI_DISABLED: "1" } });
    servers.push(server);
    const seen = await keepAliveClientsThrough(
      () => (to === "the whole process group" ? server.signalGroup("SIGTERM") : server.signal("SIGTERM")),
      server.baseUrl,
    );
    expect(seen.resetKeptAlive).toEqual([]);
    // Every client went on until the server no longer took its connections, and was told so first.
    expect(seen.refused + seen.resetNew).toBe(8);
    expect(seen.closeAfterSignal).toBeGreaterThan(0);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

describe("Meilisearch beside the server", () => {
  it("dies with a SIGKILLed server, and a new start never runs a second one on the same folder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-orphan-"));
    dirs.push(dir);
    const first = await startServer({ dir, standalone: true });
    servers.push(first);
    const firstMeili = meiliPid(dir);
    first.signal("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    // No orphan: the kernel ends the child with its parent.
    await vi.waitFor(() => expect(isAlive(firstMeili)).toBe(false), { timeout: 10_000, interval: 20 });

    // A Meilisearch left on the folder by something else (here: started by this test) is stopped
    // by the next start, not joined by a second one.
    const masterKey = fs.readFileSync(path.join(dir, "meili-master-key"), "utf8").trim();
    const stale = await startMeiliProcess({ dbPath: path.join(dir, "meili"), masterKey });
    expect(meiliInstancesOn(path.join(dir, "meili"))).toEqual([stale.pid]);

    const second = await startServer({ dir, standalone: true });
    servers.push(second);
    expect(isAlive(stale.pid)).toBe(false);
    const running = meiliInstancesOn(path.join(dir, "meili"));
    expect(running).toEqual([meiliPid(dir)]);
    expect(running).not.toContain(stale.pid);
    const health = (await (await fetch(`${second.baseUrl}/healthz`)).json()) as { search: { engine: string; status: string } };
    expect(health.search).toMatchObject({ engine: "meilisearch", status: "ok" });
  });
});
