import { actingOrganisations } from "./acting-organisations.server";
import type { DB } from "../../db/client.server";
import type { RegistrationStatus } from "../../db/schema";
import { registrationClosedReason, registrationsToPromote, statusForNewRegistration } from "../domain/waitlist";
import { promotedFromWaitlist, registrationConfirmed, registrationWaitlisted } from "./notices/meetings.server";

/**
 * Registration for a network meeting: a place or the waitlist, the registrations its conveners
 * see, and attendance. A registration counts the places taken and writes in one transaction that
 * takes the write lock first (decisions 013 and 014), so simultaneous ones never take more places
 * than there are.
 */

const nowIso = () => new Date().toISOString();

// --- Registration ------------------------------------------------------------------------------------

export type RegisterResult =
  { ok: true; status: RegistrationStatus } | { ok: false; error: "notMember" | "cancelled" | "deadlinePassed" | "alreadyRegistered" };

export async function confirmedCount(trx: DB, meetingId: number): Promise<number> {
  const row = await trx
    .selectFrom("meeting_registration")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Registers the user, acting for one of their own active organisations, for a place or, when the
 * meeting is full, for the waitlist. The count and the insert share one write transaction, so
 * simultaneous registrations cannot take more places than there are.
 */
export async function registerForMeeting({
  db,
  meetingId,
  userId,
  organisationId,
  needs,
  now = new Date(),
}: {
  db: DB;
  meetingId: number;
  userId: string;
  organisationId: number;
  needs: string;
  now?: Date;
}): Promise<RegisterResult | null> {
  return db.transaction().execute(async (trx) => {
    const meeting = await trx
      .selectFrom("meeting")
      .select(["id", "status", "registration_deadline", "capacity"])
      .where("id", "=", meetingId)
      .executeTakeFirst();
    if (!meeting) return null;
    const closed = registrationClosedReason({ status: meeting.status, registrationDeadline: meeting.registration_deadline, now });
    if (closed) return { ok: false, error: closed };
    const actingFor = (await actingOrganisations({ db: trx, userId })).find((o) => o.id === organisationId);
    if (!actingFor) return { ok: false, error: "notMember" };
    const existing = await trx
      .selectFrom("meeting_registration")
      .select("id")
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (existing) return { ok: false, error: "alreadyRegistered" };
    const status = statusForNewRegistration({ capacity: meeting.capacity, confirmed: await confirmedCount(trx, meetingId) });
    const { id } = await trx
      .insertInto("meeting_registration")
      .values({
        meeting_id: meetingId,
        user_id: userId,
        organisation_id: organisationId,
        status,
        needs: needs.trim() === "" ? null : needs.trim(),
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (status === "confirmed") {
      await registrationConfirmed({ db: trx, meetingId, userId, organisation: actingFor.name });
    } else {
      await registrationWaitlisted({ db: trx, meetingId, userId, position: await waitlistPosition(trx, meetingId, id) });
    }
    return { ok: true, status };
  });
}

/** A waiting registration's place in the queue, 1 for the first. */
async function waitlistPosition(db: DB, meetingId: number, registrationId: number): Promise<number> {
  const ahead = await db
    .selectFrom("meeting_registration")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "waitlisted")
    .where("id", "<", registrationId)
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}

/** Fills free places from the waitlist, earliest first, and tells each promoted person; their user ids. */
export async function promoteWaitlisted(trx: DB, meetingId: number): Promise<string[]> {
  const meeting = await trx.selectFrom("meeting").select(["capacity", "status"]).where("id", "=", meetingId).executeTakeFirstOrThrow();
  if (meeting.status === "cancelled") return [];
  const waitlist = await trx
    .selectFrom("meeting_registration")
    .select(["id", "user_id"])
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "waitlisted")
    .orderBy("id")
    .execute();
  const promoted = registrationsToPromote({ capacity: meeting.capacity, confirmed: await confirmedCount(trx, meetingId), waitlist });
  if (promoted.length === 0) return [];
  await trx
    .updateTable("meeting_registration")
    .set({ status: "confirmed", promoted_at: nowIso() })
    .where(
      "id",
      "in",
      promoted.map((p) => p.id),
    )
    .execute();
  const userIds = promoted.map((p) => p.user_id);
  await promotedFromWaitlist({ db: trx, meetingId, userIds });
  return userIds;
}

/** Withdraws the user's own registration; the first on the waitlist takes the place. */
export async function cancelRegistration({
  db,
  meetingId,
  userId,
}: {
  db: DB;
  meetingId: number;
  userId: string;
}): Promise<{ ok: true; promoted: number } | { ok: false; error: "notRegistered" }> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("meeting_registration").where("meeting_id", "=", meetingId).where("user_id", "=", userId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return { ok: false, error: "notRegistered" };
    return { ok: true, promoted: (await promoteWaitlisted(trx, meetingId)).length };
  });
}

/** The user's own registration for the meeting, with the place on the waitlist. */
export async function getOwnRegistration({ db, meetingId, userId }: { db: DB; meetingId: number; userId: string }) {
  const row = await db
    .selectFrom("meeting_registration")
    .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
    .select(["meeting_registration.id", "meeting_registration.status", "organisation.name as organisation_name"])
    .where("meeting_registration.meeting_id", "=", meetingId)
    .where("meeting_registration.user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    status: row.status,
    organisationName: row.organisation_name,
    waitlistPosition: row.status === "waitlisted" ? await waitlistPosition(db, meetingId, row.id) : null,
  };
}

/**
 * Everyone registered, in order. Needs are included only when asked for, and the route asks only
 * for coordinators.
 */
export async function listRegistrations({ db, meetingId, includeNeeds }: { db: DB; meetingId: number; includeNeeds: boolean }) {
  const rows = await db
    .selectFrom("meeting_registration")
    .innerJoin("user", "user.id", "meeting_registration.user_id")
    .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
    .select([
      "meeting_registration.id",
      "meeting_registration.status",
      "meeting_registration.needs",
      "meeting_registration.attended",
      "user.name as user_name",
      "organisation.name as organisation_name",
    ])
    .where("meeting_registration.meeting_id", "=", meetingId)
    .orderBy("meeting_registration.status")
    .orderBy("meeting_registration.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    name: r.user_name,
    organisationName: r.organisation_name,
    attended: r.attended,
    needs: includeNeeds ? r.needs : null,
  }));
}

/** Attendance: who of those registered came. Only people registered for this meeting can be marked. */
export async function recordAttendance({ db, meetingId, attendedRegistrationIds }: { db: DB; meetingId: number; attendedRegistrationIds: number[] }) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("meeting_registration").set({ attended: false }).where("meeting_id", "=", meetingId).execute();
    if (attendedRegistrationIds.length > 0) {
      await trx
        .updateTable("meeting_registration")
        .set({ attended: true })
        .where("meeting_id", "=", meetingId)
        .where("id", "in", attendedRegistrationIds)
        .execute();
    }
  });
}

/** Who came, by organisation: shown to signed-in members. */
export async function listAttendance({ db, meetingId }: { db: DB; meetingId: number }): Promise<{ name: string; organisationName: string }[]> {
  const rows = await db
    .selectFrom("meeting_registration")
    .innerJoin("user", "user.id", "meeting_registration.user_id")
    .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
    .select(["user.name", "organisation.name as organisation_name"])
    .where("meeting_registration.meeting_id", "=", meetingId)
    .where("meeting_registration.attended", "=", true)
    .orderBy("organisation.name")
    .orderBy("user.name")
    .execute();
  return rows.map((r) => ({ name: r.name, organisationName: r.organisation_name }));
}
