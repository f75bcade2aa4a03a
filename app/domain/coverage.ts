import type { ResponseInterest } from "./request";

/**
 * How far the responses to a request cover its demand. A response offers an indicative quantity per
 * delivery for each demand line; responses that said "no" count for nothing. Coverage of a line is
 * what is offered, capped at what is asked, over what is asked. Per weekday and site, the lines
 * delivered there that day are added up, each capped at its own demand.
 */
export interface CoverageLine {
  id: number;
  item: string;
  unit: string;
  quantity: number;
  site: string;
  weekdays: number[];
}

export interface CoverageResponse {
  interest: ResponseInterest;
  /** demand line id → offered quantity per delivery. */
  capacity: ReadonlyMap<number, number> | Record<number, number>;
}

export interface LineCoverage {
  lineId: number;
  demand: number;
  offered: number;
  /** min(offered, demand) / demand, 0..1. */
  share: number;
  respondents: number;
}

export interface SlotCoverage {
  weekday: number;
  site: string;
  demand: number;
  covered: number;
  share: number;
}

export interface CoverageSummary {
  lines: LineCoverage[];
  slots: SlotCoverage[];
  /** Over all deliveries of a week, weighted by quantity. */
  overall: number;
}

function offeredFor(response: CoverageResponse, lineId: number): number {
  const capacity = response.capacity;
  const value = capacity instanceof Map ? capacity.get(lineId) : (capacity as Record<number, number>)[lineId];
  return typeof value === "number" && value > 0 ? value : 0;
}

export function computeCoverage(lines: readonly CoverageLine[], responses: readonly CoverageResponse[]): CoverageSummary {
  const counting = responses.filter((r) => r.interest !== "no");
  const lineCoverage: LineCoverage[] = lines.map((line) => {
    let offered = 0;
    let respondents = 0;
    for (const response of counting) {
      const q = offeredFor(response, line.id);
      if (q > 0) {
        offered += q;
        respondents += 1;
      }
    }
    return { lineId: line.id, demand: line.quantity, offered, share: line.quantity > 0 ? Math.min(offered, line.quantity) / line.quantity : 0, respondents };
  });
  const slots = new Map<string, SlotCoverage>();
  let weekDemand = 0;
  let weekCovered = 0;
  lines.forEach((line, i) => {
    const covered = Math.min(lineCoverage[i].offered, line.quantity);
    for (const weekday of line.weekdays) {
      const key = `${weekday}\u0000${line.site}`;
      const slot = slots.get(key) ?? { weekday, site: line.site, demand: 0, covered: 0, share: 0 };
      slot.demand += line.quantity;
      slot.covered += covered;
      slots.set(key, slot);
      weekDemand += line.quantity;
      weekCovered += covered;
    }
  });
  const slotList = [...slots.values()]
    .map((s) => ({ ...s, share: s.demand > 0 ? s.covered / s.demand : 0 }))
    .sort((a, b) => a.weekday - b.weekday || a.site.localeCompare(b.site, "sv"));
  return { lines: lineCoverage, slots: slotList, overall: weekDemand > 0 ? weekCovered / weekDemand : 0 };
}

export interface CountedResponse extends CoverageResponse {
  /** May count for this request: for a reserved procurement, eligible under LOU 4 kap. 18 §; otherwise always. */
  counts: boolean;
}

export interface ResponseCoverage {
  /** What "Ja" answers from those who count cover. */
  yes: CoverageSummary;
  /** What "Ja" and "Kanske" answers from those who count cover. */
  yesOrMaybe: CoverageSummary;
  /** "Ja" and "Kanske" of everyone, those who do not count too: what they would add. Null when everyone counts. */
  withUncounted: CoverageSummary | null;
  /** Respondents per answer, among those who count and those who do not. */
  answers: Record<ResponseInterest, { counted: number; uncounted: number }>;
}

/**
 * Coverage of a request by its responses with "Ja", "Kanske" and "Nej" kept apart, and, for a
 * reserved procurement, only eligible respondents counted; what the others would add is shown
 * beside it, never in it.
 */
export function responseCoverage(lines: readonly CoverageLine[], responses: readonly CountedResponse[]): ResponseCoverage {
  const counted = responses.filter((r) => r.counts);
  const answers = { yes: { counted: 0, uncounted: 0 }, maybe: { counted: 0, uncounted: 0 }, no: { counted: 0, uncounted: 0 } };
  for (const r of responses) answers[r.interest][r.counts ? "counted" : "uncounted"] += 1;
  return {
    yes: computeCoverage(
      lines,
      counted.filter((r) => r.interest === "yes"),
    ),
    yesOrMaybe: computeCoverage(lines, counted),
    withUncounted: counted.length === responses.length ? null : computeCoverage(lines, responses),
    answers,
  };
}

/** A share as a whole percentage, rounded down so that "100 %" is only said when it is all covered. */
export function percent(share: number): number {
  return Math.floor(share * 100 + 1e-9);
}
