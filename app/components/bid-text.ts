import type { IdleHint, ShortfallRow } from "../domain/joint-bid";
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
  return t("bids.shortfall.row", vars);
}

/** "Fontänhuset kan leverera 5 portioner Sallad till på tisdagar till Kristallen" */
export function idleText(t: Translate, number: (n: number) => string, hint: IdleHint, organisation: string): string {
  const vars = {
    organisation,
    quantity: number(hint.quantity),
    unit: unitLabel(t, hint.unit),
    item: hint.item,
    weekday: t(`bids.weekdays.${hint.weekday}` as MessageKey).toLocaleLowerCase(),
    site: hint.site,
    days: hint.days,
    shortDays: hint.shortDays,
  };
  return hint.days === hint.shortDays ? t("bids.plan.idleRow", vars) : t("bids.plan.idleRowSomeDays", vars);
}

/** The one unit a request counts in, or "" when its lines count in several. */
export function requestUnit(items: readonly { unit: string }[]): string {
  const units = new Set(items.map((i) => i.unit));
  return units.size === 1 ? [...units][0] : "";
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

/** Why an organisation is not eligible for a reserved procurement, in words. */
export function reasonsText(t: Translate, p: Pick<BidParticipantView, "eligibility" | "workforceShare">): string {
  return p.eligibility.map((reason) => t(`bids.reason.${reason}`, { share: p.workforceShare ?? 0, threshold: RESERVED_CONTRACT_THRESHOLD })).join("; ");
}

/** Badge colours with enough contrast for white text. */
export function bidStatusColour(status: string): string {
  return status === "won" ? "indigo.9" : status === "submitted" ? "blue.9" : status === "committed" ? "teal.9" : "dark.6";
}
