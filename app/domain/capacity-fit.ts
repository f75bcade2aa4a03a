/**
 * Which capacity can serve which demand: the one rule behind the publish notifications, the
 * "requests that match us" filter, the feasibility panel, prefill and the capacity lines a
 * participant may promise from. A capacity line serves a demand line when its offering's CPV code
 * lies on one branch of the CPV hierarchy with what the demand line asks for, the line delivers to
 * the demand line's site, works on one of its weekdays, and is valid on one of its delivery dates.
 * Pure. See docs/decisions/018-free-capacity-and-capacity-fit.md.
 */
import { deliveryDates, weekStart } from "./delivery-dates";
import {
  availablePerDelivery,
  commitmentDates,
  limitKey,
  lineLoad,
  type HeldCommitment,
  type IdleHint,
  type RequestPeriod,
  type StoredCapacityLine,
} from "./joint-bid";
import type { CapacityOffer, DemandLine as PlannerDemand, Plan, PlanInput } from "./planner";
import { isoWeekday } from "./swedish-holidays";

// --- The CPV hierarchy ----------------------------------------------------------------------------

/**
 * A code's place in the hierarchy is in its digits: division XX000000, group XXX00000, class
 * XXXX0000, category XXXXX000, and finer codes below a category (15894210 School meals under
 * 15894200 Prepared meals). The stem is the digits down to the code's own level: the eight digits
 * without the zeros of the levels below it, never shorter than the division. Null for anything
 * that is not a CPV code.
 */
export function cpvStem(code: string): string | null {
  let stem = stems.get(code);
  if (stem === undefined) {
    const digits = /^(\d{8})(?:-\d)?$/.exec(code.trim())?.[1];
    const significant = digits?.replace(/0+$/, "");
    stem = !digits ? null : significant!.length >= 2 ? significant! : digits.slice(0, 2);
    if (stems.size >= 10_000) stems.clear();
    stems.set(code, stem);
  }
  return stem;
}

/** Stems already read: a plan or a feasibility check compares the same few codes thousands of times. */
const stems = new Map<string, string | null>();

/** The codes above this one, division first, as eight digits: 55521000 → 55000000, 55500000, 55520000. */
export function cpvAncestors(code: string): string[] {
  const stem = cpvStem(code);
  if (!stem) return [];
  const ancestors: string[] = [];
  for (let length = 2; length < stem.length; length++) ancestors.push(stem.slice(0, length).padEnd(8, "0"));
  return [...new Set(ancestors)];
}

/**
 * Two codes on one branch: the same code, or one of them an ancestor of the other. A member who
 * offers "Catering" can serve a request for "School catering", and one who offers "School meals"
 * can serve a request for "Prepared meals"; siblings (cafeteria services beside catering) cannot.
 */
export function cpvOnOneBranch(a: string, b: string): boolean {
  const stemA = cpvStem(a);
  const stemB = cpvStem(b);
  if (!stemA || !stemB) return false;
  return stemA.startsWith(stemB) || stemB.startsWith(stemA);
}

// --- Demand as the rule reads it ----------------------------------------------------------------

export interface FitDemandLine {
  id: number;
  item: string;
  site: string;
  weekdays: readonly number[];
  /**
   * What the line asks for: the request's code and, when the buyer gave one, the line's own code
   * for what is delivered (a procurement notice's main and additional CPV codes).
   */
  cpvCodes: readonly string[];
}

/** The codes a demand line is bought under: the request's, and the line's own when it has one. */
export function demandCpvCodes(requestCode: string, lineCode: string | null): string[] {
  return lineCode && lineCode !== requestCode ? [requestCode, lineCode] : [requestCode];
}

/** An offering's code serves a demand line when it lies on one branch with any code the line is bought under. */
export function cpvServes(offeringCode: string, demand: Pick<FitDemandLine, "cpvCodes">): boolean {
  return demand.cpvCodes.some((code) => cpvOnOneBranch(offeringCode, code));
}

export interface FitCapacityLine {
  line: StoredCapacityLine;
  /** The CPV code of the offering the line belongs to. */
  cpvCode: string;
}

/** The demand line's weekdays on which the capacity line works (a weekly line works every day). */
export function servedWeekdays(line: StoredCapacityLine, demand: Pick<FitDemandLine, "weekdays">): number[] {
  return line.period === "weekday" ? demand.weekdays.filter((d) => line.weekdays.includes(d)) : [...demand.weekdays];
}

/** A capacity line with no sites delivers anywhere. */
export function servesSite(line: StoredCapacityLine, site: string): boolean {
  return line.sites.length === 0 || line.sites.includes(site);
}

/**
 * The delivery dates of the demand line the capacity line can serve, in the request's period:
 * none unless the offering's code, the site, a weekday and the line's validity all fit.
 */
export function servedDates(capacity: FitCapacityLine, demand: FitDemandLine, period: RequestPeriod): readonly string[] {
  if (!cpvServes(capacity.cpvCode, demand) || !servesSite(capacity.line, demand.site)) return [];
  const weekdays = servedWeekdays(capacity.line, demand);
  return weekdays.length === 0 ? [] : commitmentDates(period, capacity.line, weekdays);
}

/** The rule itself: the capacity line can serve the demand line on at least one delivery date. */
export function capacityServes(capacity: FitCapacityLine, demand: FitDemandLine, period: RequestPeriod): boolean {
  return servedDates(capacity, demand, period).length > 0;
}

// --- Organisations and requests ------------------------------------------------------------------

export interface FitOffering {
  cpvCode: string;
  lines: readonly StoredCapacityLine[];
}

export interface FitRequest {
  cpvCode: string;
  period: RequestPeriod;
  lines: readonly FitDemandLine[];
}

/**
 * Whether an organisation's offerings fit a request: some capacity line serves some demand line.
 * An offering without capacity lines has said nothing about where or when it delivers, and a
 * request without demand lines (an RFI) nothing about what is delivered where, so then only the
 * codes are compared, by the same branch rule.
 */
export function offeringsFitRequest(offerings: readonly FitOffering[], request: FitRequest): boolean {
  return offerings.some((offering) => {
    if (request.lines.length === 0) return cpvOnOneBranch(offering.cpvCode, request.cpvCode);
    if (offering.lines.length === 0) return request.lines.some((demand) => cpvServes(offering.cpvCode, demand));
    return offering.lines.some((line) => request.lines.some((demand) => capacityServes({ line, cpvCode: offering.cpvCode }, demand, request.period)));
  });
}

// --- Prefill ----------------------------------------------------------------------------------------

export interface DemandWithQuantity extends FitDemandLine {
  unit: string;
  /** Per delivery. */
  quantity: number;
}

export interface ProposedCommitment {
  capacityLineId: number;
  item: string;
  quantity: number;
  weekdays: number[];
  sites: string[];
}

/**
 * What a participant's capacity lines propose for a bid: for each line, one commitment per item of
 * the request it serves, to the sites and on the weekdays of the demand lines of that item it
 * serves, and only those. The quantity is what is free on every one of those dates, no more than
 * the most those demand lines take on one day; a line serving several items shares what is free
 * between them in proportion to that. Each proposal counts as held for the next, so together they
 * never exceed free capacity and can be confirmed as proposed.
 */
export function proposeCommitments({
  capacity,
  demand,
  period,
  held,
}: {
  capacity: readonly FitCapacityLine[];
  demand: readonly DemandWithQuantity[];
  period: RequestPeriod;
  /** Per capacity line, what is held on it already. */
  held: ReadonlyMap<number, readonly HeldCommitment[]>;
}): ProposedCommitment[] {
  const allSitesOf = new Map<string, Set<string>>();
  for (const d of demand) allSitesOf.set(d.item, (allSitesOf.get(d.item) ?? new Set()).add(d.site));
  const proposals: ProposedCommitment[] = [];
  for (const fit of capacity) {
    const line = fit.line;
    const byItem = new Map<string, DemandWithQuantity[]>();
    for (const d of demand) if (capacityServes(fit, d, period)) byItem.set(d.item, [...(byItem.get(d.item) ?? []), d]);
    const items = [...byItem].map(([item, served]) => {
      const weekdays = [...new Set(served.flatMap((d) => servedWeekdays(line, d)))].sort((a, b) => a - b);
      const sites = [...new Set(served.map((d) => d.site))];
      // Most the item's served lines take together on any one weekday.
      const reach = Math.max(...weekdays.map((w) => served.filter((d) => servedWeekdays(line, d).includes(w)).reduce((sum, d) => sum + d.quantity, 0)));
      const everySite = line.sites.length === 0 && sites.length === allSitesOf.get(item)!.size;
      return { item, weekdays, sites: everySite ? [] : sites, reach, dates: commitmentDates(period, line, weekdays) };
    });
    const taken: HeldCommitment[] = [...(held.get(line.id) ?? [])];
    let remainingReach = items.reduce((sum, i) => sum + i.reach, 0);
    for (const i of items) {
      const free = availablePerDelivery(line, taken, i.dates);
      const share = remainingReach === i.reach ? free : Math.floor((free * i.reach) / remainingReach);
      const quantity = Math.min(i.reach, share);
      remainingReach -= i.reach;
      taken.push({ quantity, dates: i.dates });
      proposals.push({ capacityLineId: line.id, item: i.item, quantity, weekdays: i.weekdays, sites: i.sites });
    }
  }
  return proposals;
}

// --- Feasibility ------------------------------------------------------------------------------------

export interface NetworkCapacityLine {
  organisationId: number;
  fit: FitCapacityLine;
  /** What other requests' live bids hold on the line (confirmed commitments). */
  held: readonly HeldCommitment[];
}

/**
 * The planner's inputs for "can the network do this?": every demand line on each of its delivery
 * dates against every capacity line that serves it, once with declared capacity and once with
 * free capacity. Which demand lines a capacity line serves is the fit rule, not the planner's
 * item and site: each demand line is its own "site" (`#<id>`) and a capacity line's offer on a date
 * names the demand lines it serves that day, so no capacity is credited to an item it does not
 * make. `shown` is the demand as the page names it (item and site), for the summary.
 */
export function feasibilityInputs({
  period,
  demand,
  capacity,
}: {
  period: RequestPeriod;
  demand: readonly DemandWithQuantity[];
  capacity: readonly NetworkCapacityLine[];
}): { declared: PlanInput; free: PlanInput; shown: PlanInput; servingOrganisations: number } {
  const ITEM = "served";
  const plannerDemand: PlannerDemand[] = [];
  const shownDemand: PlannerDemand[] = [];
  for (const d of demand) {
    for (const date of deliveryDates({ from: period.from, to: period.to, weekdays: d.weekdays, skipHolidays: period.skipHolidays })) {
      plannerDemand.push({ id: `d${d.id}:${date}`, item: ITEM, site: `#${d.id}`, slot: date, quantity: d.quantity });
      shownDemand.push({ id: `d${d.id}:${date}`, item: d.item, site: d.site, slot: date, quantity: d.quantity });
    }
  }
  const declared: CapacityOffer[] = [];
  const free: CapacityOffer[] = [];
  const serving = new Set<number>();
  for (const { organisationId, fit, held } of capacity) {
    const served = demand.filter((d) => cpvServes(fit.cpvCode, d) && servesSite(fit.line, d.site));
    // The demand lines served on each weekday; a date's offer names them.
    const sitesOn = new Map<number, string[]>();
    for (const d of served) for (const w of servedWeekdays(fit.line, d)) sitesOn.set(w, [...(sitesOn.get(w) ?? []), `#${d.id}`]);
    const dates = commitmentDates(period, fit.line, [...sitesOn.keys()]);
    if (dates.length === 0) continue;
    serving.add(organisationId);
    const load = lineLoad(fit.line, held);
    const offers = (quantityOf: (key: string) => number, into: CapacityOffer[]) =>
      spreadOverDeliveries(fit.line, dates, quantityOf).forEach(([date, quantity]) =>
        into.push({
          id: `l${fit.line.id}:${date}`,
          orgId: String(organisationId),
          item: ITEM,
          slot: date,
          sites: sitesOn.get(isoWeekday(date))!,
          capacity: quantity,
        }),
      );
    offers(() => fit.line.quantity, declared);
    offers((key) => Math.max(0, fit.line.quantity - (load.get(key) ?? 0)), free);
  }
  return {
    declared: { demand: plannerDemand, capacity: declared },
    free: { demand: plannerDemand, capacity: free },
    shown: { demand: shownDemand, capacity: free },
    servingOrganisations: serving.size,
  };
}

/**
 * A line's capacity on its delivery dates: a weekday line's on each date; a weekly line's spread
 * over the week's delivery dates (the remainder to the earliest), since it may be delivered on any.
 */
function spreadOverDeliveries(line: StoredCapacityLine, dates: readonly string[], quantityOf: (key: string) => number): [string, number][] {
  if (line.period === "weekday") return dates.map((date) => [date, quantityOf(limitKey(line, date))]);
  const byWeek = new Map<string, string[]>();
  for (const date of dates) byWeek.set(weekStart(date), [...(byWeek.get(weekStart(date)) ?? []), date]);
  const spread: [string, number][] = [];
  for (const [week, weekDates] of byWeek) {
    const total = quantityOf(week);
    const share = Math.floor(total / weekDates.length);
    const extra = total - share * weekDates.length;
    weekDates.forEach((date, k) => spread.push([date, share + (k < extra ? 1 : 0)]));
  }
  return spread;
}

// --- Idle capacity beside a shortfall ------------------------------------------------------------

export interface ParticipantCapacityLine {
  organisationId: number;
  fit: FitCapacityLine;
}

/** The most hints a plan keeps: the page lists them, and a plan at region scale would have thousands. */
export const IDLE_HINTS = 30;

/**
 * For each shortfall of a plan, the participants whose capacity lines serve the short demand line
 * on those dates and still have capacity there that nothing uses: free after other bids, minus
 * what the plan allocates from the line. It is idle because no commitment lets the planner use it
 * there (a commitment to another item, site or weekday, or none), so the hint says what to change.
 * Per participant, demand line and weekday: the least it could add on the short dates where it
 * could add anything, and on how many of them. The `IDLE_HINTS` that would add most.
 */
export function idleFittingCapacity({
  demand,
  capacity,
  heldElsewhere,
  allocated,
  plan,
}: {
  demand: readonly DemandWithQuantity[];
  capacity: readonly ParticipantCapacityLine[];
  heldElsewhere: ReadonlyMap<number, readonly HeldCommitment[]>;
  /** Per capacity line, what the plan allocates from it on each date. */
  allocated: ReadonlyMap<number, ReadonlyMap<string, number>>;
  plan: Pick<Plan, "shortfall">;
}): IdleHint[] {
  const demandById = new Map(demand.map((d) => [d.id, d]));
  // Every short date once, with its weekday and ISO week; a demand line's short dates point to it by
  // index, so that what a line has idle is worked out once per date, not once per demand line it serves.
  const days: { date: string; weekday: number; week: string }[] = [];
  const dayOf = new Map<string, number>();
  const short = new Map<number, { day: number; missing: number }[]>();
  for (const { demandId, missing } of plan.shortfall) {
    const match = /^d(\d+):(.+)$/.exec(demandId);
    if (!match || !demandById.has(Number(match[1]))) continue;
    const date = match[2];
    let day = dayOf.get(date);
    if (day === undefined) {
      day = days.push({ date, weekday: isoWeekday(date), week: weekStart(date) }) - 1;
      dayOf.set(date, day);
    }
    const list = short.get(Number(match[1])) ?? [];
    list.push({ day, missing });
    short.set(Number(match[1]), list);
  }
  if (short.size === 0) return [];
  const shortDemand = [...short.keys()].map((id) => demandById.get(id)!);

  // Idle capacity of each organisation's serving lines, per short demand line and its short dates (in the order of `short`).
  const idle = new Map<number, Map<number, Float64Array>>();
  for (const { organisationId, fit } of capacity) {
    const line = fit.line;
    const served = shortDemand.filter((d) => cpvServes(fit.cpvCode, d) && servesSite(line, d.site));
    if (served.length === 0) continue;
    const used = [...(heldElsewhere.get(line.id) ?? [])];
    for (const [date, quantity] of allocated.get(line.id) ?? []) used.push({ quantity, dates: [date] });
    const load = lineLoad(line, used);
    const idleOn = days.map(({ date, weekday, week }) => {
      const works = line.period === "week" || line.weekdays.includes(weekday);
      if (!works || (line.validFrom !== null && date < line.validFrom) || (line.validTo !== null && date > line.validTo)) return 0;
      return Math.max(0, line.quantity - (load.get(line.period === "week" ? week : date) ?? 0));
    });
    const own = idle.get(organisationId) ?? new Map<number, Float64Array>();
    idle.set(organisationId, own);
    for (const d of served) {
      const shortDays = short.get(d.id)!;
      let byDay = own.get(d.id);
      if (!byDay) own.set(d.id, (byDay = new Float64Array(shortDays.length)));
      for (let k = 0; k < shortDays.length; k++) byDay[k] += idleOn[shortDays[k].day];
    }
  }

  const hints: IdleHint[] = [];
  for (const [organisationId, byDemand] of idle) {
    for (const [demandId, byDay] of byDemand) {
      const d = demandById.get(demandId)!;
      const perWeekday = new Map<number, { amounts: number[]; shortDays: number }>();
      short.get(demandId)!.forEach(({ day, missing }, k) => {
        const { weekday } = days[day];
        const group = perWeekday.get(weekday) ?? { amounts: [], shortDays: 0 };
        perWeekday.set(weekday, group);
        group.shortDays += 1;
        const amount = Math.min(missing, byDay[k]);
        if (amount > 0) group.amounts.push(amount);
      });
      for (const [weekday, { amounts, shortDays }] of perWeekday) {
        if (amounts.length === 0) continue;
        hints.push({ organisationId, item: d.item, unit: d.unit, site: d.site, weekday, quantity: Math.min(...amounts), days: amounts.length, shortDays });
      }
    }
  }
  return hints
    .sort(
      (a, b) => b.quantity * b.days - a.quantity * a.days || a.organisationId - b.organisationId || a.site.localeCompare(b.site, "sv") || a.weekday - b.weekday,
    )
    .slice(0, IDLE_HINTS);
}
