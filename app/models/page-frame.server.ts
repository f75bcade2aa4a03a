import type { DB } from "../../db/client.server";

/**
 * What the frame of every signed-in page shows besides the user: the unread count under the bell
 * and how many join requests wait for the organisations the user owns. One statement for both,
 * as it runs on every page and every data request of a signed-in visitor.
 */
export async function getFrameCounts({ db, userId }: { db: DB; userId: string }): Promise<{ unreadNotifications: number; waitingJoinRequests: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("notification")
        .select((count) => count.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .as("unread"),
      eb
        .selectFrom("membership as waiting")
        .innerJoin("membership as own", "own.organisation_id", "waiting.organisation_id")
        .select((count) => count.fn.countAll<number>().as("n"))
        .where("own.user_id", "=", userId)
        .where("own.role", "=", "owner")
        .where("own.status", "=", "active")
        .where("waiting.status", "=", "pending")
        .as("waiting"),
    ])
    .executeTakeFirstOrThrow();
  return { unreadNotifications: Number(row.unread), waitingJoinRequests: Number(row.waiting) };
}
