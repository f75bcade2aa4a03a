import type { DB } from "../../db/client.server";
import { refuse, type Outcome } from "../domain/result";
import type { Organisation } from "../../db/schema";
import { recordOrganisationChange } from "../../search/changes.server";
import { recordAudit } from "./audit-log.server";
import { organisationApplied, organisationApproved, organisationVerified } from "./notices/organisations.server";
import { replaceTargetGroups, targetGroupsOf } from "./target-groups.server";
import {
  changedFacts,
  factsAsVerified,
  RESERVED_CONTRACT_THRESHOLD,
  slugify,
  supplierKinds,
  type OrganisationKind,
  type OrganisationStatus,
  type OrganisationView,
} from "../domain/organisation";

export interface OrganisationProfileInput {
  name: string;
  orgNumber: string;
  kind: OrganisationKind;
  description: string;
  contactEmail: string | null;
  contactPhone: string | null;
  website: string | null;
  serviceAreas: string[];
  /** In the order written; the form takes them comma-separated. */
  targetGroups: string[];
  workforceShare: number | null;
  workforceShareDate: string | null;
}

export type ProfileWriteResult = Outcome<{ kind: "orgNumberTaken" | "notFound" }, { id: number; slug: string; verificationEnded?: boolean }>;

const now = () => new Date().toISOString();

function profileColumns(input: OrganisationProfileInput) {
  return {
    name: input.name,
    org_number: input.orgNumber,
    kind: input.kind,
    description: input.description,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    website: input.website,
    workforce_share: input.workforceShare,
    workforce_share_date: input.workforceShare === null ? null : input.workforceShareDate,
  };
}

async function orgNumberTaken(db: Pick<DB, "selectFrom">, orgNumber: string, exceptId?: number) {
  let q = db.selectFrom("organisation").select("id").where("org_number", "=", orgNumber);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

async function uniqueSlug(db: Pick<DB, "selectFrom">, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set((await db.selectFrom("organisation").select("slug").where("slug", "like", `${base}%`).execute()).map((r) => r.slug));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** Registers an organisation as an applicant, with the registering user as its owner (and the audit log's actor). */
export async function createOrganisation({
  db,
  ownerUserId,
  input,
  status = "applicant",
  isExample = false,
}: {
  db: DB;
  ownerUserId: string | null;
  input: OrganisationProfileInput;
  status?: Extract<OrganisationStatus, "applicant" | "active">;
  isExample?: boolean;
}): Promise<ProfileWriteResult> {
  return db.transaction().execute(async (trx): Promise<ProfileWriteResult> => {
    if (await orgNumberTaken(trx, input.orgNumber)) return refuse({ kind: "orgNumberTaken" });
    const slug = await uniqueSlug(trx, input.name);
    const timestamp = now();
    const { id } = await trx
      .insertInto("organisation")
      .values({
        ...profileColumns(input),
        slug,
        status,
        approved_at: status === "active" ? timestamp : null,
        is_example: isExample,
        created_at: timestamp,
        updated_at: timestamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.serviceAreas.length) {
      await trx
        .insertInto("organisation_service_area")
        .values(input.serviceAreas.map((area) => ({ organisation_id: id, area })))
        .execute();
    }
    await replaceTargetGroups(trx, id, input.targetGroups);
    if (ownerUserId) {
      await trx
        .insertInto("membership")
        .values({ user_id: ownerUserId, organisation_id: id, role: "owner", status: "active", created_at: timestamp })
        .execute();
    }
    await recordOrganisationChange(trx, id);
    await recordAudit(trx, { actorUserId: ownerUserId, organisationId: id, entity: "organisation", entityId: id, action: "registered" });
    if (status === "applicant") await organisationApplied({ db: trx, organisationId: id, userId: ownerUserId, again: false });
    return { ok: true, id, slug };
  });
}

/**
 * Saves the profile. When the organisation is verified and the change touches a verified fact
 * (kind, organisation number, workforce share or its date), the verification ends in the same
 * transaction: the badges go, the share shows as self-declared, and the coordinators' page shows
 * the facts as verified beside the new ones until a coordinator verifies again.
 */
export async function updateOrganisationProfile({
  db,
  organisationId,
  actorUserId,
  input,
}: {
  db: DB;
  organisationId: number;
  actorUserId: string | null;
  input: OrganisationProfileInput;
}): Promise<ProfileWriteResult> {
  return db.transaction().execute(async (trx): Promise<ProfileWriteResult> => {
    if (await orgNumberTaken(trx, input.orgNumber, organisationId)) return refuse({ kind: "orgNumberTaken" });
    const before = await trx.selectFrom("organisation").selectAll().where("id", "=", organisationId).executeTakeFirst();
    if (!before) return refuse({ kind: "notFound" });
    const columns = profileColumns(input);
    const changed = before.verified_at === null ? [] : changedFacts(factsAsVerified(before), columns);
    const timestamp = now();
    const ended = changed.length > 0 ? { verified_at: null, verified_by: null, verification_ended_at: timestamp } : {};
    const row = await trx
      .updateTable("organisation")
      .set({ ...columns, ...ended, updated_at: timestamp })
      .where("id", "=", organisationId)
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    await trx.deleteFrom("organisation_service_area").where("organisation_id", "=", organisationId).execute();
    if (input.serviceAreas.length) {
      await trx
        .insertInto("organisation_service_area")
        .values(input.serviceAreas.map((area) => ({ organisation_id: organisationId, area })))
        .execute();
    }
    await replaceTargetGroups(trx, organisationId, input.targetGroups);
    await recordOrganisationChange(trx, organisationId);
    await recordAudit(trx, { actorUserId, organisationId, entity: "organisation", entityId: organisationId, action: "updated" });
    if (changed.length > 0) {
      const details = Object.fromEntries(changed.map((c) => [c.fact, `${c.verified ?? "–"} → ${c.now ?? "–"}`]));
      await recordAudit(trx, { actorUserId, organisationId, entity: "organisation", entityId: organisationId, action: "verificationEnded", details });
    }
    return { ok: true, id: row.id, slug: row.slug, verificationEnded: changed.length > 0 };
  });
}

export async function getOrganisationBySlug({ db, slug }: { db: DB; slug: string }) {
  return (await db.selectFrom("organisation").selectAll().where("slug", "=", slug).executeTakeFirst()) ?? null;
}

/**
 * An organisation as pages and rules read it: the stored row in the domain's words. Every read of
 * the organisation aggregate for a page goes through here, so the columns' names stay in the models.
 */
export function toOrganisationView(row: Organisation): OrganisationView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    orgNumber: row.org_number,
    kind: row.kind,
    status: row.status,
    description: row.description,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    website: row.website,
    workforceShare: row.workforce_share,
    workforceShareDate: row.workforce_share_date,
    verifiedAt: row.verified_at,
    verificationEndedAt: row.verification_ended_at,
    rejectedAt: row.rejected_at,
    rejectionReason: row.rejection_reason,
    isExample: row.is_example,
    createdAt: row.created_at,
  };
}

/** Everything the profile page shows beside the organisation row itself. */
export async function organisationProfileDetails({ db, organisation }: { db: DB; organisation: Organisation }) {
  const [serviceAreas, targetGroups, logo] = await Promise.all([
    db.selectFrom("organisation_service_area").select("area").where("organisation_id", "=", organisation.id).orderBy("area").execute(),
    targetGroupsOf(db, [organisation.id]),
    db.selectFrom("organisation_logo").select("updated_at").where("organisation_id", "=", organisation.id).executeTakeFirst(),
  ]);
  return {
    organisation: toOrganisationView(organisation),
    serviceAreas: serviceAreas.map((r) => r.area),
    targetGroups: targetGroups.get(organisation.id) ?? [],
    logoVersion: logo?.updated_at ?? null,
  };
}

export async function networkStatistics({ db }: { db: DB }) {
  const [orgs, offerings, reserved] = await Promise.all([
    // Suppliers only: buyers and support organisations are part of the network but sell nothing.
    db
      .selectFrom("organisation")
      .where("status", "=", "active")
      .where("kind", "in", [...supplierKinds])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
    db
      .selectFrom("offering")
      .innerJoin("organisation", "organisation.id", "offering.organisation_id")
      .where("organisation.status", "=", "active")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
    db
      .selectFrom("organisation")
      .where("status", "=", "active")
      .where("workforce_share", ">=", RESERVED_CONTRACT_THRESHOLD)
      .where("verified_at", "is not", null)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
  ]);
  return { organisations: Number(orgs?.n ?? 0), offerings: Number(offerings?.n ?? 0), reserved: Number(reserved?.n ?? 0) };
}

// --- Logo ---------------------------------------------------------------------------------------

export async function setOrganisationLogo({
  db,
  organisationId,
  actorUserId,
  mimeType,
  bytes,
}: {
  db: DB;
  organisationId: number;
  actorUserId: string | null;
  mimeType: string;
  bytes: Buffer;
}) {
  await db.transaction().execute(async (trx) => {
    const timestamp = now();
    await trx
      .insertInto("organisation_logo")
      .values({ organisation_id: organisationId, mime_type: mimeType, bytes, updated_at: timestamp })
      .onConflict((oc) => oc.column("organisation_id").doUpdateSet({ mime_type: mimeType, bytes, updated_at: timestamp }))
      .execute();
    await recordOrganisationChange(trx, organisationId);
    await recordAudit(trx, { actorUserId, organisationId, entity: "organisation", entityId: organisationId, action: "logoChanged" });
  });
}

export async function removeOrganisationLogo({ db, organisationId, actorUserId }: { db: DB; organisationId: number; actorUserId: string | null }) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("organisation_logo").where("organisation_id", "=", organisationId).execute();
    await recordOrganisationChange(trx, organisationId);
    await recordAudit(trx, { actorUserId, organisationId, entity: "organisation", entityId: organisationId, action: "logoRemoved" });
  });
}

export async function getOrganisationLogo({ db, organisationId }: { db: DB; organisationId: number }) {
  const row = await db
    .selectFrom("organisation_logo")
    .select(["mime_type", "bytes", "updated_at"])
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row ? { mimeType: row.mime_type, bytes: row.bytes, updatedAt: row.updated_at } : null;
}

// --- Coordination -------------------------------------------------------------------------------

async function setStatus(
  db: DB,
  organisationId: number,
  {
    verifiedFacts,
    ...changes
  }: {
    status?: Exclude<OrganisationStatus, "applicant">;
    approved_at?: string;
    approved_by?: string;
    verified_at?: string;
    verified_by?: string;
    /** Keep the facts as they are now as the verified ones (a verification). */
    verifiedFacts?: true;
  },
  from: OrganisationStatus[],
  audit: { coordinatorId: string; action: "approved" | "verified" | "deactivated" | "reactivated" },
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("organisation")
      .set((eb) => ({
        ...changes,
        ...(verifiedFacts
          ? {
              verified_kind: eb.ref("kind"),
              verified_org_number: eb.ref("org_number"),
              verified_workforce_share: eb.ref("workforce_share"),
              verified_workforce_share_date: eb.ref("workforce_share_date"),
              verification_ended_at: null,
            }
          : {}),
        updated_at: now(),
      }))
      .where("id", "=", organisationId)
      .where("status", "in", from)
      .returning("name")
      .executeTakeFirst();
    if (!row) return null;
    await recordOrganisationChange(trx, organisationId);
    await recordAudit(trx, { actorUserId: audit.coordinatorId, organisationId, entity: "organisation", entityId: organisationId, action: audit.action });
    if (audit.action === "approved") await organisationApproved({ db: trx, organisationId });
    if (audit.action === "verified") await organisationVerified({ db: trx, organisationId, at: new Date(changes.verified_at!) });
    return row.name;
  });
}

/**
 * The status changes below return the organisation's name, or null when there is no such
 * organisation in a state the change applies to. The coordinator is the audit log's actor.
 */

/** Lists an applicant in the directory. */
export function approveOrganisation({ db, organisationId, coordinatorId }: { db: DB; organisationId: number; coordinatorId: string }) {
  return setStatus(db, organisationId, { status: "active", approved_at: now(), approved_by: coordinatorId }, ["applicant"], {
    coordinatorId,
    action: "approved",
  });
}

/**
 * Records that a coordinator has checked the organisation's details, and who and when. Only for
 * an approved organisation: an applicant is approved or rejected first, so a stale page
 * or a hand-made post cannot put the badge on an application.
 */
export function verifyOrganisation({ db, organisationId, coordinatorId }: { db: DB; organisationId: number; coordinatorId: string }) {
  return setStatus(db, organisationId, { verified_at: now(), verified_by: coordinatorId, verifiedFacts: true }, ["active"], {
    coordinatorId,
    action: "verified",
  });
}

/**
 * A rejected application is sent in again by one of its members, after correcting what the reason
 * named: the rejection is cleared (the audit log keeps it, with its reason) and the coordinators
 * decide again. False when the organisation has no rejected application.
 */
export async function applyAgain({ db, organisationId, userId }: { db: DB; organisationId: number; userId: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("organisation")
      .select("rejection_reason")
      .where("id", "=", organisationId)
      .where("status", "=", "applicant")
      .where("rejected_at", "is not", null)
      .executeTakeFirst();
    if (!row) return false;
    await trx
      .updateTable("organisation")
      .set({ rejected_at: null, rejected_by: null, rejection_reason: null, updated_at: now() })
      .where("id", "=", organisationId)
      .execute();
    await recordAudit(trx, {
      actorUserId: userId,
      organisationId,
      entity: "organisation",
      entityId: organisationId,
      action: "appliedAgain",
      details: { previousReason: row.rejection_reason },
    });
    await organisationApplied({ db: trx, organisationId, userId, again: true });
    return true;
  });
}

export function deactivateOrganisation({ db, organisationId, coordinatorId }: { db: DB; organisationId: number; coordinatorId: string }) {
  return setStatus(db, organisationId, { status: "deactivated" }, ["applicant", "active"], { coordinatorId, action: "deactivated" });
}

export function reactivateOrganisation({ db, organisationId, coordinatorId }: { db: DB; organisationId: number; coordinatorId: string }) {
  return setStatus(db, organisationId, { status: "active" }, ["deactivated"], { coordinatorId, action: "reactivated" });
}
