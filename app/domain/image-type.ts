export type LogoMimeType = "image/png" | "image/jpeg" | "image/webp";

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/**
 * Why a logo file was refused. The logo route (and, for a body too large to read, the server's
 * body limit) redirects back to the edit page with one of these in `?logoError=`, and the edit
 * page shows it at the file field.
 */
export const logoErrors = ["form.logoMissing", "form.logoType", "form.logoSize", "form.logoOneFile"] as const;
export type LogoError = (typeof logoErrors)[number];
export const logoErrorParam = "logoError";

export function parseLogoError(value: string | null): LogoError | null {
  return (logoErrors as readonly (string | null)[]).includes(value) ? (value as LogoError) : null;
}

/** The edit page showing why the organisation's logo was refused. */
export function logoRefusedPath(slug: string, error: LogoError): string {
  return `/organisations/${slug}/edit?${new URLSearchParams({ [logoErrorParam]: error })}`;
}

/** The image type from the file's first bytes; the name and the browser's claimed type are not trusted. */
export function detectImageType(bytes: Uint8Array): LogoMimeType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}
