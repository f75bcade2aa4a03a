import type { DB } from "../db/client.server";
import type { EmailAttachment, MailTransport } from "./transport.server";
import { storedTime, storedTimeMillis } from "../db/timestamps";

export interface MailWorkerOptions {
  db: DB;
  send: MailTransport;
  /** Messages taken per round. */
  batchSize?: number;
  /** How long a worker holds the messages it took; another worker may take them after. */
  leaseMs?: number;
  /** Pause between rounds when nothing is due. */
  idleMs?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

export interface MailWorker {
  /** Sends what is due now; resolves with how many were sent. */
  drainOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Sends the e-mail outbox. Each round leases due rows in one transaction (so two workers never take
 * the same row), sends them one by one, renewing each row's lease just before sending it (and
 * skipping a row whose lease another worker has taken since), and marks each sent or schedules its
 * retry with backoff. A worker that dies mid-batch leaves its rows to be taken again once the lease
 * runs out. Delivery is at least once: a worker killed after the SMTP server accepted a message
 * and before the row was marked sent leaves it to be sent again (with the same Message-ID).
 */
export function startMailWorker(options: MailWorkerOptions & { autoStart?: boolean }): MailWorker {
  const { db, send, batchSize = 20, leaseMs = 60_000, idleMs = 1_000, baseBackoffMs = 2_000, maxBackoffMs = 10 * 60_000, now = Date.now } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  /** A leased row; `lease_until` is also the worker's token for it (a later lease is always later). */
  type LeasedRow = { id: number; to_address: string; subject: string; body_text: string; attachments: string | null; attempts: number; lease_until: string };

  async function lease(): Promise<LeasedRow[]> {
    const clock = now();
    const at = storedTime(clock);
    const until = storedTime(clock + leaseMs);
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("email_outbox")
        .select(["id", "to_address", "subject", "body_text", "attachments", "attempts"])
        .where("sent_at", "is", null)
        .where("next_attempt_at", "<=", at)
        .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
        .orderBy("id")
        .limit(batchSize)
        .execute();
      if (due.length === 0) return [];
      await trx
        .updateTable("email_outbox")
        .set({ lease_until: until })
        .where(
          "id",
          "in",
          due.map((row) => row.id),
        )
        .execute();
      return due.map((row) => ({ ...row, lease_until: until }));
    });
  }

  /**
   * Just before sending, renews the lease on one row if this worker still holds it. A batch that
   * outlasted its lease may have lost the row to another worker, which then sends it instead.
   */
  async function renew(row: LeasedRow): Promise<boolean> {
    const until = storedTime(now() + leaseMs);
    const result = await db
      .updateTable("email_outbox")
      .set({ lease_until: until })
      .where("id", "=", row.id)
      .where("lease_until", "=", row.lease_until)
      .where("sent_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    row.lease_until = until;
    return true;
  }

  async function drainOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await lease();
      if (batch.length === 0) return sent;
      for (const row of batch) {
        if (stopped) return sent;
        if (!(await renew(row))) continue;
        try {
          await send({
            id: row.id,
            to: row.to_address,
            subject: row.subject,
            text: row.body_text,
            attachments: row.attachments === null ? [] : (JSON.parse(row.attachments) as EmailAttachment[]),
          });
          await db
            .updateTable("email_outbox")
            .set({ sent_at: storedTime(now()), lease_until: null, last_error: null })
            .where("id", "=", row.id)
            .execute();
          sent += 1;
        } catch (error) {
          const attempts = row.attempts + 1;
          const delay = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.min(attempts - 1, 20));
          await db
            .updateTable("email_outbox")
            .set({ attempts, next_attempt_at: storedTime(now() + delay), lease_until: null, last_error: String(error).slice(0, 500) })
            .where("id", "=", row.id)
            .execute();
          // SMTP is most likely down for every message: wait for the next round. The rest of the
          // batch is handed back at once rather than held until its lease runs out.
          const untried = batch.slice(batch.indexOf(row) + 1);
          if (untried.length) {
            await db
              .updateTable("email_outbox")
              .set({ lease_until: null })
              .where(
                "id",
                "in",
                untried.map((r) => r.id),
              )
              .where("lease_until", "=", untried[0].lease_until)
              .where("sent_at", "is", null)
              .execute();
          }
          return sent;
        }
      }
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = drainOnce().catch(() => 0);
      void running.finally(schedule);
    }, idleMs);
    timer.unref();
  }
  if (options.autoStart !== false) schedule();

  return {
    drainOnce: () => {
      running = drainOnce();
      return running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => 0);
    },
  };
}

/** Messages not yet sent, and how old the oldest is (for /healthz). */
export async function mailBacklog(db: DB, now = Date.now()): Promise<{ length: number; oldestAgeSeconds: number }> {
  const row = await db
    .selectFrom("email_outbox")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.min("created_at").as("oldest")])
    .where("sent_at", "is", null)
    .executeTakeFirst();
  const oldest = row?.oldest == null ? null : storedTimeMillis(String(row.oldest));
  return { length: Number(row?.n ?? 0), oldestAgeSeconds: oldest === null ? 0 : Math.max(0, Math.round((now - oldest) / 1000)) };
}
