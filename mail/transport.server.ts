import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import type { EmailAttachment } from "../app/utils/notice-text.server";

export type { EmailAttachment };

export interface OutgoingEmail {
  id: number;
  to: string;
  subject: string;
  text: string;
  attachments?: readonly EmailAttachment[];
}

/** Delivers one e-mail or throws; the worker retries what throws. */
export type MailTransport = (email: OutgoingEmail) => Promise<void>;

const FROM = process.env.MAIL_FROM ?? "Social Trade Lund <no-reply@social-trade-lund.invalid>";

/**
 * The message as nodemailer sends it. A calendar entry goes as the iTIP part mail programs act on
 * (`text/calendar; method=…`, nodemailer's `icalEvent`), so "add to calendar", moving and
 * cancelling work from the e-mail; other files as plain attachments.
 */
function message(email: OutgoingEmail): Mail.Options {
  const calendar = email.attachments?.find((a) => a.calendarMethod);
  return {
    from: FROM,
    to: email.to,
    subject: email.subject,
    text: email.text,
    // Retrying after a lost acknowledgement must not look like a new message to the reader.
    messageId: `<outbox-${email.id}@social-trade-lund.invalid>`,
    icalEvent: calendar ? { filename: calendar.filename, method: calendar.calendarMethod, content: calendar.content } : undefined,
    attachments: email.attachments?.filter((a) => a !== calendar).map((a) => ({ filename: a.filename, content: a.content })),
  };
}

/**
 * SMTP when `SMTP_URL` is set (for example smtp://user:pass@host:587); otherwise each message is
 * written as an .eml file under `mailDir`, so a local installation can read what it would send.
 */
export function createMailTransport({ smtpUrl, mailDir }: { smtpUrl?: string; mailDir: string }): MailTransport {
  if (smtpUrl) {
    const transporter = nodemailer.createTransport(smtpUrl);
    return async (email) => {
      await transporter.sendMail(message(email));
    };
  }
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return async (email) => {
    const info = await writer.sendMail(message(email));
    await fs.mkdir(mailDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(path.join(mailDir, `${String(email.id).padStart(8, "0")}.eml`), info.message as Buffer, { mode: 0o600 });
  };
}
