export type LogoMimeType = "image/png" | "image/jpeg" | "image/webp";

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** The image type from the file's first bytes; the name and the browser's claimed type are not trusted. */
export function detectImageType(bytes: Uint8Array): LogoMimeType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}
