import type { Kysely } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database, MembershipRole } from "../../db/schema";
import type { MemberView, OwnMembershipView } from "../domain/membership";
import { refuse, type Outcome } from "../domain/result";
import { recordAudit } from "./audit-log.server";
import { joinRequested, ownerWanted } from "./notices/organisations.server";

export async function getMembership({ db, userId, organisationId }: { db: DB; userId: string; organisationId: number }) {
  return (await db.selectFrom("membership").selectAll().where("user_id", "=", userId).where("organisation_id", "=", organisationId).executeTakeFirst()) ?? null;
}

/** The organisations a user belongs to or has asked to join. */
export async function listMembershipsOfUser({ db, userId }: { db: DB; userId: string }): Promise<OwnMembershipView[]> {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select([
      "organisation.slug",
      "organisation.name",
      "organisation.status as organisation_status",
      "organisation.rejected_at",
      "membership.role",
      "membership.status",
    ])
    .where("membership.user_id", "=", userId)
    .orderBy("organisation.name")
    .execute();
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    organisationStatus: row.organisation_status,
    organisationRejectedAt: row.rejected_at,
    role: row.role,
    status: row.status,
  }));
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

/**
 * Asks to join a listed organisation: who will decide, its owners or (when it has none) the
 * coordinators, who appoint one; null when there is no such listed organisation.
 */
export async function requestToJoin({
  db,
  userId,
  organisationId,
}: {
  db: DB;
  userId: string;
  organisationId: number;
}): Promise<{ decidedBy: "owners" | "coordinators" } | null> {
  const organisation = await db.selectFrom("organisation").select("id").where("id", "=", organisationId).where("status", "=", "active").executeTakeFirst();
  if (!organisation) return null;
  return db.transaction().execute(async (trx) => {
    const owners = await ownerIds(trx, organisationId);
    const decidedBy = owners.length > 0 ? ("owners" as const) : ("coordinators" as const);
    const inserted = await trx
      .insertInto("membership")
      .values({ user_id: userId, organisation_id: organisationId, role: "editor", status: "pending", created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await joinRequested({ db: trx, organisationId, userId, owners });
    return { decidedBy };
  });
}

export async function listMembers({ db, organisationId }: { db: DB; organisationId: number }): Promise<MemberView[]> {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select(["user.id as user_id", "user.name", "user.email", "membership.role", "membership.status"])
    .where("membership.organisation_id", "=", organisationId)
    .orderBy("user.name")
    .execute();
  return rows.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, role: row.role, status: row.status }));
}

/**
 * An owner's decision on a pending request, scoped to the owner's organisation; false when there
 * is no such request. The deciding owner (`actorUserId`) is the audit log's actor.
 */
export async function decideJoinRequest({
  db,
  organisationId,
  userId,
  approve,
  actorUserId,
}: {
  db: DB;
  organisationId: number;
  userId: string;
  approve: boolean;
  actorUserId: string;
}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const pending = trx
      .selectFrom("membership")
      .select("user_id")
      .where("organisation_id", "=", organisationId)
      .where("user_id", "=", userId)
      .where("status", "=", "pending");
    if (!(await pending.executeTakeFirst())) return false;
    if (approve) {
      await trx.updateTable("membership").set({ status: "active" }).where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
    } else {
      await trx.deleteFrom("membership").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
    }
    await recordAudit(trx, { actorUserId, organisationId, entity: "membership", entityId: userId, action: approve ? "approved" : "rejected" });
    return true;
  });
}

/** How many active owners each organisation has (organisations with none are not in the map). */
export async function ownerCounts({ db, organisationIds }: { db: Kysely<Database>; organisationIds?: readonly number[] }): Promise<Map<number, number>> {
  if (organisationIds?.length === 0) return new Map();
  let query = db
    .selectFrom("membership")
    .select((eb) => ["organisation_id", eb.fn.countAll<number>().as("owners")])
    .where("role", "=", "owner")
    .where("status", "=", "active");
  if (organisationIds) query = query.where("organisation_id", "in", [...organisationIds]);
  const rows = await query.groupBy("organisation_id").execute();
  return new Map(rows.map((r) => [r.organisation_id, Number(r.owners)]));
}

/**
 * The organisations of which the user is the only active owner: they would be left without one if
 * the user left, so deleting the account is refused until someone else owns them.
 */
export async function organisationsOnlyOwnedBy({ db, userId }: { db: Kysely<Database>; userId: string }) {
  const owned = await db
    .selectFrom("membership")
    .innerJoin("organisation", "organisation.id", "membership.organisation_id")
    .select(["organisation.id", "organisation.name", "organisation.slug"])
    .where("membership.user_id", "=", userId)
    .where("membership.role", "=", "owner")
    .where("membership.status", "=", "active")
    .orderBy("organisation.name")
    .execute();
  const owners = await ownerCounts({ db, organisationIds: owned.map((o) => o.id) });
  return owned.filter((o) => owners.get(o.id) === 1);
}

/** The sole owner who wants to leave asks the coordinators to appoint another owner of each organisation only they own. */
export async function askForOwner({ db, userId }: { db: DB; userId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const organisations = await organisationsOnlyOwnedBy({ db: trx, userId });
    await ownerWanted({ db: trx, organisationIds: organisations.map((o) => o.id), userId });
  });
}

async function ownerIds(db: Kysely<Database>, organisationId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("membership")
    .select("user_id")
    .where("organisation_id", "=", organisationId)
    .where("role", "=", "owner")
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => r.user_id);
}

/** Waiting join requests in the organisations the user owns, by organisation, for where the owner lands. */
export async function countPendingJoinRequestsForOwner({ db, userId }: { db: DB; userId: string }) {
  const rows = await db
    .selectFrom("membership as waiting")
    .innerJoin("membership as own", (join) =>
      join
        .onRef("own.organisation_id", "=", "waiting.organisation_id")
        .on("own.user_id", "=", userId)
        .on("own.role", "=", "owner")
        .on("own.status", "=", "active"),
    )
    .innerJoin("organisation", "organisation.id", "waiting.organisation_id")
    .select(["organisation.slug", "organisation.name", (eb) => eb.fn.countAll<number>().as("n")])
    .where("waiting.status", "=", "pending")
    .groupBy(["organisation.id", "organisation.slug", "organisation.name"])
    .orderBy("organisation.name")
    .execute();
  const byOrganisation = rows.map((r) => ({ slug: r.slug, name: r.name, count: Number(r.n) }));
  return { total: byOrganisation.reduce((sum, r) => sum + r.count, 0), byOrganisation };
}

export type MemberChangeResult = Outcome<{ kind: "notFound" | "lastOwner" }>;

/**
 * Changes an active member's role. An organisation always keeps at least one owner: demoting the
 * last one is refused. Checked and changed in one transaction, so two owners demoting each other
 * at once cannot both succeed.
 */
export async function changeMemberRole({
  db,
  organisationId,
  userId,
  role,
}: {
  db: DB;
  organisationId: number;
  userId: string;
  role: MembershipRole;
}): Promise<MemberChangeResult> {
  return db.transaction().execute(async (trx): Promise<MemberChangeResult> => {
    const member = await activeMember(trx, organisationId, userId);
    if (!member) return refuse({ kind: "notFound" });
    if (member.role === "owner" && role !== "owner" && (await ownerIds(trx, organisationId)).length <= 1) {
      return refuse({ kind: "lastOwner" });
    }
    await trx.updateTable("membership").set({ role }).where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
    return { ok: true } as const;
  });
}

/** Removes an active member (an owner may remove themselves), never the last owner. */
export async function removeMember({ db, organisationId, userId }: { db: DB; organisationId: number; userId: string }): Promise<MemberChangeResult> {
  return db.transaction().execute(async (trx): Promise<MemberChangeResult> => {
    const member = await activeMember(trx, organisationId, userId);
    if (!member) return refuse({ kind: "notFound" });
    if (member.role === "owner" && (await ownerIds(trx, organisationId)).length <= 1) {
      return refuse({ kind: "lastOwner" });
    }
    await trx.deleteFrom("membership").where("organisation_id", "=", organisationId).where("user_id", "=", userId).execute();
    return { ok: true } as const;
  });
}

function activeMember(db: Kysely<Database>, organisationId: number, userId: string) {
  return db
    .selectFrom("membership")
    .select(["role"])
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .where("status", "=", "active")
    .executeTakeFirst();
}
