import type { Locale } from "../domain/locale";
import type { MessageKey } from "./i18n";
import { isMessageKey, serverTranslator } from "./messages.server";

/** An audit log entry with the names its sentence needs (`listAuditLog`). */
export interface AuditEntryNames {
  actor_user_id: string | null;
  actor_name: string | null;
  organisation_name: string | null;
  subject_name: string | null;
  request_title: string | null;
  entity: string;
  entity_id: string;
  action: string;
  details: string;
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * An audit log entry as a sentence in the language: "Maria Medlem verifierade Fontänhuset Lund".
 * Every entity and action the app records has its sentence (a test checks that); an action added
 * later without one still reads as a sentence, naming the raw action in brackets.
 */
export function auditSentence(locale: Locale, entry: AuditEntryNames): string {
  const t = serverTranslator(locale);
  const formerMember = t("security.formerMember");
  const details = JSON.parse(entry.details) as Record<string, string | number | boolean | null>;
  const vars = {
    actor: entry.actor_name ?? (entry.actor_user_id ? formerMember : t("security.auditSystem")),
    organisation: entry.organisation_name ?? "–",
    subject: entry.subject_name ?? formerMember,
    request: entry.request_title ?? `#${entry.entity_id}`,
    role: typeof details.role === "string" && isMessageKey(`role.${details.role}`) ? t(`role.${details.role}` as MessageKey) : String(details.role ?? ""),
    reason: String(details.reason ?? ""),
  };
  if (entry.entity === "bid") {
    const event = `bids.event.${entry.action}`;
    if (isMessageKey(event)) {
      const text = t(event, { organisation: vars.organisation, details: String(details.details ?? "") });
      return capitalised(t("security.audit.bid", { ...vars, event: text }));
    }
  }
  const action = entry.entity === "organisation" && entry.action === "rejected" && vars.reason ? "rejectedWithReason" : entry.action;
  const key = `security.audit.${entry.entity}.${action}`;
  if (isMessageKey(key)) return capitalised(t(key, vars));
  return capitalised(t("security.audit.other", { actor: vars.actor, what: `${entry.entity} ${entry.action}` }));
}
