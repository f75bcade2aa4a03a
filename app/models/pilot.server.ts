import type { Selectable, Transaction } from "kysely";
import type { DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import {
  type Gender,
  type NotePoint,
  type OutcomeCounts,
  type PublishedCounts,
  type ProcurementKind,
  type ProcurementStatus,
  type RegisterRow,
  type SuppressedCounts,
  ALL,
  cellsOfCounts,
  notePoints,
  reportCells,
  reportCounts,
} from "../domain/pilot";
import { type PilotReport, REPORT_FORMAT, readFrozenReport } from "../domain/pilot-report";
import {
  type EstimateParameterKey,
  type ParameterValue,
  estimateParameterKeys,
  parameterValues,
  perPersonEstimate,
  periodEstimate,
  valuesValidOn,
  withValidTo,
} from "../domain/socio-economic";
import { recordAudit } from "./audit-log.server";
import { integerSolver } from "./integer-solver.server";

type Db = DB | Transaction<Database>;
const now = () => new Date().toISOString();

/** The organisations whose participation can be set: every buyer organisation, and any other that takes part. */
export function listPilotParticipationCandidates({ db }: { db: DB }) {
  return db
    .selectFrom("organisation")
    .select(["id", "name", "slug", "kind", "status", "pilot_participant"])
    .where((eb) => eb.or([eb("kind", "=", "buyer"), eb("pilot_participant", "=", true)]))
    .orderBy("pilot_participant", "desc")
    .orderBy("name")
    .execute();
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
    await recordChange(trx, { entity: "participation", entityId: organisationId, action: participates ? "granted" : "revoked", summary: organisation.name, userId: actorUserId });
    return { name: organisation.name, changed: true };
  });
}

async function recordChange(trx: Db, change: { entity: string; entityId: string | number; action: string; summary?: string; userId: string | null }) {
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
export function listPilotChanges({ db, limit = 20 }: { db: DB; limit?: number }) {
  return db
    .selectFrom("pilot_change")
    .leftJoin("user", "user.id", "pilot_change.changed_by")
    .select(["pilot_change.id", "entity", "entity_id", "action", "summary", "changed_at", "user.name as changed_by_name"])
    .orderBy("pilot_change.id", "desc")
    .limit(limit)
    .execute();
}

// --- Procurements ---------------------------------------------------------------------------------

export interface ProcurementInput {
  title: string;
  buyingUnit: string;
  supplierOrganisationId: number | null;
  supplierName: string | null;
  kind: ProcurementKind;
  cpvCode: string | null;
  status: ProcurementStatus;
  startDate: string | null;
  endDate: string | null;
  contractValueSek: number | null;
  requestId: number | null;
}

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

function procurementQuery(db: DB) {
  return db
    .selectFrom("pilot_procurement as p")
    .leftJoin("organisation as o", "o.id", "p.supplier_organisation_id")
    .leftJoin("request as r", "r.id", "p.request_id")
    .leftJoin("user as u", "u.id", "p.updated_by")
    .selectAll("p")
    .select(["o.name as supplier_organisation_name", "o.slug as supplier_organisation_slug", "r.title as request_title", "u.name as updated_by_name"]);
}

export function listProcurements({ db }: { db: DB }) {
  return procurementQuery(db).orderBy("p.start_date").orderBy("p.id").execute();
}

export async function getProcurement({ db, procurementId }: { db: DB; procurementId: number }) {
  return (await procurementQuery(db).where("p.id", "=", procurementId).executeTakeFirst()) ?? null;
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
  return Object.fromEntries(rows.map((r) => [r.point, r])) as Partial<
    Record<NotePoint, { point: number; body: string; updated_at: string; updated_by_name: string | null }>
  >;
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

export function listExtraCosts({ db, procurementId }: { db: DB; procurementId: number | null }) {
  return db
    .selectFrom("pilot_extra_cost")
    .leftJoin("user", "user.id", "pilot_extra_cost.created_by")
    .select(["pilot_extra_cost.id", "description", "amount_sek", "proposal", "pilot_extra_cost.created_at", "user.name as created_by_name"])
    .where("procurement_id", procurementId === null ? "is" : "=", procurementId)
    .orderBy("pilot_extra_cost.id")
    .execute();
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
export async function removeExtraCost({ db, userId, procurementId, extraCostId }: { db: DB; userId: string; procurementId: number | null; extraCostId: number }) {
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

export function listOutcomes({ db, procurementId }: { db: DB; procurementId: number }) {
  return db
    .selectFrom("pilot_outcome")
    .leftJoin("user", "user.id", "pilot_outcome.updated_by")
    .selectAll("pilot_outcome")
    .select("user.name as updated_by_name")
    .where("procurement_id", "=", procurementId)
    .orderBy("period_from")
    .orderBy("gender")
    .execute();
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

// --- The eight-point report -----------------------------------------------------------------------

/** What a published version's suppression was computed from, kept privately with it. */
type AuditInput = PublishedCounts;

/**
 * Suppression takes seconds (integer programs per hidden count; 15 s for the demo's whole pilot
 * on a loaded, shared 2-core machine, decision 019); the same register and the same public
 * versions give the same answer, so the last few answers are kept.
 */
const suppressionCache = new Map<string, SuppressedCounts>();

async function suppressed(rows: RegisterRow[], procurementIds: number[], history: PublishedCounts[]): Promise<SuppressedCounts> {
  const key = JSON.stringify([rows, procurementIds, history]);
  const kept = suppressionCache.get(key);
  if (kept) return kept;
  const result = reportCounts({ rows, procurementIds, history, solver: await integerSolver() });
  suppressionCache.set(key, result);
  if (suppressionCache.size > 20) suppressionCache.delete(suppressionCache.keys().next().value as string);
  return result;
}

function registerRowsOf(outcomes: Selectable<Database["pilot_outcome"]>[]): RegisterRow[] {
  return outcomes.map((o) => ({
    procurementId: o.procurement_id,
    gender: o.gender,
    periodFrom: o.period_from,
    periodTo: o.period_to,
    participants: o.participants,
    onSocialAssistance: o.on_social_assistance,
    outcomes: {
      work: o.work,
      studies: o.studies,
      unemployment_benefit: o.unemployment_benefit,
      social_assistance: o.social_assistance,
      other_unknown: o.other_unknown,
    },
  }));
}

/** The register's rows of a period: those whose own period lies inside it, of the given procurements. */
async function registerRows(db: DB, procurementIds: number[], from: string, to: string): Promise<RegisterRow[]> {
  if (procurementIds.length === 0) return [];
  const outcomes = await db
    .selectFrom("pilot_outcome")
    .selectAll()
    .where("procurement_id", "in", procurementIds)
    .where("period_from", ">=", from)
    .where("period_to", "<=", to)
    .orderBy("id")
    .execute();
  return registerRowsOf(outcomes);
}

/**
 * Every public version as the audit needs it, oldest first. A version published before its input
 * was kept is read back from today's register, and left out (listed in `unaudited`) when today's
 * register no longer gives the figures it showed.
 */
async function publicHistory(db: DB): Promise<{ history: PublishedCounts[]; unaudited: number[]; latestVersionId: number | null }> {
  const versions = await db.selectFrom("pilot_report_version").select(["id", "period_from", "period_to", "content", "audit_input"]).orderBy("id").execute();
  const history: PublishedCounts[] = [];
  const unaudited: number[] = [];
  for (const version of versions) {
    if (version.audit_input) {
      history.push(JSON.parse(version.audit_input) as AuditInput);
      continue;
    }
    const report = readFrozenReport(version.content);
    const procurementIds = report.procurements.map((p) => p.id);
    const rows = await registerRows(db, procurementIds, version.period_from, version.period_to);
    const shown = cellsOfCounts(report.counts);
    const { cells } = reportCells(rows, procurementIds);
    const matches = Object.entries(shown).every(([id, count]) => count.suppressed || cells[id] === count.value);
    if (matches) history.push({ rows, procurementIds, hidden: Object.keys(shown).filter((id) => shown[id].suppressed) });
    else unaudited.push(version.id);
  }
  return { history, unaudited, latestVersionId: versions.at(-1)?.id ?? null };
}

export interface BuiltReport {
  report: PilotReport;
  /** Counts that public versions already give away; none when every version went through the audit. */
  exposedByHistory: string[];
  /** Versions published before their input was kept whose figures today's register no longer gives. */
  unauditedVersions: number[];
  auditInput: AuditInput;
  latestVersionId: number | null;
}

/** The report for a period, with every count suppressed against itself and every public version. Outcomes count when their period lies inside. */
export async function buildPilotReport({ db, from, to }: { db: DB; from: string; to: string }): Promise<BuiltReport> {
  const procurements = await procurementQuery(db)
    .where((eb) =>
      eb.or([
        eb("p.start_date", "is", null),
        eb.and([eb("p.start_date", "<=", to), eb.or([eb("p.end_date", "is", null), eb("p.end_date", ">=", from)])]),
      ]),
    )
    .orderBy("p.start_date")
    .orderBy("p.id")
    .execute();
  const ids = procurements.map((p) => p.id);
  const [notes, rows, parameterRows, extraCosts, { history, unaudited, latestVersionId }] = await Promise.all([
    db.selectFrom("pilot_note").select(["procurement_id", "point", "body"]).execute(),
    registerRows(db, ids, from, to),
    listParameterValues({ db }),
    db
      .selectFrom("pilot_extra_cost")
      .leftJoin("pilot_procurement", "pilot_procurement.id", "pilot_extra_cost.procurement_id")
      .select(["pilot_extra_cost.procurement_id", "pilot_procurement.title", "description", "amount_sek", "proposal"])
      .orderBy("pilot_extra_cost.id")
      .execute(),
    publicHistory(db),
  ]);
  const notesOf = (procurementId: number | null) =>
    Object.fromEntries(notes.filter((n) => n.procurement_id === procurementId).map((n) => [n.point, n.body])) as Partial<Record<NotePoint, string>>;
  const { counts, hidden, exposedByHistory } = await suppressed(rows, ids, history);

  // The parameters valid on the period's last day, whatever is entered for later days.
  const { valid, missing } = valuesValidOn(parameterRows, to);
  const values = parameterValues(valid);
  const perPerson = values ? perPersonEstimate(values) : null;
  const intoWork = counts.outcomes[ALL].work;
  const period =
    values && perPerson && !intoWork.suppressed
      ? periodEstimate({ perPerson, intoWork: intoWork.value, procurements: ids.length, procurementCost: values.procurementCost })
      : null;

  const includedCosts = extraCosts.filter((c) => c.procurement_id === null || ids.includes(c.procurement_id));
  const report: PilotReport = {
    format: REPORT_FORMAT,
    period: { from, to },
    generatedAt: now(),
    procurements: procurements.map((p) => ({
      id: p.id,
      title: p.title,
      buyingUnit: p.buying_unit,
      supplier: p.supplier_organisation_name ?? p.supplier_name,
      kind: p.kind,
      status: p.status,
      cpvCode: p.cpv_code,
      startDate: p.start_date,
      endDate: p.end_date,
      contractValueSek: p.contract_value_sek,
      requestId: p.request_id,
      requestTitle: p.request_title,
      notes: notesOf(p.id),
    })),
    pilotNotes: notesOf(null),
    counts,
    estimate: {
      valuesOn: to,
      parameters: valid.map(({ key, value, validFrom, validTo, source, isExample }) => ({ key, value, validFrom, validTo, source, isExample })),
      missing,
      perPerson,
      intoWork,
      procurements: ids.length,
      period,
    },
    extraCosts: includedCosts.map((c) => ({ procurementTitle: c.title, description: c.description, amountSek: c.amount_sek, proposal: c.proposal })),
    extraCostTotalSek: includedCosts.reduce((s, c) => s + c.amount_sek, 0),
  };
  return { report, exposedByHistory, unauditedVersions: unaudited, auditInput: { rows, procurementIds: ids, hidden }, latestVersionId };
}

/**
 * Freezes the report of a period as its next version, with what its suppression was computed
 * from. Suppressed against every public version: if another version was published meanwhile, the
 * report is built again against it.
 */
export async function publishPilotReport({ db, userId, from, to }: { db: DB; userId: string; from: string; to: string }) {
  for (let attempt = 0; ; attempt += 1) {
    const built = await buildPilotReport({ db, from, to });
    const published = await db.transaction().execute(async (trx) => {
      const latest = await trx.selectFrom("pilot_report_version").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
      if ((latest?.id ?? null) !== built.latestVersionId && attempt < 3) return null;
      const last = await trx
        .selectFrom("pilot_report_version")
        .select((eb) => eb.fn.max("version").as("version"))
        .where("period_from", "=", from)
        .where("period_to", "=", to)
        .executeTakeFirst();
      const version = (last?.version ?? 0) + 1;
      const { id } = await trx
        .insertInto("pilot_report_version")
        .values({
          period_from: from,
          period_to: to,
          version,
          content: JSON.stringify(built.report),
          audit_input: JSON.stringify(built.auditInput),
          published_at: now(),
          published_by: userId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordChange(trx, { entity: "report", entityId: id, action: "published", summary: `${from}–${to} v${version}`, userId });
      return { id, version };
    });
    if (published) return published;
  }
}

export function listReportVersions({ db }: { db: DB }) {
  return db
    .selectFrom("pilot_report_version")
    .leftJoin("user", "user.id", "pilot_report_version.published_by")
    .select(["pilot_report_version.id", "period_from", "period_to", "version", "published_at", "user.name as published_by_name"])
    .orderBy("pilot_report_version.id", "desc")
    .execute();
}

/** A published version, exactly as it was frozen; null when there is none. */
export async function getReportVersion({ db, versionId }: { db: DB; versionId: number }) {
  const row = await db
    .selectFrom("pilot_report_version")
    .leftJoin("user", "user.id", "pilot_report_version.published_by")
    .select(["pilot_report_version.id", "version", "content", "published_at", "user.name as published_by_name"])
    .where("pilot_report_version.id", "=", versionId)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, version: row.version, publishedAt: row.published_at, publishedByName: row.published_by_name, report: readFrozenReport(row.content) };
}
