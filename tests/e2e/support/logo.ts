import type { Locator, Page } from "playwright-core";
import sharp from "sharp";
import { sv } from "../../../app/locales/sv";

/** A valid one-pixel PNG. */
export const onePixelPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** The edit page's logo region, which must be open; picks the file and sends the upload form. */
export async function submitLogo(page: Page, buffer: Buffer): Promise<Locator> {
  const logo = page.getByRole("region", { name: sv["edit.logo"], exact: true });
  await logo.locator('input[type="file"]').setInputFiles({ name: "logo.png", mimeType: "image/png", buffer });
  // The file picker and the submit button share the name "Upload logo"; the submit one sends.
  await logo.getByRole("button", { name: sv["edit.logoUpload"], exact: true }).and(page.locator('[type="submit"]')).click();
  return logo;
}

/** A real PNG of at least `bytes` bytes (stored without compression). */
export function pngOfSize(bytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  return sharp({ create: { width: side, height: side, channels: 3, background: "#2a7" } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}
