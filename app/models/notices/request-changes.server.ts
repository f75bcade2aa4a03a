import type { DB } from "../../../db/client.server";
import type { AmendmentChange } from "../../domain/request";
import { formatDate, formatDateTime, formatNumber, locales, type Locale, type MessageKey } from "../../utils/i18n";
import { serverTranslator } from "../../utils/messages.server";
import { organisationsFittingRequest } from "../capacity-fit.server";
import { memberUserIds, notifyUsers } from "../notification.server";
import { bidRequestAmended } from "./bids.server";

/**
 * Who hears of a change to a buyer's request, and what they read: one function per event, each
 * called inside the transaction of the change (the outbox sends after the commit).
 */

/** Members of every organisation that has responded to the request. */
async function respondentUserIds(db: DB, requestId: number): Promise<string[]> {
  const orgs = await db.selectFrom("request_response").select("organisation_id").where("request_id", "=", requestId).execute();
  return memberUserIds({ db, organisationIds: orgs.map((o) => o.organisation_id) });
}

/** Published: members of every listed supplier whose capacity fits it (decision 018). */
export async function requestPublished({ db, requestId, title }: { db: DB; requestId: number; title: string }): Promise<void> {
  const organisationIds = await organisationsFittingRequest({ db, requestId });
  await notifyUsers({
    db,
    userIds: await memberUserIds({ db, organisationIds }),
    message: { key: "requests.notify.published", vars: { title }, link: `/requests/${requestId}` },
  });
}

/**
 * Amended: every respondent, and everyone in each joint bid on the request, reads the buyer's note
 * and what changed, old → new, in the notification and the e-mail.
 */
export async function requestAmended({
  db,
  requestId,
  title,
  note,
  changes,
}: {
  db: DB;
  requestId: number;
  title: string;
  note: string;
  changes: readonly AmendmentChange[];
}): Promise<void> {
  const vars = { title, note, ...amendmentVars(changes) };
  await notifyUsers({
    db,
    userIds: await respondentUserIds(db, requestId),
    message: { key: "requests.notify.amendment", vars, link: `/requests/${requestId}` },
  });
  const bids = await db.selectFrom("joint_bid").select("id").where("request_id", "=", requestId).where("status", "not in", ["withdrawn", "lost"]).execute();
  for (const bid of bids) await bidRequestAmended({ db, bidId: bid.id, vars });
}

/** Closed for responses by the buyer: every respondent, since nothing more can be sent. */
export async function requestClosed({ db, requestId, title }: { db: DB; requestId: number; title: string }): Promise<void> {
  await notifyUsers({
    db,
    userIds: await respondentUserIds(db, requestId),
    message: { key: "requests.notify.closed", vars: { title }, link: `/requests/${requestId}` },
  });
}

/** Cancelled: every respondent. */
export async function requestCancelled({ db, requestId, title }: { db: DB; requestId: number; title: string }): Promise<void> {
  await notifyUsers({
    db,
    userIds: await respondentUserIds(db, requestId),
    message: { key: "requests.notify.cancelled", vars: { title }, link: `/requests/${requestId}` },
  });
}

/**
 * What changed, written out in each language (`changes.sv`, `changes.en`): a notification keeps its
 * variables, and the e-mail and the bell write the message in Swedish and English from them.
 */
function amendmentVars(changes: readonly AmendmentChange[]): Record<string, string> {
  return Object.fromEntries(locales.map((locale) => [`changes.${locale}`, changes.map((change) => amendmentLine(locale, change)).join("; ")]));
}

function amendmentLine(locale: Locale, change: AmendmentChange): string {
  const t = serverTranslator(locale);
  const unit = (u: string) => t(`unit.${u}` as MessageKey);
  const days = (weekdays: readonly number[]) => weekdays.map((d) => t(`weekday.${d}` as MessageKey)).join(", ");
  const cpv = (code: string | null) => code ?? t("requests.changed.noCpv");
  const number = (n: number) => formatNumber(locale, n);
  const line = "line" in change ? `${change.line.item} – ${change.line.site}` : "";
  switch (change.field) {
    case "kind":
      return t("requests.changed.kind", { from: t(`requests.kind.${change.from}` as MessageKey), to: t(`requests.kind.${change.to}` as MessageKey) });
    case "cpvCode":
      return t("requests.changed.cpvCode", { from: change.from, to: change.to });
    case "period":
      return t("requests.changed.period", {
        from: `${formatDate(locale, change.from.from)}–${formatDate(locale, change.from.to)}`,
        to: `${formatDate(locale, change.to.from)}–${formatDate(locale, change.to.to)}`,
      });
    case "deadline":
      return t("requests.changed.deadline", { from: formatDateTime(locale, change.from), to: formatDateTime(locale, change.to) });
    case "quantity":
      return t("requests.changed.quantity", { line, from: number(change.from), to: number(change.to), unit: unit(change.unit) });
    case "unit":
      return t("requests.changed.unit", { line, from: unit(change.from), to: unit(change.to) });
    case "site":
      return t("requests.changed.site", { line, from: change.from, to: change.to });
    case "weekdays":
      return t("requests.changed.weekdays", { line, from: days(change.from), to: days(change.to) });
    case "lineCpv":
      return t("requests.changed.lineCpv", { line, from: cpv(change.from), to: cpv(change.to) });
    case "lineAdded":
      return t("requests.changed.lineAdded", { line, quantity: number(change.quantity), unit: unit(change.unit) });
    case "lineRemoved":
      return t("requests.changed.lineRemoved", { line });
    case "questions":
      return t("requests.changed.questions");
  }
}
