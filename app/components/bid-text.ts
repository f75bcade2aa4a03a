import type { ShortfallRow } from "../domain/joint-bid";
import { POOLED_ITEM } from "../domain/joint-bid";
import type { BidParticipantView } from "../domain/joint-bid-view";
import { isOfferingUnit, RESERVED_CONTRACT_THRESHOLD } from "../domain/organisation";
import type { MessageKey, Translate } from "../utils/i18n";

/** A unit as the locale names it ("portioner"), or as written when it is not one of ours. */
export function unitLabel(t: Translate, unit: string): string {
  return unit === "" ? t("feasibility.units") : isOfferingUnit(unit) ? t(`unit.${unit}`) : unit;
}

/** "Tisdagar på Stadshuset: 40 portioner sallad fattas …" */
export function shortfallText(t: Translate, number: (n: number) => string, row: ShortfallRow): string {
  const vars = {
    weekday: t(`bids.weekdays.${row.weekday}` as MessageKey),
    site: row.site,
    missing: number(row.missing),
    unit: unitLabel(t, row.unit),
    item: row.item,
    max: number(row.maxPerDay),
    days: row.days,
  };
  return row.item === POOLED_ITEM ? t("bids.shortfall.pooled", vars) : t("bids.shortfall.row", vars);
}

export function weekdayNames(t: Translate, days: readonly number[]): string {
  return days.map((d) => t(`weekday.${d}` as MessageKey)).join(", ");
}

export function percent(number: (n: number) => string, value: number): string {
  return number(Math.round(value * 10) / 10);
}

export function eligibilityText(t: Translate, date: (iso: string) => string, p: BidParticipantView): string {
  if (p.eligibility.length === 0) {
    return t("bids.eligibility.ok", { name: p.name, share: p.workforceShare ?? 0, date: p.workforceShareDate ? date(p.workforceShareDate) : "–" });
  }
  return t("bids.eligibility.blocked", { name: p.name, reasons: reasonsText(t, p) });
}

export function reasonsText(t: Translate, p: BidParticipantView): string {
  return p.eligibility
    .map((reason) => t(`bids.reason.${reason}`, { share: p.workforceShare ?? 0, threshold: RESERVED_CONTRACT_THRESHOLD }))
    .join("; ");
}


/** Badge colours with enough contrast for white text. */
export function bidStatusColour(status: string): string {
  return status === "won" ? "indigo.9" : status === "submitted" ? "blue.9" : status === "committed" ? "teal.9" : "dark.6";
}
