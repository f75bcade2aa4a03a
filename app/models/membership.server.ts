import type { DB } from "../../db/client.server";

export async function getMembership({ db, userId, organisationId }: { db: DB; userId: string; organisationId: number }) {
  return (
    (await db
      .selectFrom("membership")
      .selectAll()
      .where("user_id", "=", userId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst()) ?? null
  );
}

/** The organisations a user belongs to or has asked to join. */
export async function listMembershipsOfUser({ db, userId }: { db: DB; userId: string }) {
  return db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["organisation.slug", "organisation.name", "organisation.status as organisation_status", "membership.role", "membership.status"])
    .where("membership.user_id", "=", userId)
    .orderBy("organisation.name")
    .execute();
}

/** Organisations a user may ask to join: listed ones they have no membership in. */
export async function listJoinableOrganisations({ db, userId }: { db: DB; userId: string }) {
  return db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("status", "=", "active")
    .where("id", "not in", (eb) => eb.selectFrom("membership").select("organisation_id").where("user_id", "=", userId))
    .orderBy("name")
    .execute();
}

/** Asks to join a listed organisation; false when there is no such listed organisation. */
export async function requestToJoin({ db, userId, organisationId }: { db: DB; userId: string; organisationId: number }): Promise<boolean> {
  const organisation = await db
    .selectFrom("organisation")
    .select("id")
    .where("id", "=", organisationId)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!organisation) return false;
  await db
    .insertInto("membership")
    .values({ user_id: userId, organisation_id: organisationId, role: "editor", status: "pending", created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doNothing())
    .execute();
  return true;
}

export async function listMembers({ db, organisationId }: { db: DB; organisationId: number }) {
  return db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["user.id as user_id", "user.name", "user.email", "membership.role", "membership.status"])
    .where("membership.organisation_id", "=", organisationId)
    .orderBy("user.name")
    .execute();
}

/** An owner's decision on a pending request, scoped to the owner's organisation; false when there is no such request. */
export async function decideJoinRequest({
  db,
  organisationId,
  userId,
  approve,
}: {
  db: DB;
  organisationId: number;
  userId: string;
  approve: boolean;
}): Promise<boolean> {
  const pending = db
    .selectFrom("membership")
    .select("user_id")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .where("status", "=", "pending");
  if (!(await pending.executeTakeFirst())) return false;
  if (approve) {
    await db
      .updateTable("membership")
      .set({ status: "active" })
      .where("organisation_id", "=", organisationId)
      .where("user_id", "=", userId)
      .execute();
  } else {
    await db.deleteFrom("membership").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
  }
  return true;
}
