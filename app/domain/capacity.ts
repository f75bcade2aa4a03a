/**
 * Capacity lines: how much of an offering an organisation can deliver per weekday or per week,
 * on which days, when, and where. The one home for their shape, their form text, and how
 * the joint-bid planner reads them. Pure: no I/O.
 */
import type { CapacityOffer } from "./planner";
import { splitList } from "./organisation";

export const capacityPeriods = ["weekday", "week"] as const;
export type CapacityPeriod = (typeof capacityPeriods)[number];

/** ISO weekday numbers, Monday first. */
export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export interface CapacityLineInput {
  quantity: number;
  period: CapacityPeriod;
  /** ISO weekday numbers, 1 = Monday; only for period "weekday". */
  weekdays: number[];
  validFrom: string | null;
  validTo: string | null;
  /** Where deliveries can go; empty means anywhere. */
  sites: string[];
}

/** A capacity line as pages show it. */
export interface CapacityLine extends CapacityLineInput {
  id: number;
}

// --- Form text -----------------------------------------------------------------------------------

/** Sites as the form's text field shows them: "Stadshuset, Kristallen". */
export function sitesToText(sites: readonly string[]): string {
  return sites.join(", ");
}

/** Sites typed into the form, separated by commas or new lines. */
export function sitesFromText(text: string): string[] {
  return splitList(text);
}

// --- The planner's reading -----------------------------------------------------------------------

/**
 * A stored capacity line with no sites delivers anywhere; the planner reads "anywhere" as `null`
 * and an empty list as "nowhere". Every conversion from stored lines goes through here.
 */
export function plannerSites(sites: readonly string[]): string[] | null {
  return sites.length === 0 ? null : [...sites];
}

/** One stored capacity line as the planner's offer for an item in a slot. */
export function toCapacityOffer(
  line: Pick<CapacityLine, "sites">,
  offer: { id: string; orgId: string; item: string; slot: string; capacity: number },
): CapacityOffer {
  return { ...offer, sites: plannerSites(line.sites) };
}
