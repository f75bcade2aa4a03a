/**
 * The employment-requirement pilot: its vocabulary, the rules for outcome counts, and the count
 * tables of the eight-point report with small-number suppression applied.
 */
import { type Relation, type ShownCount, shownShare, suppressCounts } from "./suppression";

export const procurementKinds = ["reserved", "dialogue_requirement", "fixed_requirement", "external_requirement"] as const;
export type ProcurementKind = (typeof procurementKinds)[number];

export const procurementStatuses = ["planned", "starting", "ongoing", "completed", "cancelled"] as const;
export type ProcurementStatus = (typeof procurementStatuses)[number];

/** The reporting points that are free text, per procurement and for the pilot as a whole. */
export const notePoints = [2, 3, 4, 7, 8] as const;
export type NotePoint = (typeof notePoints)[number];

export const genders = ["women", "men", "other"] as const;
export type Gender = (typeof genders)[number];

export const outcomeCategories = ["work", "studies", "unemployment_benefit", "social_assistance", "other_unknown"] as const;
export type OutcomeCategory = (typeof outcomeCategories)[number];

/** Counts for one procurement, period and gender. Only counts: never anything about a person. */
export interface OutcomeCounts {
  participants: number;
  onSocialAssistance: number;
  outcomes: Record<OutcomeCategory, number>;
}

export type OutcomeError = "onSocialAssistanceExceeds" | "outcomesExceed" | "notCount";

/** What is wrong with a set of counts, or null. Outcomes are counted once per person, after the effort. */
export function validateOutcomeCounts(counts: OutcomeCounts): OutcomeError | null {
  const all = [counts.participants, counts.onSocialAssistance, ...outcomeCategories.map((c) => counts.outcomes[c])];
  if (all.some((n) => !Number.isSafeInteger(n) || n < 0)) return "notCount";
  if (counts.onSocialAssistance > counts.participants) return "onSocialAssistanceExceeds";
  if (outcomeSum(counts) > counts.participants) return "outcomesExceed";
  return null;
}

export function outcomeSum(counts: OutcomeCounts): number {
  return outcomeCategories.reduce((s, c) => s + counts.outcomes[c], 0);
}

/** A municipality buyer organisation: of kind buyer, named as one of Lund municipality's units. */
export function isMunicipalityBuyerOrganisation(org: { kind: string; name: string }): boolean {
  return org.kind === "buyer" && /^Lunds kommun\b/i.test(org.name.trim());
}

// --- The report's count tables -------------------------------------------------------------------

export interface OutcomeRow extends OutcomeCounts {
  procurementId: number;
  gender: Gender;
}

export const ALL = "all" as const;
type GenderOrAll = Gender | typeof ALL;
const gendersAndAll: GenderOrAll[] = [...genders, ALL];

/** Columns of the outcome table: the five categories and those not yet followed up. */
export const outcomeColumns = [...outcomeCategories, "not_followed_up"] as const;
export type OutcomeColumn = (typeof outcomeColumns)[number];

export interface ReportCounts {
  /** Participants by gender, with and without social assistance when they started. */
  participants: Record<GenderOrAll, { total: ShownCount; onSocialAssistance: ShownCount; notOnSocialAssistance: ShownCount }>;
  /** Outcome after the effort, by gender; the columns add up to the participants. */
  outcomes: Record<GenderOrAll, Record<OutcomeColumn, ShownCount>>;
  /** Grouped as point 5 asks: work or studies; unemployment benefit or social assistance. */
  groups: Record<GenderOrAll, { workOrStudies: ShownCount; benefitOrAssistance: ShownCount }>;
  /** Shares of the participants in percent; null where a count is hidden. */
  shares: Record<GenderOrAll, { workOrStudies: number | null; benefitOrAssistance: number | null }>;
  /** Participants per procurement and gender. */
  byProcurement: { procurementId: number; counts: Record<GenderOrAll, ShownCount> }[];
  byProcurementTotal: Record<GenderOrAll, ShownCount>;
}

const id = {
  participants: (p: number | "all", g: GenderOrAll) => `participants|${p}|${g}`,
  sa: (g: GenderOrAll) => `sa|${g}`,
  noSa: (g: GenderOrAll) => `nosa|${g}`,
  outcome: (g: GenderOrAll, c: OutcomeColumn) => `outcome|${g}|${c}`,
  workOrStudies: (g: GenderOrAll) => `ws|${g}`,
  benefitOrAssistance: (g: GenderOrAll) => `ba|${g}`,
};

/**
 * All the counts the report publishes, as one set of cells with the relations between them, so
 * that a count hidden in one table is hidden in every table it appears in.
 */
export function reportCells(rows: OutcomeRow[], procurementIds: number[]): { cells: Record<string, number>; relations: Relation[] } {
  const cells: Record<string, number> = {};
  const relations: Relation[] = [];
  const add = (key: string, n: number) => {
    cells[key] = (cells[key] ?? 0) + n;
  };
  for (const key of gendersAndAll) {
    for (const p of procurementIds) add(id.participants(p, key), 0);
    add(id.participants("all", key), 0);
    add(id.sa(key), 0);
    add(id.noSa(key), 0);
    for (const c of outcomeColumns) add(id.outcome(key, c), 0);
    add(id.workOrStudies(key), 0);
    add(id.benefitOrAssistance(key), 0);
  }
  for (const row of rows) {
    if (!procurementIds.includes(row.procurementId)) continue;
    for (const g of [row.gender, ALL] as const) {
      add(id.participants(row.procurementId, g), row.participants);
      add(id.participants("all", g), row.participants);
      add(id.sa(g), row.onSocialAssistance);
      add(id.noSa(g), row.participants - row.onSocialAssistance);
      for (const c of outcomeCategories) add(id.outcome(g, c), row.outcomes[c]);
      add(id.outcome(g, "not_followed_up"), row.participants - outcomeSum(row));
      add(id.workOrStudies(g), row.outcomes.work + row.outcomes.studies);
      add(id.benefitOrAssistance(g), row.outcomes.unemployment_benefit + row.outcomes.social_assistance);
    }
  }
  for (const p of [...procurementIds, "all" as const]) {
    relations.push({ total: id.participants(p, ALL), parts: genders.map((g) => id.participants(p, g)) });
  }
  for (const g of gendersAndAll) {
    relations.push({ total: id.participants("all", g), parts: procurementIds.map((p) => id.participants(p, g)) });
    relations.push({ total: id.participants("all", g), parts: [id.sa(g), id.noSa(g)] });
    relations.push({ total: id.participants("all", g), parts: outcomeColumns.map((c) => id.outcome(g, c)) });
    relations.push({ total: id.workOrStudies(g), parts: [id.outcome(g, "work"), id.outcome(g, "studies")] });
    relations.push({
      total: id.benefitOrAssistance(g),
      parts: [id.outcome(g, "unemployment_benefit"), id.outcome(g, "social_assistance")],
    });
  }
  relations.push({ total: id.sa(ALL), parts: genders.map((g) => id.sa(g)) });
  relations.push({ total: id.noSa(ALL), parts: genders.map((g) => id.noSa(g)) });
  for (const c of outcomeColumns) relations.push({ total: id.outcome(ALL, c), parts: genders.map((g) => id.outcome(g, c)) });
  relations.push({ total: id.workOrStudies(ALL), parts: genders.map((g) => id.workOrStudies(g)) });
  relations.push({ total: id.benefitOrAssistance(ALL), parts: genders.map((g) => id.benefitOrAssistance(g)) });
  return { cells, relations };
}

/** The report's count tables with every small count, and every figure that would reveal one, hidden. */
export function reportCounts(rows: OutcomeRow[], procurementIds: number[]): ReportCounts {
  const { cells, relations } = reportCells(rows, procurementIds);
  const shown = suppressCounts(cells, relations);
  const per = <T>(f: (g: GenderOrAll) => T) => Object.fromEntries(gendersAndAll.map((g) => [g, f(g)])) as Record<GenderOrAll, T>;
  return {
    participants: per((g) => ({
      total: shown[id.participants("all", g)],
      onSocialAssistance: shown[id.sa(g)],
      notOnSocialAssistance: shown[id.noSa(g)],
    })),
    outcomes: per((g) => Object.fromEntries(outcomeColumns.map((c) => [c, shown[id.outcome(g, c)]])) as Record<OutcomeColumn, ShownCount>),
    groups: per((g) => ({ workOrStudies: shown[id.workOrStudies(g)], benefitOrAssistance: shown[id.benefitOrAssistance(g)] })),
    shares: per((g) => ({
      workOrStudies: shownShare(shown[id.workOrStudies(g)], shown[id.participants("all", g)]),
      benefitOrAssistance: shownShare(shown[id.benefitOrAssistance(g)], shown[id.participants("all", g)]),
    })),
    byProcurement: procurementIds.map((p) => ({ procurementId: p, counts: per((g) => shown[id.participants(p, g)]) })),
    byProcurementTotal: per((g) => shown[id.participants("all", g)]),
  };
}

export const genderKeys = gendersAndAll;
