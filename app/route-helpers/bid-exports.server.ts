import { csvFormat, toCsv } from "../domain/csv";
import { isoWeekday } from "../domain/swedish-holidays";
import type { AllocationCsvRow } from "../models/joint-bid/exports.server";
import type { Locale, MessageKey } from "../utils/i18n";
import { isMessageKey, serverTranslator } from "../utils/messages.server";

/** The stored plan's allocations as CSV, one row per date, site and organisation: the download and the tender pack's file. */
export function allocationsCsv(rows: readonly AllocationCsvRow[], locale: Locale): string {
  const t = serverTranslator(locale);
  const unit = (u: string) => (isMessageKey(`unit.${u}`) ? t(`unit.${u}` as MessageKey) : u);
  return toCsv(
    [
      [
        t("bids.csv.date"),
        t("bids.csv.weekday"),
        t("bids.csv.item"),
        t("bids.csv.unit"),
        t("bids.csv.site"),
        t("bids.csv.organisation"),
        t("bids.csv.orgNumber"),
        t("bids.csv.quantity"),
      ],
      ...rows.map((r) => [r.date, t(`weekday.${isoWeekday(r.date)}` as MessageKey), r.item, unit(r.unit), r.site, r.organisation, r.orgNumber, r.quantity]),
    ],
    csvFormat(locale),
  );
}
