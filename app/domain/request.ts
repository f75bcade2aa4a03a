/**
 * The rules of a buyer's request that need no database: kinds, the life cycle, the deadline, and
 * which edits after publishing are wording corrections and which are amendments.
 */
export const requestKinds = ["direct_purchase", "rfi", "reserved", "employment_requirement"] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStatuses = ["draft", "published", "closed", "awarded", "cancelled"] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const responseInterests = ["yes", "maybe", "no"] as const;
export type ResponseInterest = (typeof responseInterests)[number];
export const MAX_RFI_QUESTIONS = 20;
export const MAX_DEMAND_LINES = 50;

export type RequestAction = "publish" | "close" | "award" | "cancel";

/**
 * The life cycle: draft → published → closed → awarded or cancelled. A draft or a published
 * request may also be cancelled. A published request whose deadline has passed counts as closed
 * (see `effectiveStatus`), so it can be awarded without being closed by hand first.
 */
const transitions: Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>> = {
  draft: { publish: "published", cancel: "cancelled" },
  published: { close: "closed", cancel: "cancelled" },
  closed: { award: "awarded", cancel: "cancelled" },
  awarded: {},
  cancelled: {},
};

export function nextStatus(current: RequestStatus, action: RequestAction): RequestStatus | null {
  return transitions[current][action] ?? null;
}

/** What the life cycle reads of a request: its stored status and its deadline (a UTC instant). */
export interface RequestDeadline {
  status: RequestStatus;
  deadlineAt: string;
}

/** The status people see: a published request past its deadline is closed, whatever is stored. */
export function effectiveStatus(request: RequestDeadline, now: Date): RequestStatus {
  if (request.status === "published" && Date.parse(request.deadlineAt) <= now.getTime()) return "closed";
  return request.status;
}

/** The actions open to the buyer now, in the order the page offers them. */
export function availableActions(request: RequestDeadline, now: Date): RequestAction[] {
  const status = effectiveStatus(request, now);
  return (["publish", "close", "award", "cancel"] as const).filter((action) => nextStatus(status, action) !== null);
}

/** Responses and questions are taken only while published and before the deadline, checked on the server. */
export function isOpenForResponses(request: RequestDeadline, now: Date): boolean {
  return effectiveStatus(request, now) === "published";
}

/** A draft is edited freely; a published request only by correction or amendment; nothing after. */
export function isEditable(status: RequestStatus): boolean {
  return status === "draft" || status === "published";
}

export interface TimeLeft {
  days: number;
  hours: number;
  minutes: number;
}

/** Time left to the deadline, or null when it has passed. */
export function timeLeft(deadlineAt: string, now: Date): TimeLeft | null {
  const ms = Date.parse(deadlineAt) - now.getTime();
  if (!(ms > 0)) return null;
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

// --- Weekdays -------------------------------------------------------------------------------------

/** ISO weekday (1–7) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** How many delivery days a line has in the period: the dates from..to (inclusive) on its weekdays. */
export function deliveryCount(from: string, to: string, weekdays: readonly number[]): number {
  const start = Date.parse(`${from}T12:00:00Z`);
  const end = Date.parse(`${to}T12:00:00Z`);
  if (!(end >= start) || weekdays.length === 0) return 0;
  const days = Math.round((end - start) / 86_400_000) + 1;
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * new Set(weekdays).size;
  const first = isoWeekday(from);
  for (let i = 0; i < days % 7; i++) {
    const wd = ((first - 1 + fullWeeks * 7 + i) % 7) + 1;
    if (weekdays.includes(wd)) count++;
  }
  return count;
}

// --- Corrections and amendments ---------------------------------------------------------------------

/** The fields of a request its buyer writes, named alike in the form's input, the stored request and its open data. */
export interface RequestFields {
  kind: RequestKind;
  title: string;
  description: string;
  cpvCode: string;
  periodFrom: string;
  periodTo: string;
  deadlineAt: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
}

/** A demand line as the buyer writes it; `id` is the stored line's, null or absent for a new one. */
export interface DemandLineFields {
  id?: number | null;
  item: string;
  unit: string;
  quantity: number;
  site: string;
  cpvCode?: string | null;
  weekdays: number[];
}

export interface RequestContent extends RequestFields {
  demandLines: DemandLineFields[];
  questions: string[];
}

/** The buyer's fields of anything that has them (a stored request, a form's input), and nothing else. */
export function requestFields({
  kind,
  title,
  description,
  cpvCode,
  periodFrom,
  periodTo,
  deadlineAt,
  contactName,
  contactEmail,
  contactPhone,
}: RequestFields): RequestFields {
  return { kind, title, description, cpvCode, periodFrom, periodTo, deadlineAt, contactName, contactEmail, contactPhone };
}

/** A demand line's fields, and nothing else. */
export function demandLineFields({ id, item, unit, quantity, site, cpvCode, weekdays }: DemandLineFields): DemandLineFields {
  return { id, item, unit, quantity, site, cpvCode, weekdays };
}

/** What a change of a request is compared on: its fields, its demand lines and its RFI questions. */
export function requestContent(request: RequestFields, lines: readonly DemandLineFields[], questions: readonly string[]): RequestContent {
  return { ...requestFields(request), demandLines: lines.map(demandLineFields), questions: [...questions] };
}

export type ChangeKind = "none" | "correction" | "amendment";

/**
 * After publishing, a change of wording (title, description, contact, the item's name) is a
 * correction; a change of what is bought or when (kind, CPV codes, period, deadline, quantities,
 * units, sites, weekdays, lines added or removed, RFI questions) is an amendment, which respondents
 * and joint bids on the request are told of.
 */
export function classifyChange(before: RequestContent, after: RequestContent): ChangeKind {
  const lineTerms = (r: RequestContent) =>
    JSON.stringify(r.demandLines.map((l) => [l.id ?? null, l.unit, l.quantity, l.site, l.cpvCode ?? null, [...new Set(l.weekdays)].sort((a, b) => a - b)]));
  const amended =
    before.kind !== after.kind ||
    before.cpvCode !== after.cpvCode ||
    before.periodFrom !== after.periodFrom ||
    before.periodTo !== after.periodTo ||
    Date.parse(before.deadlineAt) !== Date.parse(after.deadlineAt) ||
    lineTerms(before) !== lineTerms(after) ||
    JSON.stringify(before.questions) !== JSON.stringify(after.questions);
  if (amended) return "amendment";
  const worded =
    before.title !== after.title ||
    before.description !== after.description ||
    before.contactName !== after.contactName ||
    before.contactEmail !== after.contactEmail ||
    (before.contactPhone ?? "") !== (after.contactPhone ?? "") ||
    JSON.stringify(before.demandLines.map((l) => l.item)) !== JSON.stringify(after.demandLines.map((l) => l.item));
  return worded ? "correction" : "none";
}

/** One thing an amendment changed, old → new, for the people it is sent to. */
export type AmendmentChange =
  | { field: "kind"; from: RequestKind; to: RequestKind }
  | { field: "cpvCode"; from: string; to: string }
  | { field: "period"; from: { from: string; to: string }; to: { from: string; to: string } }
  | { field: "deadline"; from: string; to: string }
  | { field: "quantity"; line: DemandLineName; unit: string; from: number; to: number }
  | { field: "unit"; line: DemandLineName; from: string; to: string }
  | { field: "site"; line: DemandLineName; from: string; to: string }
  | { field: "weekdays"; line: DemandLineName; from: number[]; to: number[] }
  | { field: "lineCpv"; line: DemandLineName; from: string | null; to: string | null }
  | { field: "lineAdded"; line: DemandLineName; unit: string; quantity: number }
  | { field: "lineRemoved"; line: DemandLineName }
  | { field: "questions" };

/** A demand line as people know it: its item and site (before the change). */
export interface DemandLineName {
  item: string;
  site: string;
}

/** What an amendment changed, in the order the form shows it; lines are matched by id. */
export function describeAmendment(before: RequestContent, after: RequestContent): AmendmentChange[] {
  const changes: AmendmentChange[] = [];
  if (before.kind !== after.kind) changes.push({ field: "kind", from: before.kind, to: after.kind });
  if (before.cpvCode !== after.cpvCode) changes.push({ field: "cpvCode", from: before.cpvCode, to: after.cpvCode });
  if (before.periodFrom !== after.periodFrom || before.periodTo !== after.periodTo) {
    changes.push({ field: "period", from: { from: before.periodFrom, to: before.periodTo }, to: { from: after.periodFrom, to: after.periodTo } });
  }
  if (Date.parse(before.deadlineAt) !== Date.parse(after.deadlineAt)) changes.push({ field: "deadline", from: before.deadlineAt, to: after.deadlineAt });
  const days = (weekdays: readonly number[]) => [...new Set(weekdays)].sort((a, b) => a - b);
  const kept = new Set<number>();
  for (const line of after.demandLines) {
    const old = line.id == null ? undefined : before.demandLines.find((l) => l.id === line.id);
    if (!old) {
      changes.push({ field: "lineAdded", line: { item: line.item, site: line.site }, unit: line.unit, quantity: line.quantity });
      continue;
    }
    kept.add(line.id!);
    const name = { item: old.item, site: old.site };
    if (old.quantity !== line.quantity) changes.push({ field: "quantity", line: name, unit: line.unit, from: old.quantity, to: line.quantity });
    if (old.unit !== line.unit) changes.push({ field: "unit", line: name, from: old.unit, to: line.unit });
    if (old.site !== line.site) changes.push({ field: "site", line: name, from: old.site, to: line.site });
    if (JSON.stringify(days(old.weekdays)) !== JSON.stringify(days(line.weekdays)))
      changes.push({ field: "weekdays", line: name, from: days(old.weekdays), to: days(line.weekdays) });
    if ((old.cpvCode ?? null) !== (line.cpvCode ?? null)) changes.push({ field: "lineCpv", line: name, from: old.cpvCode ?? null, to: line.cpvCode ?? null });
  }
  for (const old of before.demandLines)
    if (old.id == null || !kept.has(old.id)) changes.push({ field: "lineRemoved", line: { item: old.item, site: old.site } });
  if (JSON.stringify(before.questions) !== JSON.stringify(after.questions)) changes.push({ field: "questions" });
  return changes;
}

// --- Week view ------------------------------------------------------------------------------------

export interface WeekViewLine {
  item: string;
  unit: string;
  quantity: number;
  site: string;
  weekdays: readonly number[];
}

export interface WeekView {
  /** Weekdays with at least one delivery, in order. */
  weekdays: number[];
  rows: { site: string; cells: Record<number, { item: string; unit: string; quantity: number }[]> }[];
}

/** What is needed per weekday (columns) and delivery site (rows). */
export function weekView(lines: readonly WeekViewLine[]): WeekView {
  const weekdays = [...new Set(lines.flatMap((l) => l.weekdays))].sort();
  const sites = [...new Set(lines.map((l) => l.site))].sort((a, b) => a.localeCompare(b, "sv"));
  return {
    weekdays,
    rows: sites.map((site) => {
      const cells: WeekView["rows"][number]["cells"] = {};
      for (const day of weekdays) {
        cells[day] = lines.filter((l) => l.site === site && l.weekdays.includes(day)).map((l) => ({ item: l.item, unit: l.unit, quantity: l.quantity }));
      }
      return { site, cells };
    }),
  };
}
