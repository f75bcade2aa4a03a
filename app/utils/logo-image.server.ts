import sharp from "sharp";
import { detectImageType, type LogoMimeType } from "../domain/image-type";

/** Logos are shown small; a bound keeps a crafted image from costing much to decode or serve. */
export const maxLogoSide = 512;
/** Refuse to decode anything larger (a "decompression bomb"): 40 megapixels. */
const maxInputPixels = 40_000_000;

/**
 * The uploaded logo decoded and encoded again: only pixels survive (no metadata, no trailing
 * bytes such as HTML after a PNG header), at most `maxLogoSide` on each side. PNG and WebP come
 * out as PNG (they may be transparent), JPEG as JPEG. Null when it is not an image we take.
 */
export async function reencodeLogo(bytes: Uint8Array): Promise<{ mimeType: LogoMimeType; bytes: Buffer } | null> {
  const claimed = detectImageType(bytes);
  if (!claimed) return null;
  try {
    const image = sharp(bytes, { limitInputPixels: maxInputPixels, failOn: "error", animated: false });
    const { format } = await image.metadata();
    const expected = { "image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp" }[claimed];
    if (format !== expected) return null;
    const resized = image.rotate().resize(maxLogoSide, maxLogoSide, { fit: "inside", withoutEnlargement: true });
    if (claimed === "image/jpeg") return { mimeType: "image/jpeg", bytes: await resized.jpeg({ quality: 85, mozjpeg: true }).toBuffer() };
    return { mimeType: "image/png", bytes: await resized.png({ compressionLevel: 9 }).toBuffer() };
  } catch {
    return null;
  }
}
