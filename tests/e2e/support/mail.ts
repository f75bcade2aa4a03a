import fs from "node:fs";
import path from "node:path";

/**
 * The text of the newest .eml the server wrote to `to` (the mail worker writes them under
 * `<dataDir>/mail` when no SMTP_URL is set), waiting until one is there.
 */
export async function waitForMailTo(dataDir: string, to: string, timeoutMs = 30_000): Promise<string> {
  const dir = path.join(dataDir, "mail");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort().reverse() : [];
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
