import type { Transaction } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { type Gender, type NotePoint, type OutcomeCounts, type PilotNote, type ProcurementInput, notePoints } from "../domain/pilot";
import { type EstimateParameterKey, type ParameterValue, estimateParameterKeys, withValidTo } from "../domain/socio-economic";
import { recordAudit } from "./audit-log.server";
import { changeFromRow, extraCostFromRow, noteFromRow, outcomeFromRow, participationCandidateFromRow, procurementFromRow } from "./pilot-rows.server";

/**
 * The pilot's register: which organisations take part, procurements, notes and extra costs,
 * outcomes (counts only) and the estimate's parameters, each change written to the pilot's change
 * log. The eight-point report built from it is `pilot-report.server.ts` (decision 028).
 */

type Db = DB | Transaction<Database>;
const now = () => new Date().toISOString();

/** The organisations whose participation can be set: every buyer organisation, and any other that takes part. */
export async function listPilotParticipationCandidates({ db }: { db: DB }) {
  const rows = await db
    .selectFrom("organisation")
    .select(["id", "name", "slug", "kind", "status", "pilot_participant"])
    .where((eb) => eb.or([eb("kind", "=", "buyer"), eb("pilot_participant", "=", true)]))
    .orderBy("pilot_participant", "desc")
    .orderBy("name")
    .execute();
  return rows.map(participationCandidateFromRow);
}

/**
 * Sets whether an organisation takes part in the pilot, in the audit log and the pilot's changes
 * with who did it. Null when there is no such organisation; false when nothing changed.
 */
export async function setPilotParticipation({
  db,
  actorUserId,
  organisationId,
  participates,
}: {
  db: DB;
  actorUserId: string;
  organisationId: number;
  participates: boolean;
}): Promise<{ name: string; changed: boolean } | null> {
  return db.transaction().execute(async (trx) => {
    const organisation = await trx.selectFrom("organisation").select(["name", "pilot_participant"]).where("id", "=", organisationId).executeTakeFirst();
    if (!organisation) return null;
    if (organisation.pilot_participant === participates) return { name: organisation.name, changed: false };
    await trx.updateTable("organisation").set({ pilot_participant: participates }).where("id", "=", organisationId).execute();
    const action = participates ? "pilotParticipationGranted" : "pilotParticipationRevoked";
    await recordAudit(trx, { actorUserId, organisationId, entity: "organisation", entityId: organisationId, action });
    await recordChange(trx, {
      entity: "participation",
      entityId: organisationId,
      action: participates ? "granted" : "revoked",
      summary: organisation.name,
      userId: actorUserId,
    });
    return { name: organisation.name, changed: true };
  });
}

export async function recordChange(trx: Db, change: { entity: string; entityId: string | number; action: string; summary?: string; userId: string | null }) {
  await trx
    .insertInto("pilot_change")
    .values({
      entity: change.entity,
      entity_id: String(change.entityId),
      action: change.action,
      summary: (change.summary ?? "").slice(0, 200),
      changed_at: now(),
      changed_by: change.userId,
    })
    .execute();
}

/** The latest changes, with who made them. */
export async function listPilotChanges({ db, limit = 20 }: { db: DB; limit?: number }) {
  const rows = await db
    .selectFrom("pilot_change")
    .leftJoin("user", "user.id", "pilot_change.changed_by")
    .select(["pilot_change.id", "entity", "entity_id", "action", "summary", "changed_at", "user.name as changed_by_name"])
    .orderBy("pilot_change.id", "desc")
    .limit(limit)
    .execute();
  return rows.map(changeFromRow);
}

// --- Procurements ---------------------------------------------------------------------------------

export type ProcurementWriteResult = { ok: true; id: number } | { ok: false; error: "unknown_supplier" | "unknown_request" };

function procurementColumns(input: ProcurementInput) {
  return {
    title: input.title,
    buying_unit: input.buyingUnit,
    supplier_organisation_id: input.supplierOrganisationId,
    supplier_name: input.supplierOrganisationId ? null : input.supplierName,
    kind: input.kind,
    cpv_code: input.cpvCode,
    status: input.status,
    start_date: input.startDate,
    end_date: input.endDate,
    contract_value_sek: input.contractValueSek,
    request_id: input.requestId,
  };
}

async function checkReferences(trx: Db, input: ProcurementInput): Promise<ProcurementWriteResult | null> {
  if (input.supplierOrganisationId !== null) {
    const org = await trx.selectFrom("organisation").select("id").where("id", "=", input.supplierOrganisationId).executeTakeFirst();
    if (!org) return { ok: false, error: "unknown_supplier" };
  }
  if (input.requestId !== null) {
    const request = await trx.selectFrom("request").select("id").where("id", "=", input.requestId).executeTakeFirst();
    if (!request) return { ok: false, error: "unknown_request" };
  }
  return null;
}

export async function createProcurement({
  db,
  userId,
  input,
  isExample = false,
}: {
  db: DB;
  userId: string | null;
  input: ProcurementInput;
  isExample?: boolean;
}): Promise<ProcurementWriteResult> {
  return db.transaction().execute(async (trx) => {
    const problem = await checkReferences(trx, input);
    if (problem) return problem;
    const timestamp = now();
    const { id } = await trx
      .insertInto("pilot_procurement")
      .values({
        ...procurementColumns(input),
        is_example: isExample,
        created_at: timestamp,
        created_by: userId,
        updated_at: timestamp,
        updated_by: userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordChange(trx, { entity: "procurement", entityId: id, action: "created", summary: input.title, userId });
    return { ok: true, id };
  });
}

/** Updates a procurement; null when there is no such procurement. */
export async function updateProcurement({
  db,
  userId,
  procurementId,
  input,
}: {
  db: DB;
  userId: string;
  procurementId: number;
  input: ProcurementInput;
}): Promise<ProcurementWriteResult | null> {
  return db.transaction().execute(async (trx) => {
    const problem = await checkReferences(trx, input);
    if (problem) return problem;
    const result = await trx
      .updateTable("pilot_procurement")
      .set({ ...procurementColumns(input), updated_at: now(), updated_by: userId })
      .where("id", "=", procurementId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    await recordChange(trx, { entity: "procurement", entityId: procurementId, action: "updated", summary: input.title, userId });
    return { ok: true as const, id: procurementId };
  });
}

export function procurementQuery(db: DB) {
  return db
    .selectFrom("pilot_procurement as p")
    .leftJoin("organisation as o", "o.id", "p.supplier_organisation_id")
    .leftJoin("request as r", "r.id", "p.request_id")
    .leftJoin("user as u", "u.id", "p.updated_by")
    .selectAll("p")
    .select(["o.name as supplier_organisation_name", "o.slug as supplier_organisation_slug", "r.title as request_title", "u.name as updated_by_name"]);
}

export async function listProcurements({ db }: { db: DB }) {
  return (await procurementQuery(db).orderBy("p.start_date").orderBy("p.id").execute()).map(procurementFromRow);
}

export async function getProcurement({ db, procurementId }: { db: DB; procurementId: number }) {
  const row = await procurementQuery(db).where("p.id", "=", procurementId).executeTakeFirst();
  return row ? procurementFromRow(row) : null;
}

/** What a procurement can be linked to: organisations in the network and requests on the platform. */
export async function procurementChoices({ db }: { db: DB }) {
  const [organisations, requests] = await Promise.all([
    db.selectFrom("organisation").select(["id", "name"]).where("status", "=", "active").orderBy("name").execute(),
    db.selectFrom("request").select(["id", "title"]).orderBy("title").execute(),
  ]);
  return { organisations, requests };
}

// --- Notes and extra costs ------------------------------------------------------------------------

/** The reporting-point texts of one procurement, or of the pilot as a whole (procurementId null). */
export async function listNotes({ db, procurementId }: { db: DB; procurementId: number | null }) {
  const rows = await db
    .selectFrom("pilot_note")
    .leftJoin("user", "user.id", "pilot_note.updated_by")
    .select(["point", "body", "updated_at", "user.name as updated_by_name"])
    .where("procurement_id", procurementId === null ? "is" : "=", procurementId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.point, noteFromRow(r)])) as Partial<Record<NotePoint, PilotNote>>;
}

/** Saves the texts of the given points; an empty text removes the note. False for an unknown procurement. */
export async function saveNotes({
  db,
  userId,
  procurementId,
  notes,
}: {
  db: DB;
  userId: string | null;
  procurementId: number | null;
  notes: Partial<Record<NotePoint, string>>;
}): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (procurementId !== null) {
      const exists = await trx.selectFrom("pilot_procurement").select("id").where("id", "=", procurementId).executeTakeFirst();
      if (!exists) return false;
    }
    for (const point of notePoints) {
      const body = notes[point];
      if (body === undefined) continue;
      const existing = await trx
        .selectFrom("pilot_note")
        .select(["id", "body"])
        .where("procurement_id", procurementId === null ? "is" : "=", procurementId)
        .where("point", "=", point)
        .executeTakeFirst();
      if ((existing?.body ?? "") === body) continue;
      if (existing && body === "") await trx.deleteFrom("pilot_note").where("id", "=", existing.id).execute();
      else if (existing) await trx.updateTable("pilot_note").set({ body, updated_at: now(), updated_by: userId }).where("id", "=", existing.id).execute();
      else await trx.insertInto("pilot_note").values({ procurement_id: procurementId, point, body, updated_at: now(), updated_by: userId }).execute();
      await recordChange(trx, { entity: "note", entityId: `${procurementId ?? "pilot"}:${point}`, action: "saved", userId });
    }
    return true;
  });
}

export interface ExtraCostInput {
  description: string;
  amountSek: number;
  proposal: string;
}

export async function listExtraCosts({ db, procurementId }: { db: DB; procurementId: number | null }) {
  const rows = await db
    .selectFrom("pilot_extra_cost")
    .leftJoin("user", "user.id", "pilot_extra_cost.created_by")
    .select(["pilot_extra_cost.id", "description", "amount_sek", "proposal", "pilot_extra_cost.created_at", "user.name as created_by_name"])
    .where("procurement_id", procurementId === null ? "is" : "=", procurementId)
    .orderBy("pilot_extra_cost.id")
    .execute();
  return rows.map(extraCostFromRow);
}

/** Adds an extra cost; null when the procurement does not exist. */
export async function addExtraCost({
  db,
  userId,
  procurementId,
  input,
  isExample = false,
}: {
  db: DB;
  userId: string | null;
  procurementId: number | null;
  input: ExtraCostInput;
  isExample?: boolean;
}): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    if (procurementId !== null) {
      const exists = await trx.selectFrom("pilot_procurement").select("id").where("id", "=", procurementId).executeTakeFirst();
      if (!exists) return null;
    }
    const { id } = await trx
      .insertInto("pilot_extra_cost")
      .values({
        procurement_id: procurementId,
        description: input.description,
        amount_sek: input.amountSek,
        proposal: input.proposal,
        is_example: isExample,
        created_at: now(),
        created_by: userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordChange(trx, { entity: "extra_cost", entityId: id, action: "created", summary: input.description, userId });
    return id;
  });
}

/** Removes an extra cost of the given scope; false when there is none. */
export async function removeExtraCost({
  db,
  userId,
  procurementId,
  extraCostId,
}: {
  db: DB;
  userId: string;
  procurementId: number | null;
  extraCostId: number;
}) {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom("pilot_extra_cost")
      .where("id", "=", extraCostId)
      .where("procurement_id", procurementId === null ? "is" : "=", procurementId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await recordChange(trx, { entity: "extra_cost", entityId: extraCostId, action: "removed", userId });
    return true;
  });
}

// --- Outcomes (counts only) -----------------------------------------------------------------------

export interface OutcomeInput extends OutcomeCounts {
  periodFrom: string;
  periodTo: string;
  gender: Gender;
}

/** Saves the counts of one procurement, period and gender (replacing earlier counts for the same). Null for an unknown procurement. */
export async function saveOutcome({
  db,
  userId,
  procurementId,
  input,
  isExample = false,
}: {
  db: DB;
  userId: string | null;
  procurementId: number;
  input: OutcomeInput;
  isExample?: boolean;
}): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom("pilot_procurement").select("id").where("id", "=", procurementId).executeTakeFirst();
    if (!exists) return null;
    const counts = {
      participants: input.participants,
      on_social_assistance: input.onSocialAssistance,
      work: input.outcomes.work,
      studies: input.outcomes.studies,
      unemployment_benefit: input.outcomes.unemployment_benefit,
      social_assistance: input.outcomes.social_assistance,
      other_unknown: input.outcomes.other_unknown,
      updated_at: now(),
      updated_by: userId,
    };
    const { id } = await trx
      .insertInto("pilot_outcome")
      .values({
        procurement_id: procurementId,
        period_from: input.periodFrom,
        period_to: input.periodTo,
        gender: input.gender,
        is_example: isExample,
        ...counts,
      })
      .onConflict((oc) => oc.columns(["procurement_id", "period_from", "period_to", "gender"]).doUpdateSet(counts))
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordChange(trx, { entity: "outcome", entityId: id, action: "saved", summary: `${input.periodFrom}–${input.periodTo} ${input.gender}`, userId });
    return id;
  });
}

export async function listOutcomes({ db, procurementId }: { db: DB; procurementId: number }) {
  const rows = await db.selectFrom("pilot_outcome").selectAll().where("procurement_id", "=", procurementId).orderBy("period_from").orderBy("gender").execute();
  return rows.map((row) => ({ id: row.id, ...outcomeFromRow(row) }));
}

export async function removeOutcome({ db, userId, procurementId, outcomeId }: { db: DB; userId: string; procurementId: number; outcomeId: number }) {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("pilot_outcome").where("id", "=", outcomeId).where("procurement_id", "=", procurementId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await recordChange(trx, { entity: "outcome", entityId: outcomeId, action: "removed", userId });
    return true;
  });
}

// --- Estimate parameters --------------------------------------------------------------------------

/** Every value of every parameter, with the day it begins and the last day it held (null while it holds). */
export async function listParameterValues({ db }: { db: DB }) {
  const rows = await db
    .selectFrom("pilot_parameter_value")
    .leftJoin("user", "user.id", "pilot_parameter_value.updated_by")
    .select(["pilot_parameter_value.id", "key", "value", "valid_from", "source", "is_example", "updated_at", "user.name as updated_by_name"])
    .orderBy("valid_from")
    .execute();
  // In the order the estimate's page lists the parameters.
  const order = (key: string) => estimateParameterKeys.indexOf(key as EstimateParameterKey);
  rows.sort((a, b) => order(a.key) - order(b.key));
  return withValidTo(
    rows.map((r) => ({
      id: r.id,
      key: r.key as EstimateParameterKey,
      value: r.value,
      validFrom: r.valid_from,
      source: r.source,
      isExample: r.is_example,
      updatedAt: r.updated_at,
      updatedByName: r.updated_by_name,
    })),
  );
}

/** Saves a value of a parameter from a day on; a value that begins the same day is replaced. */
export async function saveParameterValue({ db, userId, parameter }: { db: DB; userId: string | null; parameter: ParameterValue }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = { value: parameter.value, source: parameter.source, is_example: parameter.isExample, updated_at: now(), updated_by: userId };
    await trx
      .insertInto("pilot_parameter_value")
      .values({ key: parameter.key, valid_from: parameter.validFrom, ...row })
      .onConflict((oc) => oc.columns(["key", "valid_from"]).doUpdateSet(row))
      .execute();
    await recordChange(trx, { entity: "parameter", entityId: parameter.key, action: "saved", summary: `${parameter.value} (${parameter.validFrom})`, userId });
  });
}

/** Removes a value of a parameter; false when there is none. */
export async function removeParameterValue({ db, userId, valueId }: { db: DB; userId: string; valueId: number }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const value = await trx.selectFrom("pilot_parameter_value").select(["key", "valid_from"]).where("id", "=", valueId).executeTakeFirst();
    if (!value) return false;
    await trx.deleteFrom("pilot_parameter_value").where("id", "=", valueId).execute();
    await recordChange(trx, { entity: "parameter", entityId: value.key, action: "removed", summary: value.valid_from, userId });
    return true;
  });
}
