import type { Locale } from "../domain/locale";
import { formatDate, formatDateTime, formatNumber, formatTime, type MessageKey } from "./i18n";
import { serverTranslator } from "./messages.server";
import { absoluteUrl } from "./origin.server";

/**
 * The words of a notice, made in the reader's language when it is read: in the app in the page's
 * language, in an e-mail in the recipient's. A notice is stored as message keys and variables, so
 * a time is stored as the instant and written out for the reader (decision 020).
 */
export type NoticeValue =
  | string
  | number
  /** A UTC instant, written as date and time on Lund's clock. */
  | { at: string }
  /** A UTC instant's time of day on Lund's clock. */
  | { time: string }
  /** A calendar date (YYYY-MM-DD). */
  | { date: string }
  /** A word of the interface, such as "unlimited". */
  | { key: MessageKey };
export type NoticeVars = Record<string, NoticeValue>;

/** One line of a notice: a message key and its variables. */
export interface NoticeLine {
  key: MessageKey;
  vars?: NoticeVars;
}

/** A file sent with an e-mail; a calendar entry carries its iTIP method (RFC 5546) for the mail client. */
export interface EmailAttachment {
  filename: string;
  content: string;
  calendarMethod?: "REQUEST" | "CANCEL";
}

function writtenValue(locale: Locale, value: NoticeValue): string | number {
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(locale, value);
  if ("at" in value) return formatDateTime(locale, value.at);
  if ("time" in value) return formatTime(locale, value.time);
  if ("date" in value) return formatDate(locale, value.date);
  return serverTranslator(locale)(value.key);
}

/** One line of a notice in the language. */
export function noticeText(locale: Locale, line: NoticeLine): string {
  const vars = Object.fromEntries(Object.entries(line.vars ?? {}).map(([name, value]) => [name, writtenValue(locale, value)]));
  return serverTranslator(locale)(line.key, vars);
}

/**
 * The e-mail of a notice in one language: its line as the subject and first paragraph, the
 * further lines, the link, and why the reader gets it.
 */
export function noticeEmail(
  locale: Locale,
  message: NoticeLine & { link?: string | null; details?: readonly NoticeLine[] },
): { subject: string; text: string } {
  const t = serverTranslator(locale);
  const line = noticeText(locale, message);
  const details = (message.details ?? []).map((detail) => noticeText(locale, detail));
  const paragraphs = [
    line,
    details.join("\n"),
    message.link ? `${t("notices.open")} ${absoluteUrl(message.link)}` : "",
    `— \n${t("notices.footer", { account: absoluteUrl("/account") })}`,
  ];
  return { subject: `${line} | Social Trade Lund`, text: paragraphs.filter((p) => p !== "").join("\n\n") };
}
