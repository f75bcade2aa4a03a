/**
 * Rules of a joint bid that need no database: which capacity a commitment may draw on and on
 * which dates, the no-over-booking arithmetic, turning requests and commitments into the planner's
 * input, the summary the bid page shows, eligibility for reserved procurement, and the status
 * rules. See docs/decisions/008-commitments-overbooking-plan-storage.md.
 */
import type { CapacityPeriod } from "./capacity";
import { deliveryDates, intersectPeriod, weekStart } from "./delivery-dates";
import { RESERVED_CONTRACT_THRESHOLD } from "./organisation";
import { PlannerInputError, planJointBid, type CapacityOffer, type DemandLine, type Plan, type PlanInput } from "./planner";
import { isoWeekday } from "./swedish-holidays";

/** A joint bid's life: planned (draft), members committed, handed in, and the buyer's outcome. */
export const jointBidStatuses = ["draft", "committed", "submitted", "won", "lost", "withdrawn"] as const;
export type JointBidStatus = (typeof jointBidStatuses)[number];
/** An invited organisation's answer to the lead. */
export const participantStatuses = ["invited", "accepted", "declined"] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

// --- Sites ----------------------------------------------------------------------------------------

/**
 * A stored capacity line or commitment with no sites serves every site: that is the planner's
 * `null`. The planner's `[]` would mean "no site at all", which nothing stored ever means.
 */
export function sitesForPlanner(stored: readonly string[]): string[] | null {
  return stored.length === 0 ? null : [...stored];
}

// --- Capacity, commitments and over-booking ------------------------------------------------------

export interface StoredCapacityLine {
  id: number;
  period: CapacityPeriod;
  /** Units per delivery day on the weekdays (period "weekday"), or per ISO week (period "week"). */
  quantity: number;
  weekdays: readonly number[];
  validFrom: string | null;
  validTo: string | null;
  sites: readonly string[];
}

export interface RequestPeriod {
  from: string;
  to: string;
  /** false when the request also wants deliveries on public holidays. */
  skipHolidays: boolean;
}

/**
 * The dates a commitment on a capacity line delivers: the request period cut to the line's
 * validity, on the commitment's weekdays that the line also works (a weekly line works every day).
 */
export function commitmentDates(period: RequestPeriod, line: StoredCapacityLine, weekdays: readonly number[]): readonly string[] {
  const window = intersectPeriod(period, { from: line.validFrom, to: line.validTo });
  if (!window) return [];
  const days = line.period === "weekday" ? weekdays.filter((d) => line.weekdays.includes(d)) : [...weekdays];
  return deliveryDates({ ...window, weekdays: days, skipHolidays: period.skipHolidays });
}

/** A commitment that already holds capacity on a line: so many units on each of these dates. */
export interface HeldCommitment {
  quantity: number;
  dates: readonly string[];
}

/** A weekday line is limited per date, a weekly line per ISO week (keyed by its Monday). */
export function limitKey(line: StoredCapacityLine, date: string): string {
  return line.period === "week" ? weekStart(date) : date;
}

/** Units held on the line per limit period (date or week). */
export function lineLoad(line: StoredCapacityLine, held: readonly HeldCommitment[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const commitment of held) {
    for (const date of commitment.dates) {
      const key = limitKey(line, date);
      load.set(key, (load.get(key) ?? 0) + commitment.quantity);
    }
  }
  return load;
}

/**
 * The confirmed commitments a capacity line could no longer carry once changed to `after` (null: the
 * line is removed). `before` holds them with the dates they were confirmed for (under the line as it
 * is), `afterDates` the same commitments with the dates they would deliver on under the changed line
 * (a commitment's dates follow its line's validity and weekdays). A commitment is beyond the line
 * when it was confirmed for a date the changed line does not work or is not valid on, or when it
 * would deliver on a date (a week, for a weekly line) whose confirmed total exceeds the changed
 * quantity. A commitment of nothing holds nothing. Decision 018: such a change is refused, so
 * confirmed commitments never exceed declared capacity.
 */
export function commitmentsBeyondLine<T extends HeldCommitment>(after: StoredCapacityLine | null, before: readonly T[], afterDates: readonly T[]): T[] {
  const holding = (list: readonly T[]) => list.filter((c) => c.quantity > 0 && c.dates.length > 0);
  if (after === null) return holding(before);
  const works = (date: string) =>
    (after.validFrom === null || date >= after.validFrom) &&
    (after.validTo === null || date <= after.validTo) &&
    (after.period === "week" || after.weekdays.includes(isoWeekday(date)));
  const load = lineLoad(after, holding(afterDates));
  return [
    ...holding(before).filter((c) => c.dates.some((date) => !works(date))),
    ...holding(afterDates).filter((c) => c.dates.some((date) => load.get(limitKey(after, date))! > after.quantity)),
  ];
}

/**
 * Free capacity, the one notion of it (decision 018): what the line can still take per delivery on
 * each of the given dates after what is held (the confirmed commitments of other live bids, and
 * whatever the caller adds). A weekday line has its declared quantity on each date it works; a
 * weekly line has it once per ISO week, shared over the deliveries asked for in that week. Dates
 * the line does not work have nothing free.
 */
export function freePerDelivery(line: StoredCapacityLine, held: readonly HeldCommitment[], dates: readonly string[]): Map<string, number> {
  const load = lineLoad(line, held);
  const deliveries = lineLoad(line, [{ quantity: 1, dates }]);
  const free = new Map<string, number>();
  for (const date of dates) {
    const key = limitKey(line, date);
    free.set(date, Math.max(0, Math.floor((line.quantity - (load.get(key) ?? 0)) / deliveries.get(key)!)));
  }
  return free;
}

export interface Overbooking {
  /** The date (weekday line) or the Monday of the week (weekly line) that would be over-booked. */
  period: string;
  capacity: number;
  /** Units already held there by other commitments. */
  held: number;
  /** Units this commitment would add there. */
  wanted: number;
}

/**
 * The first date or week on which the candidate asks for more than is free, or null when it fits
 * on every date.
 */
export function findOverbooking(line: StoredCapacityLine, held: readonly HeldCommitment[], candidate: HeldCommitment): Overbooking | null {
  if (candidate.quantity === 0) return null;
  const free = freePerDelivery(line, held, candidate.dates);
  const date = [...candidate.dates].sort().find((d) => candidate.quantity > free.get(d)!);
  if (date === undefined) return null;
  const period = limitKey(line, date);
  return { period, capacity: line.quantity, held: lineLoad(line, held).get(period) ?? 0, wanted: lineLoad(line, [candidate]).get(period)! };
}

/**
 * The largest quantity per delivery that is free on every one of the dates: what prefill proposes
 * and what a commitment form says is available. 0 when there are no dates.
 */
export function availablePerDelivery(line: StoredCapacityLine, held: readonly HeldCommitment[], dates: readonly string[]): number {
  if (dates.length === 0) return 0;
  return Math.min(...freePerDelivery(line, held, dates).values());
}

// --- Planner input -------------------------------------------------------------------------------

export interface DemandSource {
  id: number;
  item: string;
  unit: string;
  site: string;
  weekdays: readonly number[];
  quantity: number;
}

export interface CommitmentSource {
  id: number;
  organisationId: number;
  item: string;
  quantity: number;
  sites: readonly string[];
  dates: readonly string[];
  /** What the commitment may deliver on each date, when free capacity caps it below `quantity`. */
  cappedTo?: ReadonlyMap<string, number>;
}

/** A commitment with the capacity line it draws on. */
export interface LineCommitment extends CommitmentSource {
  capacityLineId: number;
}

/**
 * Caps commitments at free capacity, date by date, in the order given: each may deliver no more
 * than its line has free after what other bids hold and what the commitments before it on the same
 * line already take. A confirmed commitment normally fits whole (its confirmation checked it); one
 * whose line was cut since, or a pending one that other bids have overtaken, is planned with
 * what is free, never with more.
 */
export function capToFreeCapacity(
  commitments: readonly LineCommitment[],
  lines: ReadonlyMap<number, StoredCapacityLine>,
  heldElsewhere: ReadonlyMap<number, readonly HeldCommitment[]>,
): LineCommitment[] {
  const taken = new Map<number, HeldCommitment[]>();
  return commitments.map((c) => {
    const line = lines.get(c.capacityLineId)!;
    const held = [...(heldElsewhere.get(line.id) ?? []), ...(taken.get(line.id) ?? [])];
    const free = freePerDelivery(line, held, c.dates);
    const byQuantity = new Map<number, string[]>();
    for (const date of c.dates) {
      const quantity = Math.min(c.quantity, free.get(date)!);
      const dates = byQuantity.get(quantity);
      if (dates) dates.push(date);
      else byQuantity.set(quantity, [date]);
    }
    const onLine = taken.get(line.id) ?? [];
    for (const [quantity, dates] of byQuantity) onLine.push({ quantity, dates });
    taken.set(line.id, onLine);
    if (byQuantity.size === 0 || (byQuantity.size === 1 && byQuantity.has(c.quantity))) return c;
    return { ...c, cappedTo: new Map(c.dates.map((date) => [date, Math.min(c.quantity, free.get(date)!)])) };
  });
}

export type PlanProblem =
  | { kind: "noDemand" }
  | { kind: "noCommitments" }
  | { kind: "unknownSite"; organisationId: number; site: string }
  | { kind: "unknownItem"; organisationId: number; item: string }
  | { kind: "planner"; message: string };

/** Each demand line on each delivery date of the request period. */
export function expandDemand(period: RequestPeriod, lines: readonly DemandSource[]): DemandLine[] {
  const demand: DemandLine[] = [];
  for (const line of lines) {
    for (const date of deliveryDates({ from: period.from, to: period.to, weekdays: line.weekdays, skipHolidays: period.skipHolidays })) {
      demand.push({ id: `d${line.id}:${date}`, item: line.item, site: line.site, slot: date, quantity: line.quantity });
    }
  }
  return demand;
}

/** Each commitment on each of its dates (at its cap there, if any), with its stored "every site" as the planner's null. */
export function commitmentOffers(commitments: readonly CommitmentSource[]): CapacityOffer[] {
  const offers: CapacityOffer[] = [];
  for (const c of commitments) {
    const sites = sitesForPlanner(c.sites);
    for (const date of c.dates) {
      offers.push({ id: `c${c.id}:${date}`, orgId: String(c.organisationId), item: c.item, slot: date, sites, capacity: c.cappedTo?.get(date) ?? c.quantity });
    }
  }
  return offers;
}

/**
 * The planner's input for a bid, or the problem that stops it: a commitment naming a site or an
 * item the request does not have is a mistake to show, not something to plan around silently.
 */
export function buildPlanInput({
  period,
  demand,
  commitments,
}: {
  period: RequestPeriod;
  demand: readonly DemandSource[];
  commitments: readonly CommitmentSource[];
}): { ok: true; input: PlanInput } | { ok: false; problem: PlanProblem } {
  if (demand.length === 0) return { ok: false, problem: { kind: "noDemand" } };
  const sites = new Set(demand.map((d) => d.site));
  const items = new Set(demand.map((d) => d.item));
  for (const c of commitments) {
    const unknown = c.sites.find((s) => !sites.has(s));
    if (unknown !== undefined) return { ok: false, problem: { kind: "unknownSite", organisationId: c.organisationId, site: unknown } };
    if (!items.has(c.item)) return { ok: false, problem: { kind: "unknownItem", organisationId: c.organisationId, item: c.item } };
  }
  return { ok: true, input: { demand: expandDemand(period, demand), capacity: commitmentOffers(commitments) } };
}

/** The planner, with its input errors as a problem to show instead of an exception. */
export function runPlanner(input: PlanInput): { ok: true; plan: Plan } | { ok: false; problem: PlanProblem } {
  try {
    return { ok: true, plan: planJointBid(input) };
  } catch (error) {
    if (error instanceof PlannerInputError || error instanceof TypeError) {
      return { ok: false, problem: { kind: "planner", message: error.message } };
    }
    throw error;
  }
}

// --- What the page shows ------------------------------------------------------------------------

export interface ShortfallRow {
  item: string;
  unit: string;
  site: string;
  weekday: number;
  /** Delivery dates on that weekday at that site with something missing. */
  days: number;
  /** Units missing over all those dates. */
  missing: number;
  /** The most missing on any one of them. */
  maxPerDay: number;
}

export interface ParticipantLoad {
  organisationId: number;
  allocated: number;
  capacity: number;
  /** allocated / capacity, 0 when nothing was offered. */
  utilisation: number;
}

export interface AllocationRow {
  organisationId: number;
  item: string;
  unit: string;
  site: string;
  weekday: number;
  /** Deliveries (demand lines on a date) this participant serves there. */
  days: number;
  quantity: number;
}

export interface WeekRow {
  /** Monday of the ISO week. */
  week: string;
  demanded: number;
  covered: number;
}

export interface PlanSummary {
  demanded: number;
  covered: number;
  /** Covered share of demand in percent, one decimal; 100 when nothing is demanded. */
  coverage: number;
  maxUtilisation: number;
  shortfall: ShortfallRow[];
  participants: ParticipantLoad[];
  allocations: AllocationRow[];
  weeks: WeekRow[];
}

/** Idle capacity of a participant that fits a shortfall: "Fontänhuset kan leverera 5 till på tisdagar till Kristallen". */
export interface IdleHint {
  organisationId: number;
  item: string;
  unit: string;
  site: string;
  weekday: number;
  /** More it could deliver on each of `days` of the short dates on that weekday at that site. */
  quantity: number;
  days: number;
  /** Short dates on that weekday at that site. */
  shortDays: number;
}

/**
 * What the bid page shows of a stored plan: the plan on confirmed commitments, and beside it the
 * coverage if every pending commitment were confirmed too (null when none is pending). Plans
 * stored before decision 018 have neither `pending` nor `idle`.
 */
export interface BidPlanSummary extends PlanSummary {
  pending?: { covered: number; coverage: number } | null;
  idle?: IdleHint[];
}

export function coveragePercent(covered: number, demanded: number): number {
  return demanded === 0 ? 100 : Math.round((covered / demanded) * 1000) / 10;
}

/** Everything the bid page, the print view and the feasibility panel show, from one plan. */
export function summarisePlan(input: PlanInput, plan: Plan, unitOfItem: (item: string) => string): PlanSummary {
  // Per demand line once: its weekday, week and group key; allocations then only look these up.
  const weekdayOfSlot = new Map<string, number>();
  const weekOfSlot = new Map<string, string>();
  // The allocation rows of each group (item, site, weekday) by organisation, shared by the group's demand lines.
  const groupRows = new Map<string, Map<string, AllocationRow & { lastDemand: string }>>();
  const demandById = new Map<string, { line: DemandLine; weekday: number; group: string; rows: Map<string, AllocationRow & { lastDemand: string }> }>();
  for (const line of input.demand) {
    let weekday = weekdayOfSlot.get(line.slot);
    if (weekday === undefined) {
      weekday = isoWeekday(line.slot);
      weekdayOfSlot.set(line.slot, weekday);
      weekOfSlot.set(line.slot, weekStart(line.slot));
    }
    const group = `${line.item}\u0000${line.site}\u0000${weekday}`;
    let rows = groupRows.get(group);
    if (!rows) groupRows.set(group, (rows = new Map()));
    demandById.set(line.id, { line, weekday, group, rows });
  }

  const shortfall = new Map<string, ShortfallRow>();
  for (const { demandId, missing } of plan.shortfall) {
    const { line, weekday, group } = demandById.get(demandId)!;
    let row = shortfall.get(group);
    if (!row) shortfall.set(group, (row = { item: line.item, unit: unitOfItem(line.item), site: line.site, weekday, days: 0, missing: 0, maxPerDay: 0 }));
    row.days += 1;
    row.missing += missing;
    row.maxPerDay = Math.max(row.maxPerDay, missing);
  }

  const participants = new Map<string, ParticipantLoad>();
  const load = (orgId: string) => {
    let entry = participants.get(orgId);
    if (!entry) participants.set(orgId, (entry = { organisationId: Number(orgId), allocated: 0, capacity: 0, utilisation: 0 }));
    return entry;
  };
  for (const line of input.capacity) load(line.orgId).capacity += line.capacity;

  // Allocations come ordered by demand line, so a row counts a delivery when the demand line changes.
  const allocations: (AllocationRow & { lastDemand: string })[] = [];
  const coveredByDemand = new Map<string, number>();
  for (const a of plan.allocations) {
    load(a.orgId).allocated += a.quantity;
    coveredByDemand.set(a.demandId, (coveredByDemand.get(a.demandId) ?? 0) + a.quantity);
    const { line, weekday, rows } = demandById.get(a.demandId)!;
    let row = rows.get(a.orgId);
    if (!row) {
      row = { organisationId: Number(a.orgId), item: line.item, unit: unitOfItem(line.item), site: line.site, weekday, days: 0, quantity: 0, lastDemand: "" };
      rows.set(a.orgId, row);
      allocations.push(row);
    }
    if (row.lastDemand !== a.demandId) {
      row.days += 1;
      row.lastDemand = a.demandId;
    }
    row.quantity += a.quantity;
  }

  const weeks = new Map<string, WeekRow>();
  for (const line of input.demand) {
    const week = weekOfSlot.get(line.slot)!;
    let row = weeks.get(week);
    if (!row) weeks.set(week, (row = { week, demanded: 0, covered: 0 }));
    row.demanded += line.quantity;
    row.covered += coveredByDemand.get(line.id) ?? 0;
  }

  for (const entry of participants.values()) entry.utilisation = entry.capacity === 0 ? 0 : entry.allocated / entry.capacity;
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    demanded: plan.demanded,
    covered: plan.covered,
    coverage: coveragePercent(plan.covered, plan.demanded),
    maxUtilisation: plan.maxUtilisation,
    shortfall: [...shortfall.values()].sort((a, b) => b.missing - a.missing || byText(a.site, b.site) || a.weekday - b.weekday),
    participants: [...participants.values()].sort((a, b) => b.allocated - a.allocated || a.organisationId - b.organisationId),
    allocations: allocations
      .map(({ lastDemand: _, ...row }) => row)
      .sort((a, b) => a.organisationId - b.organisationId || byText(a.item, b.item) || byText(a.site, b.site) || a.weekday - b.weekday),
    weeks: [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : 1)),
  };
}

// --- Eligibility for reserved procurement --------------------------------------------------------

export type EligibilityReason = "noWorkforceShare" | "shareBelowThreshold" | "noShareDate" | "notVerified";

/** Why an organisation cannot take part in a reserved procurement (LOU 4 kap. 18 §); empty when it can. */
export function eligibilityReasons(org: {
  workforce_share: number | null;
  workforce_share_date: string | null;
  verified_at: string | null;
}): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  if (org.workforce_share === null) reasons.push("noWorkforceShare");
  else if (org.workforce_share < RESERVED_CONTRACT_THRESHOLD) reasons.push("shareBelowThreshold");
  if (org.workforce_share !== null && !org.workforce_share_date) reasons.push("noShareDate");
  if (!org.verified_at) reasons.push("notVerified");
  return reasons;
}

// --- Status -------------------------------------------------------------------------------------

/** Participants and commitments may change only before submission. */
export function isOpenForChanges(status: JointBidStatus): boolean {
  return status === "draft" || status === "committed";
}

/** Withdrawal is possible at any point before the award. */
export function canWithdraw(status: JointBidStatus): boolean {
  return status === "draft" || status === "committed" || status === "submitted";
}

/** Bids whose confirmed commitments hold capacity: every bid not withdrawn or lost. */
export const capacityHoldingStatuses: readonly JointBidStatus[] = ["draft", "committed", "submitted", "won"];

/** The buyer sees a bid once it has been submitted, and keeps seeing it after the award. */
export function buyerMaySee(bid: { status: JointBidStatus; submitted_at: string | null }): boolean {
  return bid.submitted_at !== null;
}
