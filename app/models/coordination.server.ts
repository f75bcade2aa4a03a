import type { DB } from "../../db/client.server";
import { changedFacts, factsAsVerified } from "../domain/organisation";
import { recordAudit } from "./audit-log.server";
import { ownerCounts } from "./membership.server";
import { normaliseEmail } from "./user.server";
import { toOrganisationView } from "./organisation.server";
import { applicationRejected, ownerAppointed } from "./notices/organisations.server";
import { refuse, type Outcome } from "../domain/result";

/**
 * What a coordinator needs to decide on an organisation: its contact details, workforce share, and
 * who applied (the owners, with their e-mail). Rejected applications are listed apart. For one
 * whose verification an owner's edit ended: when, and which verified facts differ now.
 */
export async function listOrganisationsForReview({ db }: { db: DB }) {
  const organisations = await db
    .selectFrom("organisation")
    .leftJoin("user", "user.id", "organisation.verified_by")
    .selectAll("organisation")
    .select("user.name as verified_by_name")
    .orderBy("organisation.name")
    .execute();
  const applicantIds = organisations.filter((o) => o.status === "applicant").map((o) => o.id);
  const owners = applicantIds.length
    ? await db
        .selectFrom("membership")
        .innerJoin("user", "user.id", "membership.user_id")
        .select(["membership.organisation_id", "user.name", "user.email"])
        .where("membership.organisation_id", "in", applicantIds)
        .where("membership.role", "=", "owner")
        .where("membership.status", "=", "active")
        .orderBy("user.name")
        .execute()
    : [];
  return organisations.map(({ verified_kind, verified_org_number, verified_workforce_share, verified_workforce_share_date, verified_by_name, ...o }) => ({
    ...toOrganisationView({ ...o, verified_kind, verified_org_number, verified_workforce_share, verified_workforce_share_date }),
    verifiedByName: verified_by_name,
    applicants: owners.filter((m) => m.organisation_id === o.id).map(({ name, email }) => ({ name, email })),
    changedSinceVerified:
      o.verification_ended_at === null || o.verified_at !== null
        ? []
        : changedFacts(factsAsVerified({ verified_kind, verified_org_number, verified_workforce_share, verified_workforce_share_date }), o),
  }));
}

export type RejectResult = Outcome<{ kind: "notFound" }, { name: string }>;

/**
 * Turns an application down with a reason that the applicant sees on their organisation's page
 * and is told about (in the app and by e-mail), with how to apply again. The organisation stays
 * unlisted until it applies again and is approved.
 */
export async function rejectApplication({
  db,
  organisationId,
  coordinatorId,
  reason,
}: {
  db: DB;
  organisationId: number;
  coordinatorId: string;
  reason: string;
}): Promise<RejectResult> {
  return db.transaction().execute(async (trx): Promise<RejectResult> => {
    const row = await trx
      .updateTable("organisation")
      .set({ rejected_at: new Date().toISOString(), rejected_by: coordinatorId, rejection_reason: reason, updated_at: new Date().toISOString() })
      .where("id", "=", organisationId)
      .where("status", "=", "applicant")
      .where("rejected_at", "is", null)
      .returning(["name", "slug"])
      .executeTakeFirst();
    if (!row) return refuse({ kind: "notFound" });
    await applicationRejected({ db: trx, organisationId, reason });
    await recordAudit(trx, {
      actorUserId: coordinatorId,
      organisationId,
      entity: "organisation",
      entityId: organisationId,
      action: "rejected",
      details: { reason },
    });
    return { ok: true, name: row.name };
  });
}

/** Organisations with no active owner: nobody can manage their members until a coordinator appoints one. */
export async function listOrganisationsWithoutOwner({ db }: { db: DB }) {
  const [organisations, owners] = await Promise.all([
    db.selectFrom("organisation").select(["id", "name", "slug", "status"]).orderBy("name").execute(),
    ownerCounts({ db }),
  ]);
  return organisations.filter((o) => !owners.has(o.id));
}

export type AppointOwnerResult = Outcome<{ kind: "unknownOrganisation" | "unknownAccount" | "unverifiedAccount" }, { organisation: string; name: string }>;

/**
 * A coordinator makes an account an owner of an organisation: one that has no owner (its owner's
 * account is gone), or whose owner asked to be replaced. The account becomes an active owner
 * whatever it was before (a member, a waiting join request, or nothing); the appointment is in the
 * audit log with the coordinator as actor, and the new owner and the other members are told.
 */
export async function appointOwner({
  db,
  organisationId,
  email,
  coordinatorId,
}: {
  db: DB;
  organisationId: number;
  email: string;
  coordinatorId: string;
}): Promise<AppointOwnerResult> {
  return db.transaction().execute(async (trx): Promise<AppointOwnerResult> => {
    const organisation = await trx.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirst();
    if (!organisation) return refuse({ kind: "unknownOrganisation" });
    const user = await trx.selectFrom("user").select(["id", "name", "email_verified_at"]).where("email", "=", normaliseEmail(email)).executeTakeFirst();
    if (!user) return refuse({ kind: "unknownAccount" });
    // Acting for an organisation needs a confirmed address (decision 002).
    if (!user.email_verified_at) return refuse({ kind: "unverifiedAccount" });
    await trx
      .insertInto("membership")
      .values({ user_id: user.id, organisation_id: organisationId, role: "owner", status: "active", created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(["user_id", "organisation_id"]).doUpdateSet({ role: "owner", status: "active" }))
      .execute();
    await recordAudit(trx, { actorUserId: coordinatorId, organisationId, entity: "membership", entityId: user.id, action: "ownerAppointed" });
    await ownerAppointed({ db: trx, organisationId, userId: user.id, coordinatorId });
    return { ok: true, organisation: organisation.name, name: user.name };
  });
}
