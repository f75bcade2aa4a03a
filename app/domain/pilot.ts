/**
 * The employment-requirement pilot: its vocabulary, the rules for outcome counts, and the count
 * tables of the eight-point report with small-number suppression applied (decision 010).
 */
import { type AuditFigure, type AuditProblem, type IntegerSolver, auditAndProtect, isSmall } from "./disclosure-audit";
import { type Relation, type ShownCount, shownShare, suppressedCells } from "./suppression";
import type { OrganisationKind, OrganisationStatus } from "./organisation";

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

// --- The report's count tables -------------------------------------------------------------------

export interface OutcomeRow extends OutcomeCounts {
  procurementId: number;
  gender: Gender;
}

/** A row of the register as a report reads it: one procurement, period and gender. */
export interface RegisterRow extends OutcomeRow {
  periodFrom: string;
  periodTo: string;
}

export const ALL = "all" as const;
export type GenderOrAll = Gender | typeof ALL;
const gendersAndAll: GenderOrAll[] = [...genders, ALL];
export const genderKeys = gendersAndAll;

/** Columns of the outcome table: the five categories and those not yet followed up. */
export const outcomeColumns = [...outcomeCategories, "not_followed_up"] as const;
export type OutcomeColumn = (typeof outcomeColumns)[number];

/**
 * What a row counts, each person once per way of counting: by social assistance at the start
 * (the first two) and by outcome (the rest). Both ways add up to the participants.
 */
export const measures = ["on_social_assistance", "not_on_social_assistance", ...outcomeColumns] as const;
export type Measure = (typeof measures)[number];

export function measureValues(row: OutcomeCounts): Record<Measure, number> {
  return {
    on_social_assistance: row.onSocialAssistance,
    not_on_social_assistance: row.participants - row.onSocialAssistance,
    ...row.outcomes,
    not_followed_up: row.participants - outcomeSum(row),
  };
}

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

export const cellId = {
  participants: (p: number | typeof ALL, g: GenderOrAll) => `participants|${p}|${g}`,
  sa: (g: GenderOrAll) => `sa|${g}`,
  noSa: (g: GenderOrAll) => `nosa|${g}`,
  outcome: (g: GenderOrAll, c: OutcomeColumn) => `outcome|${g}|${c}`,
  workOrStudies: (g: GenderOrAll) => `ws|${g}`,
  benefitOrAssistance: (g: GenderOrAll) => `ba|${g}`,
};

/** One count the report publishes: a sum of measures over the rows of one procurement (or all) and one gender (or all). */
export interface CountDefinition {
  procurementId: number | typeof ALL;
  gender: GenderOrAll;
  measures: readonly Measure[];
}

/** Every count the report publishes, in every table, by cell id. */
export function cellDefinitions(procurementIds: number[]): Record<string, CountDefinition> {
  const definitions: Record<string, CountDefinition> = {};
  const participantsMeasures = ["on_social_assistance", "not_on_social_assistance"] as const;
  for (const g of gendersAndAll) {
    for (const p of [...procurementIds, ALL]) definitions[cellId.participants(p, g)] = { procurementId: p, gender: g, measures: participantsMeasures };
    definitions[cellId.sa(g)] = { procurementId: ALL, gender: g, measures: ["on_social_assistance"] };
    definitions[cellId.noSa(g)] = { procurementId: ALL, gender: g, measures: ["not_on_social_assistance"] };
    for (const c of outcomeColumns) definitions[cellId.outcome(g, c)] = { procurementId: ALL, gender: g, measures: [c] };
    definitions[cellId.workOrStudies(g)] = { procurementId: ALL, gender: g, measures: ["work", "studies"] };
    definitions[cellId.benefitOrAssistance(g)] = { procurementId: ALL, gender: g, measures: ["unemployment_benefit", "social_assistance"] };
  }
  return definitions;
}

function matches(definition: CountDefinition, row: { procurementId: number; gender: Gender }): boolean {
  return (
    (definition.procurementId === ALL || definition.procurementId === row.procurementId) && (definition.gender === ALL || definition.gender === row.gender)
  );
}

/**
 * All the counts the report publishes, as one set of cells with the additive relations between
 * them, so that a count hidden in one table is hidden in every table it appears in.
 */
export function reportCells(rows: OutcomeRow[], procurementIds: number[]): { cells: Record<string, number>; relations: Relation[] } {
  const inReport = rows.filter((row) => procurementIds.includes(row.procurementId));
  const cells = Object.fromEntries(
    Object.entries(cellDefinitions(procurementIds)).map(([id, definition]) => [
      id,
      inReport.filter((row) => matches(definition, row)).reduce((sum, row) => sum + definition.measures.reduce((s, m) => s + measureValues(row)[m], 0), 0),
    ]),
  );
  const relations: Relation[] = [];
  for (const p of [...procurementIds, ALL]) {
    relations.push({ total: cellId.participants(p, ALL), parts: genders.map((g) => cellId.participants(p, g)) });
  }
  for (const g of gendersAndAll) {
    relations.push({ total: cellId.participants(ALL, g), parts: procurementIds.map((p) => cellId.participants(p, g)) });
    relations.push({ total: cellId.participants(ALL, g), parts: [cellId.sa(g), cellId.noSa(g)] });
    relations.push({ total: cellId.participants(ALL, g), parts: outcomeColumns.map((c) => cellId.outcome(g, c)) });
    relations.push({ total: cellId.workOrStudies(g), parts: [cellId.outcome(g, "work"), cellId.outcome(g, "studies")] });
    relations.push({
      total: cellId.benefitOrAssistance(g),
      parts: [cellId.outcome(g, "unemployment_benefit"), cellId.outcome(g, "social_assistance")],
    });
  }
  relations.push({ total: cellId.sa(ALL), parts: genders.map((g) => cellId.sa(g)) });
  relations.push({ total: cellId.noSa(ALL), parts: genders.map((g) => cellId.noSa(g)) });
  for (const c of outcomeColumns) relations.push({ total: cellId.outcome(ALL, c), parts: genders.map((g) => cellId.outcome(g, c)) });
  relations.push({ total: cellId.workOrStudies(ALL), parts: genders.map((g) => cellId.workOrStudies(g)) });
  relations.push({ total: cellId.benefitOrAssistance(ALL), parts: genders.map((g) => cellId.benefitOrAssistance(g)) });
  return { cells, relations };
}

/** What a public version of the report published, as the audit needs it: its rows (private) and the cells it hid. */
export interface PublishedCounts {
  rows: RegisterRow[];
  procurementIds: number[];
  hidden: string[];
}

export interface SuppressedCounts {
  counts: ReportCounts;
  /** Cell ids held back, the form a published version keeps for later audits. */
  hidden: string[];
  /** Counts that earlier public versions already give away (none when they were published through the audit). */
  exposedByHistory: string[];
}

/**
 * The report's count tables with every small count, and every figure that would reveal one or
 * narrow it down, held back: first by the relations of this report's own tables (fast, and it
 * chooses the usual patterns), then by the exact audit over this report and every public version.
 */
export function reportCounts({
  rows,
  procurementIds,
  history = [],
  solver,
}: {
  rows: RegisterRow[];
  procurementIds: number[];
  history?: PublishedCounts[];
  solver: IntegerSolver;
}): SuppressedCounts {
  const { cells, relations } = reportCells(rows, procurementIds);
  const byRelations = suppressedCells(cells, relations);
  const publications = [...history, { rows, procurementIds, hidden: [...byRelations] }];
  const { hidden, exposedByHistory } = auditAndProtect(auditProblem(publications), solver);
  const candidatePrefix = `${publications.length - 1}:`;
  const hiddenHere = new Set([...hidden].filter((id) => id.startsWith(candidatePrefix)).map((id) => id.slice(candidatePrefix.length)));
  const shown = (id: string): ShownCount => (hiddenHere.has(id) ? { value: null, suppressed: true } : { value: cells[id], suppressed: false });
  const per = <T>(f: (g: GenderOrAll) => T) => Object.fromEntries(gendersAndAll.map((g) => [g, f(g)])) as Record<GenderOrAll, T>;
  const counts: ReportCounts = {
    participants: per((g) => ({
      total: shown(cellId.participants(ALL, g)),
      onSocialAssistance: shown(cellId.sa(g)),
      notOnSocialAssistance: shown(cellId.noSa(g)),
    })),
    outcomes: per((g) => Object.fromEntries(outcomeColumns.map((c) => [c, shown(cellId.outcome(g, c))])) as Record<OutcomeColumn, ShownCount>),
    groups: per((g) => ({ workOrStudies: shown(cellId.workOrStudies(g)), benefitOrAssistance: shown(cellId.benefitOrAssistance(g)) })),
    shares: per((g) => ({
      workOrStudies: shownShare(shown(cellId.workOrStudies(g)), shown(cellId.participants(ALL, g))),
      benefitOrAssistance: shownShare(shown(cellId.benefitOrAssistance(g)), shown(cellId.participants(ALL, g))),
    })),
    byProcurement: procurementIds.map((p) => ({ procurementId: p, counts: per((g) => shown(cellId.participants(p, g))) })),
    byProcurementTotal: per((g) => shown(cellId.participants(ALL, g))),
  };
  return { counts, hidden: [...hiddenHere].sort(), exposedByHistory };
}

/** Every cell of the count tables by cell id, as `reportCounts` laid them out (for reading a frozen report back). */
export function cellsOfCounts(counts: ReportCounts): Record<string, ShownCount> {
  const cells: Record<string, ShownCount> = {};
  for (const g of gendersAndAll) {
    cells[cellId.participants(ALL, g)] = counts.participants[g].total;
    cells[cellId.sa(g)] = counts.participants[g].onSocialAssistance;
    cells[cellId.noSa(g)] = counts.participants[g].notOnSocialAssistance;
    for (const c of outcomeColumns) cells[cellId.outcome(g, c)] = counts.outcomes[g][c];
    cells[cellId.workOrStudies(g)] = counts.groups[g].workOrStudies;
    cells[cellId.benefitOrAssistance(g)] = counts.groups[g].benefitOrAssistance;
    for (const p of counts.byProcurement) cells[cellId.participants(p.procurementId, g)] = p.counts[g];
  }
  return cells;
}

/** Holding back a total costs the reader more than a detail; the grand total most. */
function holdingBackCost(id: string, value: number): number {
  const [, first, second] = id.split("|");
  const totals = [first, second].filter((part) => part === ALL).length;
  return totals * 1000 + (id === cellId.participants(ALL, ALL) ? 10_000 : 0) + value;
}

/**
 * The publications (public versions in the order they were published, then the report being
 * published) as atoms and figures. A row that reads the same in two publications is the same
 * atoms in both; a row that grew is its earlier atoms plus the atoms of what it gained; a row that
 * was corrected downwards starts over.
 */
export function auditProblem(publications: PublishedCounts[]): AuditProblem {
  const values: number[] = [];
  const balances: AuditProblem["balances"] = [];
  const groups: { procurementId: number; gender: Gender; variables: Record<Measure, number>; publications: Set<number> }[] = [];
  const newGroup = (row: OutcomeRow, counts: Record<Measure, number>) => {
    const variables = Object.fromEntries(measures.map((m) => [m, values.push(counts[m]) - 1])) as Record<Measure, number>;
    balances.push({
      plus: [variables.on_social_assistance, variables.not_on_social_assistance],
      minus: outcomeColumns.map((c) => variables[c]),
    });
    groups.push({ procurementId: row.procurementId, gender: row.gender, variables, publications: new Set() });
    return groups.length - 1;
  };
  const chains = new Map<string, { last: Record<Measure, number>; groups: number[] }>();
  publications.forEach((publication, index) => {
    for (const row of publication.rows) {
      if (!publication.procurementIds.includes(row.procurementId)) continue;
      const key = [row.procurementId, row.periodFrom, row.periodTo, row.gender].join("|");
      const counts = measureValues(row);
      let chain = chains.get(key);
      if (!chain) {
        chain = { last: counts, groups: [newGroup(row, counts)] };
      } else if (measures.some((m) => counts[m] !== chain!.last[m])) {
        const gained = Object.fromEntries(measures.map((m) => [m, counts[m] - chain!.last[m]])) as Record<Measure, number>;
        chain = measures.every((m) => gained[m] >= 0)
          ? { last: counts, groups: [...chain.groups, newGroup(row, gained)] }
          : { last: counts, groups: [newGroup(row, counts)] };
      }
      chains.set(key, chain);
      for (const g of chain.groups) groups[g].publications.add(index);
    }
  });

  const variablesOf = (definition: CountDefinition, inGroup: (group: (typeof groups)[number]) => boolean) =>
    groups.filter((group) => inGroup(group) && matches(definition, group)).flatMap((group) => definition.measures.map((m) => group.variables[m]));
  const sum = (variables: number[]) => variables.reduce((s, v) => s + values[v], 0);
  const candidate = publications.length - 1;
  const figures: AuditFigure[] = publications.flatMap((publication, index) => {
    const hidden = new Set(publication.hidden);
    return Object.entries(cellDefinitions(publication.procurementIds)).map(([id, definition]) => {
      const variables = variablesOf(definition, (group) => group.publications.has(index));
      const value = sum(variables);
      return { id: `${index}:${id}`, publication: index, variables, value, hidden: hidden.has(id), cost: holdingBackCost(id, value) };
    });
  });

  // Slivers: the groups of people that exactly the same publications count. When more than one
  // publication is public, differences between them describe these groups.
  const slivers: AuditProblem["slivers"] = [];
  if (publications.length > 1) {
    const published = new Set(figures.map((f) => [...f.variables].sort((a, b) => a - b).join(",")));
    const allProcurements = [...new Set(publications.flatMap((p) => p.procurementIds))];
    const signatures = new Set(groups.map((g) => [...g.publications].sort((a, b) => a - b).join(",")));
    for (const signature of signatures) {
      for (const [id, definition] of Object.entries(cellDefinitions(allProcurements))) {
        const variables = variablesOf(definition, (group) => [...group.publications].sort((a, b) => a - b).join(",") === signature);
        const value = sum(variables);
        if (!isSmall(value) || published.has([...variables].sort((a, b) => a - b).join(","))) continue;
        slivers.push({ id: `sliver|${signature}|${id}`, variables, value });
      }
    }
  }
  return { values, balances, figures, slivers, candidate };
}

// --- The register as pages read it (mapped from its rows in `models/pilot-rows.server.ts`) --------

/** Who changed a thing of the register, and when. */
export interface Changed {
  at: string;
  byName: string | null;
}

/** What the register keeps of a procurement, as its form gives it. */
export interface ProcurementInput {
  title: string;
  buyingUnit: string;
  supplierOrganisationId: number | null;
  /** The free-text supplier, when it is not an organisation in the network. */
  supplierName: string | null;
  kind: ProcurementKind;
  cpvCode: string | null;
  status: ProcurementStatus;
  startDate: string | null;
  endDate: string | null;
  contractValueSek: number | null;
  requestId: number | null;
}

/** A procurement of the register, with the names of what it links to. */
export interface Procurement extends ProcurementInput {
  id: number;
  supplierOrganisationName: string | null;
  supplierOrganisationSlug: string | null;
  requestTitle: string | null;
  isExample: boolean;
  updated: Changed;
}

/** The text of one reporting point. */
export interface PilotNote {
  point: NotePoint;
  body: string;
  updated: Changed;
}

/** An extra cost with its proposal for handling (reporting point 7). */
export interface ExtraCost {
  id: number;
  description: string;
  amountSek: number;
  proposal: string;
  created: Changed;
}

/** One entry of the register's change log. */
export interface PilotChange {
  id: number;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  changed: Changed;
}

/** An organisation whose participation in the pilot can be set. */
export interface ParticipationCandidate {
  id: number;
  name: string;
  slug: string;
  kind: OrganisationKind;
  status: OrganisationStatus;
  pilotParticipant: boolean;
}

/** A published version of the report, as the list of versions shows it. */
export interface ReportVersionSummary {
  id: number;
  periodFrom: string;
  periodTo: string;
  version: number;
  published: Changed;
}
