import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import type { Delivery, TestSmtp } from "../../support/smtp";

/**
 * The text of the newest .eml the server wrote to `to` (the mail worker writes them under
 * `<dataDir>/mail` when no SMTP_URL is set), waiting until one is there.
 */
export async function waitForMailTo(dataDir: string, to: string, timeoutMs = 30_000): Promise<string> {
  const dir = path.join(dataDir, "mail");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".eml"))
          .sort()
          .reverse()
      : [];
    for (const file of files) {
      const text = decodeQuotedPrintable(fs.readFileSync(path.join(dir, file), "utf8"));
      if (new RegExp(`^To: .*${to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "im").test(text)) return text;
    }
    if (Date.now() > deadline) throw new Error(`No e-mail to ${to} in ${dir} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** What a test reads of a message the real SMTP server received: parsed by a MIME parser, as a mail program would. */
export interface ReadMail {
  to: string[];
  subject: string;
  text: string;
  /** The calendar parts (text/calendar), with the iTIP method their content type names. */
  calendars: { method: string | null; content: string }[];
}

export async function readMail(delivery: Delivery): Promise<ReadMail> {
  const parsed = await simpleParser(delivery.raw);
  // nodemailer sends an invitation as the message's alternative part (text/calendar; method=…), which
  // mail programs act on, and as a file beside it.
  const calendars = parsed.attachments
    .filter((a) => a.contentType === "text/calendar")
    .map((a) => {
      const type = a.headers.get("content-type") as { params?: Record<string, string> } | undefined;
      return { method: type?.params?.method?.toUpperCase() ?? null, content: a.content.toString("utf8") };
    });
  return { to: delivery.to, subject: parsed.subject ?? "", text: parsed.text ?? "", calendars };
}

/**
 * The messages the SMTP server received after `from` (an index into `smtp.received`), once at
 * least `count` have arrived and no more came for a moment: so that "nobody else got one" is
 * checked after the mail worker had its chance to send anything else.
 */
export async function deliveriesAfter(smtp: TestSmtp, from: number, count: number, timeoutMs = 30_000): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  while (smtp.received.length - from < count) {
    if (Date.now() > deadline)
      throw new Error(
        `Expected ${count} e-mails, got ${smtp.received.length - from}: ${smtp.received
          .slice(from)
          .map((d) => `${d.to} “${d.subject}”`)
          .join("; ")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The worker sends a batch within a second of its commit: wait two more for anything unexpected.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  return smtp.received.slice(from);
}

/** Runs `step` and returns the e-mails it caused, once `count` have come and no more followed, sorted by recipient. */
export async function mailsDuring(smtp: TestSmtp, count: number, step: () => Promise<void>): Promise<ReadMail[]> {
  const from = smtp.received.length;
  await step();
  const mails = await Promise.all((await deliveriesAfter(smtp, from, count)).map((d) => readMail(d)));
  return mails.sort((a, b) => a.to[0].localeCompare(b.to[0]));
}

/** Every absolute http(s) address in a text. */
export function addresses(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)].map((m) => m[0]);
}
