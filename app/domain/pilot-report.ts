/**
 * The eight-point report as data: what the page shows, what is frozen when it is published, and
 * what the JSON and CSV exports contain. Every count in it has already been through suppression.
 */
import type { NotePoint, ProcurementKind, ProcurementStatus, ReportCounts } from "./pilot";
import { genderKeys, outcomeColumns } from "./pilot";
import type { ByStakeholder, EstimateParameterKey, PeriodEstimate } from "./socio-economic";
import { stakeholders } from "./socio-economic";
import { type ShownCount, SUPPRESSED_MARK } from "./suppression";

/** The shape of a report as frozen; versions published before the estimate was redone have none. */
export const REPORT_FORMAT = 2;

export interface ReportProcurement {
  id: number;
  title: string;
  buyingUnit: string;
  supplier: string | null;
  kind: ProcurementKind;
  status: ProcurementStatus;
  cpvCode: string | null;
  startDate: string | null;
  endDate: string | null;
  contractValueSek: number | null;
  requestId: number | null;
  requestTitle: string | null;
  notes: Partial<Record<NotePoint, string>>;
}

export interface ReportParameter {
  key: EstimateParameterKey;
  value: number;
  validFrom: string;
  /** The last day the value held; null while it still holds. */
  validTo: string | null;
  source: string;
  isExample: boolean;
}

export interface ReportEstimate {
  /** The day whose parameter values the estimate uses: the last day of the report's period. */
  valuesOn: string;
  parameters: ReportParameter[];
  /** Parameters without a value valid on that day; the estimate is left out while there are any. */
  missing: EstimateParameterKey[];
  /** One person into work for the stated months; null while parameters are missing. */
  perPerson: ByStakeholder | null;
  /** Those who moved into work in the period (the outcome "work", all genders). */
  intoWork: ShownCount;
  /** Procurements in the period: what occurs once per procurement is counted this many times. */
  procurements: number;
  /** The period's total, line by line; null when the number into work is hidden or parameters are missing. */
  period: PeriodEstimate | null;
  /** How a version published before the estimate was redone showed it, kept as it was. */
  legacy?: { perPerson: ByStakeholder; forParticipants: ByStakeholder | null };
}

export interface PilotReport {
  format: typeof REPORT_FORMAT;
  period: { from: string; to: string };
  generatedAt: string;
  procurements: ReportProcurement[];
  pilotNotes: Partial<Record<NotePoint, string>>;
  counts: ReportCounts;
  estimate: ReportEstimate;
  extraCosts: { procurementTitle: string | null; description: string; amountSek: number; proposal: string }[];
  extraCostTotalSek: number;
}

/**
 * A frozen report as the pages read it. Versions published in the first format keep their counts
 * and their estimate exactly as published; the estimate is marked as the earlier method's.
 */
export function readFrozenReport(content: string): PilotReport {
  const parsed = JSON.parse(content) as PilotReport & {
    estimate: ReportEstimate & { forParticipants?: ByStakeholder | null; participants?: ShownCount };
  };
  if (parsed.format === REPORT_FORMAT) return parsed;
  const { perPerson, forParticipants } = parsed.estimate;
  return {
    ...parsed,
    format: REPORT_FORMAT,
    estimate: {
      valuesOn: parsed.period.to,
      parameters: [],
      missing: [],
      perPerson: null,
      intoWork: { value: null, suppressed: true },
      procurements: parsed.procurements.length,
      period: null,
      legacy: { perPerson: perPerson as ByStakeholder, forParticipants: forParticipants ?? null },
    },
  };
}

export interface CountRow {
  table: string;
  row: string;
  column: string;
  value: number | null;
  display: string;
  /** The procurement of a row of the per-procurement table; its title is the row. */
  procurementId?: number;
}

/** The report's counts as flat rows, the form both exports use. A hidden count has value null and display "..". */
export function countRows(counts: ReportCounts, procurements: { id: number; title: string }[]): CountRow[] {
  const rows: CountRow[] = [];
  const push = (table: string, row: string, column: string, count: ShownCount, procurementId?: number) =>
    rows.push({
      table,
      row,
      column,
      value: count.value,
      display: count.suppressed ? SUPPRESSED_MARK : String(count.value),
      ...(procurementId === undefined ? {} : { procurementId }),
    });
  for (const g of genderKeys) {
    push("participants", g, "total", counts.participants[g].total);
    push("participants", g, "on_social_assistance", counts.participants[g].onSocialAssistance);
    push("participants", g, "not_on_social_assistance", counts.participants[g].notOnSocialAssistance);
  }
  for (const g of genderKeys) for (const c of outcomeColumns) push("outcomes", g, c, counts.outcomes[g][c]);
  for (const g of genderKeys) {
    push("outcome_groups", g, "work_or_studies", counts.groups[g].workOrStudies);
    push("outcome_groups", g, "benefit_or_assistance", counts.groups[g].benefitOrAssistance);
  }
  const titles = new Map(procurements.map((p) => [p.id, p.title]));
  for (const p of counts.byProcurement) {
    for (const g of genderKeys) push("participants_by_procurement", titles.get(p.procurementId) ?? String(p.procurementId), g, p.counts[g], p.procurementId);
  }
  return rows;
}

function csvField(value: string): string {
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV export: the suppressed count tables, then the estimate per stakeholder, line by line. */
export function reportCsv(report: PilotReport): string {
  const lines = [["section", "row", "column", "value"].join(",")];
  for (const r of countRows(report.counts, report.procurements)) lines.push([r.table, r.row, r.column, r.display].map(csvField).join(","));
  // Numbers are written as they are (a negative value is a number, not a formula).
  const { estimate } = report;
  if (estimate.perPerson) for (const s of stakeholders) lines.push(`estimate_per_person_sek,${s},value,${estimate.perPerson[s]}`);
  lines.push(`estimate_into_work,all,count,${estimate.intoWork.suppressed ? SUPPRESSED_MARK : estimate.intoWork.value}`);
  lines.push(`estimate_procurements,all,count,${estimate.procurements}`);
  if (estimate.period) {
    for (const line of ["fromWork", "perProcurement", "total"] as const) {
      for (const s of stakeholders) lines.push(`estimate_period_sek,${s},${line},${estimate.period[line][s]}`);
    }
  }
  lines.push(["extra_costs_sek", "total", "value", String(report.extraCostTotalSek)].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
