import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail, notifyUsers } from "../../app/models/notification.server";
import { createUser } from "../../app/models/user.server";
import type { DB } from "../../db/client.server";
import { startMailWorker } from "../../mail/outbox-worker.server";
import { createMailTransport } from "../../mail/transport.server";
import { freePort } from "../../search/meili-process.server";
import { startTestSmtp } from "../support/smtp";
import { openTestDatabase } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-mail-"));

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
});
afterAll(async () => {
  await close();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

describe("e-mail outbox over SMTP", () => {
  it("keeps every message while SMTP is down and delivers each exactly once when it is back", async () => {
    const users: string[] = [];
    for (let i = 0; i < 3; i++) users.push((await createUser({ db, email: `reader${i}@example.org`, name: `Reader ${i}`, password: "demo-password" }))!.id);
    await db.transaction().execute(async (trx) => {
      await notifyUsers({ db: trx, userIds: users, message: { key: "requests.notify.published", vars: { title: "Sallader" }, link: "/requests/1" } });
      for (let i = 0; i < 4; i++) await enqueueEmail({ db: trx, to: `buyer${i}@example.org`, subject: `Ämne ${i}`, text: "Hej" });
    });
    const queued = await db.selectFrom("email_outbox").select("id").execute();
    expect(queued).toHaveLength(7);

    const port = await freePort();
    let clock = Date.now();
    const worker = startMailWorker({
      db,
      send: createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}?connectionTimeout=2000&greetingTimeout=2000`, mailDir }),
      autoStart: false,
      now: () => clock,
      baseBackoffMs: 1_000,
    });

    // Nobody listens: nothing is sent, nothing is lost, and the message tried is put off.
    expect(await worker.drainOnce()).toBe(0);
    const afterFailure = await db.selectFrom("email_outbox").select(["sent_at", "attempts", "last_error", "next_attempt_at"]).orderBy("id").execute();
    expect(afterFailure.every((r) => r.sent_at === null)).toBe(true);
    expect(afterFailure[0].attempts).toBe(1);
    expect(afterFailure[0].last_error).toBeTruthy();
    expect(Date.parse(afterFailure[0].next_attempt_at)).toBeGreaterThan(clock);

    const smtp = await startTestSmtp(port);
    try {
      // Before the backoff has passed the failed message waits; the rest may go.
      clock += 60_000;
      let sent = 0;
      for (let round = 0; round < 5 && sent < 7; round++) sent += await worker.drainOnce();
      expect(sent).toBe(7);
      expect(await worker.drainOnce()).toBe(0);
      clock += 24 * 3_600_000;
      expect(await worker.drainOnce()).toBe(0);

      const ids = smtp.received.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(7);
      expect(ids.sort()).toEqual(queued.map((q) => `<outbox-${q.id}@social-trade-lund.invalid>`).sort());
      expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(
        [...users.map((_, i) => `reader${i}@example.org`), ...[0, 1, 2, 3].map((i) => `buyer${i}@example.org`)].sort(),
      );
      const rows = await db.selectFrom("email_outbox").select(["sent_at", "lease_until"]).execute();
      expect(rows.every((r) => r.sent_at !== null && r.lease_until === null)).toBe(true);
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });

  it("sends a notification's e-mail only to users who keep e-mail on", async () => {
    const on = (await createUser({ db, email: "on@example.org", name: "On", password: "demo-password" }))!.id;
    const off = (await createUser({ db, email: "off@example.org", name: "Off", password: "demo-password" }))!.id;
    await db.updateTable("user").set({ email_notifications: false }).where("id", "=", off).execute();
    const before = await db.selectFrom("email_outbox").select("id").execute();
    await notifyUsers({ db, userIds: [on, off], message: { key: "requests.notify.answer", vars: { title: "T" }, link: "/requests/1" } });
    const added = await db
      .selectFrom("email_outbox")
      .select("to_address")
      .where("id", ">", Math.max(0, ...before.map((b) => b.id)))
      .execute();
    expect(added.map((a) => a.to_address)).toEqual(["on@example.org"]);
    expect(await db.selectFrom("notification").select("id").where("user_id", "in", [on, off]).execute()).toHaveLength(2);
  });
});
