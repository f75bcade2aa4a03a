import type { CapacityOffer, DemandLine, PlanInput } from "../app/domain/planner";
import { createRandom, type Random } from "./random";

/**
 * A seeded, region-scale joint bid for benchmarking the planner: organisations offering one or
 * two items to a handful of delivery sites on their working weekdays, and demand per item, site
 * and weekday. Demand per (item, slot) is drawn around the capacity offered for it, and both are
 * spread unevenly over sites, so a plan has shortfall at some sites and slack at others.
 */
export interface SyntheticJointBidOptions {
  seed?: number;
  organisations?: number;
  weeks?: number;
  items?: number;
  sites?: number;
  /** ISO date of the Monday the first week starts on. */
  firstMonday?: string;
}

const itemNames = ["lunch-portions", "vegetable-boxes", "catering-trays", "bread-bags", "cleaning-hours"];

export function createSyntheticJointBid(options: SyntheticJointBidOptions = {}): PlanInput {
  const { seed = 20261126, organisations = 300, weeks = 52, items: itemCount = 3, sites: siteCount = 30, firstMonday = "2026-01-05" } = options;
  const random = createRandom(seed);
  const items = Array.from({ length: itemCount }, (_, k) => itemNames[k] ?? `item-${k + 1}`);
  const sites = Array.from({ length: siteCount }, (_, k) => `site-${String(k + 1).padStart(2, "0")}`);
  const slots = weekdaySlots(firstMonday, weeks);

  const capacity = offerCapacity(random, organisations, items, sites, slots);
  const demand = orderDemand(random, capacity, items, sites, slots);
  return { demand, capacity };
}

/** Monday to Friday of `weeks` consecutive weeks, as ISO dates. */
export function weekdaySlots(firstMonday: string, weeks: number): string[] {
  const start = Date.parse(`${firstMonday}T00:00:00Z`);
  const day = 24 * 60 * 60 * 1000;
  const slots: string[] = [];
  for (let week = 0; week < weeks; week++) {
    for (let weekday = 0; weekday < 5; weekday++) {
      slots.push(new Date(start + (week * 7 + weekday) * day).toISOString().slice(0, 10));
    }
  }
  return slots;
}

function offerCapacity(random: Random, organisations: number, items: string[], sites: string[], slots: string[]): CapacityOffer[] {
  const lines: CapacityOffer[] = [];
  for (let o = 1; o <= organisations; o++) {
    const orgId = `org-${String(o).padStart(3, "0")}`;
    // Weekday indices 0–4 the organisation works on; slots cycle Monday to Friday.
    const workdays = new Set(random.sample([0, 1, 2, 3, 4], random.int(3, 5)));
    for (const item of random.sample(items, random.int(1, 2))) {
      // A few organisations (a delivery firm, say) serve every site.
      const served = random.chance(0.03) ? null : random.sample(sites, random.int(1, 10)).sort();
      const typical = random.int(5, 60);
      slots.forEach((slot, s) => {
        if (!workdays.has(s % 5)) return;
        // Closed days (holidays, sick leave) are offered with capacity 0.
        const capacityToday = random.chance(0.02) ? 0 : Math.round(typical * (0.7 + 0.6 * random.next()));
        lines.push({
          id: `cap-${lines.length + 1}`,
          orgId,
          item,
          slot,
          sites: served === null ? null : [...served],
          capacity: capacityToday,
        });
      });
    }
  }
  return lines;
}

function orderDemand(random: Random, capacity: CapacityOffer[], items: string[], sites: string[], slots: string[]): DemandLine[] {
  const offered = new Map<string, number>();
  for (const line of capacity) {
    const key = `${line.item}|${line.slot}`;
    offered.set(key, (offered.get(key) ?? 0) + line.capacity);
  }
  // Big sites (a school kitchen) and small ones (a youth centre); a site's size holds all year.
  const siteWeight = sites.map(() => 0.2 + 1.8 * random.next());
  const totalWeight = siteWeight.reduce((a, b) => a + b, 0);

  const lines: DemandLine[] = [];
  for (const slot of slots) {
    for (const item of items) {
      // Demand for the day sits between 80 % and 120 % of what is offered for it.
      const total = (offered.get(`${item}|${slot}`) ?? 0) * (0.8 + 0.4 * random.next());
      sites.forEach((site, k) => {
        const quantity = Math.round((total * siteWeight[k] * (0.6 + 0.8 * random.next())) / totalWeight);
        if (quantity > 0) lines.push({ id: `dem-${lines.length + 1}`, item, site, slot, quantity });
      });
    }
  }
  return lines;
}
