import type { DB } from "../../db/client.server";
import { changedFacts, factsAsVerified } from "../domain/organisation";
import { recordAudit } from "./audit-log.server";
import { notifyUsers } from "./notification.server";

/**
 * What a coordinator needs to decide on an organisation: its contact details, workforce share, and
 * who applied (the owners, with their e-mail). Rejected applications are listed apart. For one
 * whose verification an owner's edit ended: when, and which verified facts differ now.
 */
export async function listOrganisationsForReview({ db }: { db: DB }) {
  const organisations = await db
    .selectFrom("organisation")
    .leftJoin("user", "user.id", "organisation.verified_by")
    .select([
      "organisation.id",
      "organisation.slug",
      "organisation.name",
      "organisation.kind",
      "organisation.org_number",
      "organisation.status",
      "organisation.contact_email",
      "organisation.contact_phone",
      "organisation.website",
      "organisation.workforce_share",
      "organisation.workforce_share_date",
      "organisation.verified_at",
      "organisation.verified_kind",
      "organisation.verified_org_number",
      "organisation.verified_workforce_share",
      "organisation.verified_workforce_share_date",
      "organisation.verification_ended_at",
      "organisation.rejected_at",
      "organisation.rejection_reason",
      "organisation.created_at",
      "user.name as verified_by_name",
    ])
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
  return organisations.map(({ verified_kind, verified_org_number, verified_workforce_share, verified_workforce_share_date, ...o }) => ({
    ...o,
    applicants: owners.filter((m) => m.organisation_id === o.id).map(({ name, email }) => ({ name, email })),
    changedSinceVerified:
      o.verification_ended_at === null || o.verified_at !== null
        ? []
        : changedFacts(factsAsVerified({ verified_kind, verified_org_number, verified_workforce_share, verified_workforce_share_date }), o),
  }));
}

export type RejectResult = { ok: true; name: string } | { ok: false; error: "notFound" };

/**
 * Turns an application down with a reason that the applicant sees on their organisation's page
 * and is told about (in the app and by e-mail). The organisation stays unlisted.
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
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("organisation")
      .set({ rejected_at: new Date().toISOString(), rejected_by: coordinatorId, rejection_reason: reason, updated_at: new Date().toISOString() })
      .where("id", "=", organisationId)
      .where("status", "=", "applicant")
      .returning(["name", "slug"])
      .executeTakeFirst();
    if (!row) return { ok: false, error: "notFound" } as const;
    const owners = await trx
      .selectFrom("membership")
      .select("user_id")
      .where("organisation_id", "=", organisationId)
      .where("status", "=", "active")
      .execute();
    await notifyUsers({
      db: trx,
      userIds: owners.map((o) => o.user_id),
      message: { key: "coordinator.rejectedNotice", vars: { name: row.name }, link: `/organisations/${row.slug}` },
    });
    await recordAudit(trx, { actorUserId: coordinatorId, organisationId, entity: "organisation", entityId: organisationId, action: "rejected" });
    return { ok: true, name: row.name } as const;
  });
}
