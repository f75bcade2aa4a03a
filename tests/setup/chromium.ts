/**
 * Unpacks @sparticuz/chromium's browser once, before the end-to-end files start two at a time:
 * each file unpacking it into the same temp folder raced, and a file could start the browser while
 * the other was still writing it (spawn ETXTBSY). A system Chromium or CHROMIUM_PATH needs nothing.
 */
import fs from "node:fs";

export default async function unpackChromium(): Promise<void> {
  if (process.env.CHROMIUM_PATH || fs.existsSync("/usr/bin/chromium")) return;
  const { default: packaged } = await import("@sparticuz/chromium");
  await packaged.executablePath();
}
