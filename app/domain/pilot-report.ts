/**
 * The eight-point report as data: what the page shows, what is frozen when it is published, and
 * what the JSON and CSV exports contain. Every count in it has already been through suppression.
 */
import type { NotePoint, ProcurementKind, ProcurementStatus, ReportCounts } from "./pilot";
import { genderKeys, outcomeColumns } from "./pilot";
import type { EstimateParameterKey, Stakeholder } from "./socio-economic";
import { stakeholders } from "./socio-economic";
import { type ShownCount, SUPPRESSED_LABEL } from "./suppression";

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
  unit: string;
  source: string;
  asOf: string;
}

export interface PilotReport {
  period: { from: string; to: string };
  generatedAt: string;
  procurements: ReportProcurement[];
  pilotNotes: Partial<Record<NotePoint, string>>;
  counts: ReportCounts;
  estimate: {
    parameters: ReportParameter[];
    /** For one person over the months in the parameters. */
    perPerson: Record<Stakeholder, number>;
    /** For all participants of the period; null when their number is hidden. */
    forParticipants: Record<Stakeholder, number> | null;
    participants: ShownCount;
  };
  extraCosts: { procurementTitle: string | null; description: string; amountSek: number; proposal: string }[];
  extraCostTotalSek: number;
}

/** The report's counts as flat rows, the form both exports use. A hidden count has value null. */
export function countRows(report: PilotReport): { table: string; row: string; column: string; value: number | null; display: string }[] {
  const rows: { table: string; row: string; column: string; value: number | null; display: string }[] = [];
  const push = (table: string, row: string, column: string, count: ShownCount) =>
    rows.push({ table, row, column, value: count.value, display: count.suppressed ? SUPPRESSED_LABEL : String(count.value) });
  const { counts } = report;
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
  const titles = new Map(report.procurements.map((p) => [p.id, p.title]));
  for (const p of counts.byProcurement) {
    for (const g of genderKeys) push("participants_by_procurement", titles.get(p.procurementId) ?? String(p.procurementId), g, p.counts[g]);
  }
  return rows;
}

function csvField(value: string): string {
  // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The CSV export: the suppressed count tables, then the estimate per stakeholder. */
export function reportCsv(report: PilotReport): string {
  const lines = [["section", "row", "column", "value"].join(",")];
  for (const r of countRows(report)) lines.push([r.table, r.row, r.column, r.display].map(csvField).join(","));
  // Numbers are written as they are (a negative value is a number, not a formula).
  for (const s of stakeholders) lines.push(`estimate_per_person_sek,${s},value,${report.estimate.perPerson[s]}`);
  if (report.estimate.forParticipants) {
    for (const s of stakeholders) lines.push(`estimate_for_participants_sek,${s},value,${report.estimate.forParticipants[s]}`);
  }
  lines.push(["extra_costs_sek", "total", "value", String(report.extraCostTotalSek)].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
