import type { DB } from "../../db/client.server";
import { purgeExpiredNeeds, sendDueActionReminders, sendMeetingReminders } from "./meeting-followup.server";

export interface MeetingJobs {
  /** One round: reminders due now (of actions, and of meetings the day before), and needs past their retention. */
  runOnce(): Promise<{ reminders: number; meetingReminders: number; needsErased: number }>;
  stop(): Promise<void>;
}

/**
 * The meetings' periodic work, started by server.ts next to the mail worker: queue action and
 * meeting reminders (sent by the mail worker through the one outbox) and erase expired needs. Both steps
 * are idempotent, so running on several servers or after a restart sends nothing twice.
 */
export function startMeetingJobs({
  db,
  intervalMs = 15 * 60_000,
  now = () => new Date(),
  log = console,
}: {
  db: DB;
  intervalMs?: number;
  now?: () => Date;
  log?: Pick<Console, "warn">;
}): MeetingJobs {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  async function runOnce() {
    const at = now();
    const reminders = await sendDueActionReminders({ db, now: at });
    const meetingReminders = await sendMeetingReminders({ db, now: at });
    const needsErased = await purgeExpiredNeeds({ db, now: at });
    return { reminders, meetingReminders, needsErased };
  }
  const tick = () => {
    if (stopped) return;
    running = runOnce().catch((error: unknown) => log.warn(`Meeting jobs failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  const first = setTimeout(tick, 2_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
