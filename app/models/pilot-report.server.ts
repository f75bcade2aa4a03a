import type { DB } from "../../db/client.server";
import { type NotePoint, type PublishedCounts, type RegisterRow, type SuppressedCounts, ALL, cellsOfCounts, reportCells, reportCounts } from "../domain/pilot";
import { type PilotReport, REPORT_FORMAT, readFrozenReport } from "../domain/pilot-report";
import { parameterValues, perPersonEstimate, periodEstimate, valuesValidOn } from "../domain/socio-economic";
import { integerSolver } from "./integer-solver.server";
import { listParameterValues, procurementQuery, recordChange } from "./pilot.server";
import { outcomeFromRow, procurementFromRow, reportVersionFromRow } from "./pilot-rows.server";

/**
 * The pilot's eight-point report: built from the register with small counts suppressed (decision
 * 019), published as frozen versions, and read back as published.
 */

const now = () => new Date().toISOString();

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
  return outcomes.map(outcomeFromRow);
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
  const procurements = (
    await procurementQuery(db)
      .where((eb) =>
        eb.or([eb("p.start_date", "is", null), eb.and([eb("p.start_date", "<=", to), eb.or([eb("p.end_date", "is", null), eb("p.end_date", ">=", from)])])]),
      )
      .orderBy("p.start_date")
      .orderBy("p.id")
      .execute()
  ).map(procurementFromRow);
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
      buyingUnit: p.buyingUnit,
      supplier: p.supplierOrganisationName ?? p.supplierName,
      kind: p.kind,
      status: p.status,
      cpvCode: p.cpvCode,
      startDate: p.startDate,
      endDate: p.endDate,
      contractValueSek: p.contractValueSek,
      requestId: p.requestId,
      requestTitle: p.requestTitle,
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
      const latest = await trx
        .selectFrom("pilot_report_version")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirst();
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

export async function listReportVersions({ db }: { db: DB }) {
  const rows = await db
    .selectFrom("pilot_report_version")
    .leftJoin("user", "user.id", "pilot_report_version.published_by")
    .select(["pilot_report_version.id", "period_from", "period_to", "version", "published_at", "user.name as published_by_name"])
    .orderBy("pilot_report_version.id", "desc")
    .execute();
  return rows.map(reportVersionFromRow);
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
