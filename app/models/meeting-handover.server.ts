import type { DB } from "../../db/client.server";
import { conveningHandedOver } from "./notices/meetings.server";

/**
 * Handing the convening of future meetings from one organisation to another, and who convened
 * what.
 */

// --- Convener handover ------------------------------------------------------------------------------

export type HandoverResult = { ok: true; moved: number } | { ok: false; error: "unknownConvener" };

async function convenerPair(db: DB, fromOrganisationId: number, toOrganisationId: number) {
  return db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("id", "in", [fromOrganisationId, toOrganisationId])
    .where("kind", "in", ["support", "buyer"])
    .where("status", "=", "active")
    .execute();
}

/** The future, scheduled meetings an organisation convenes: what a handover from it moves. */
function meetingsConvenedFrom(db: DB, fromOrganisationId: number, now: Date) {
  return db
    .selectFrom("meeting")
    .innerJoin("meeting_convener", "meeting_convener.meeting_id", "meeting.id")
    .select(["meeting.id", "meeting.title", "meeting.starts_at as startsAt"])
    .where("meeting_convener.organisation_id", "=", fromOrganisationId)
    .where("meeting.starts_at", ">", now.toISOString())
    .where("meeting.status", "=", "scheduled")
    .orderBy("meeting.starts_at")
    .execute();
}

/**
 * What a handover would do, for the coordinator to confirm first: the two organisations' names and
 * the meetings that would move. Null when either is not an organisation that can convene.
 */
export async function previewHandover({
  db,
  fromOrganisationId,
  toOrganisationId,
  now = new Date(),
}: {
  db: DB;
  fromOrganisationId: number;
  toOrganisationId: number;
  now?: Date;
}) {
  const pair = await convenerPair(db, fromOrganisationId, toOrganisationId);
  if (pair.length !== 2) return null;
  return {
    fromName: pair.find((o) => o.id === fromOrganisationId)!.name,
    toName: pair.find((o) => o.id === toOrganisationId)!.name,
    meetings: await meetingsConvenedFrom(db, fromOrganisationId, now),
  };
}

/**
 * Moves the convening of every future, scheduled meeting from one organisation to another. Past
 * meetings keep who convened them; the handover itself is recorded with who made it and when, and
 * the members of both organisations are told which meetings moved.
 */
export async function handOverConvening({
  db,
  fromOrganisationId,
  toOrganisationId,
  userId,
  now = new Date(),
}: {
  db: DB;
  fromOrganisationId: number;
  toOrganisationId: number;
  userId: string | null;
  now?: Date;
}): Promise<HandoverResult> {
  return db.transaction().execute(async (trx) => {
    if ((await convenerPair(trx, fromOrganisationId, toOrganisationId)).length !== 2) return { ok: false, error: "unknownConvener" };
    const ids = (await meetingsConvenedFrom(trx, fromOrganisationId, now)).map((m) => m.id);
    if (ids.length > 0) {
      await trx.deleteFrom("meeting_convener").where("organisation_id", "=", fromOrganisationId).where("meeting_id", "in", ids).execute();
      await trx
        .insertInto("meeting_convener")
        .values(ids.map((meeting_id) => ({ meeting_id, organisation_id: toOrganisationId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .updateTable("meeting")
        .set((eb) => ({ sequence: eb("sequence", "+", 1), updated_at: now.toISOString() }))
        .where("id", "in", ids)
        .execute();
    }
    await trx
      .insertInto("convener_handover")
      .values({
        from_organisation_id: fromOrganisationId,
        to_organisation_id: toOrganisationId,
        meetings_moved: ids.length,
        handed_over_by: userId,
        handed_over_at: now.toISOString(),
      })
      .execute();
    await conveningHandedOver({ db: trx, fromOrganisationId, toOrganisationId, meetingIds: ids, byUserId: userId });
    return { ok: true, moved: ids.length };
  });
}

export async function listHandovers({ db }: { db: DB }) {
  return db
    .selectFrom("convener_handover")
    .innerJoin("organisation as from_org", "from_org.id", "convener_handover.from_organisation_id")
    .innerJoin("organisation as to_org", "to_org.id", "convener_handover.to_organisation_id")
    .leftJoin("user", "user.id", "convener_handover.handed_over_by")
    .select([
      "convener_handover.id",
      "convener_handover.handed_over_at as handedOverAt",
      "convener_handover.meetings_moved as meetingsMoved",
      "from_org.name as fromName",
      "to_org.name as toName",
      "user.name as byName",
    ])
    .orderBy("convener_handover.handed_over_at", "desc")
    .execute();
}

/** Who convened how many meetings, past and future: the convening history in numbers. */
export async function convenerHistory({ db }: { db: DB }) {
  const rows = await db
    .selectFrom("meeting_convener")
    .innerJoin("meeting", "meeting.id", "meeting_convener.meeting_id")
    .innerJoin("organisation", "organisation.id", "meeting_convener.organisation_id")
    .select(["meeting.id", "meeting.title", "meeting.starts_at", "organisation.name"])
    .orderBy("meeting.starts_at", "desc")
    .execute();
  const byMeeting = new Map<number, { id: number; title: string; startsAt: string; conveners: string[] }>();
  for (const r of rows) {
    const entry = byMeeting.get(r.id) ?? { id: r.id, title: r.title, startsAt: r.starts_at, conveners: [] };
    entry.conveners.push(r.name);
    byMeeting.set(r.id, entry);
  }
  return [...byMeeting.values()];
}
