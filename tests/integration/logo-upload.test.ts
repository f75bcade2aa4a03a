import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as editLoader } from "../../app/routes/organisations.$slug_.edit";
import { action as logoAction, loader as logoLoader } from "../../app/routes/organisations.$slug_.logo";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
let member: string;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  member = await sessionCookieFor(db, "member@example.org");
});
afterAll(() => close());

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const params = { slug: "fontanhuset-lund" };

async function realImage(width: number, height: number, format: "png" | "jpeg"): Promise<Uint8Array<ArrayBuffer>> {
  const image = sharp({ create: { width, height, channels: 3, background: "#2a7" } });
  const encoded = format === "png" ? image.png() : image.jpeg().withMetadata({ exif: { IFD0: { Copyright: "Secret GPS and camera" } } });
  return new Uint8Array(await encoded.toBuffer());
}

async function servedLogo() {
  const served = await logoLoader({ request: getRequest("/organisations/fontanhuset-lund/logo"), params: { slug: "fontanhuset-lund" }, context: {} });
  return { type: served.headers.get("Content-Type"), bytes: Buffer.from(await served.arrayBuffer()) };
}

function upload(bytes: Uint8Array<ArrayBuffer>, filename: string, type: string, extraFiles = 0) {
  const form = new FormData();
  form.append("intent", "uploadLogo");
  form.append("logo", new File([bytes], filename, { type }));
  for (let i = 0; i < extraFiles; i++) form.append("logo", new File([bytes], filename, { type }));
  const request = new Request("http://localhost/organisations/fontanhuset-lund/logo", {
    method: "POST",
    body: form,
    headers: { Cookie: member },
  });
  return answerOf(() => logoAction({ request, params, context: {} }));
}

/** The message the edit page shows at the file field after the upload's redirect. */
async function fieldErrorAfter(answer: { status: number; headers: Headers }) {
  expect(answer.status).toBe(302);
  const location = answer.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/organisations\/fontanhuset-lund\/edit\?/);
  const page = await answerOf(() => editLoader({ request: getRequest(location, member), params, context: {} }));
  return (page.data as { logoReply: { error: { logo: { key: string }[] } } | null }).logoReply?.error.logo[0].key;
}

const served = () => answerOf(() => logoLoader({ request: getRequest("/organisations/fontanhuset-lund/logo"), params, context: {} }));

describe("logo upload", () => {
  it("stores a PNG re-encoded and serves it back as PNG", async () => {
    const response = await upload(await realImage(40, 30, "png"), "logo.png", "image/png");
    expect(response.status).toBe(302);
    const served = await servedLogo();
    expect(served.type).toBe("image/png");
    expect(await sharp(served.bytes).metadata()).toMatchObject({ format: "png", width: 40, height: 30 });
  });

  // A polyglot file: an image that is also a page a browser would run.
  it("a PNG followed by HTML is re-encoded: only the pixels are kept", async () => {
    const image = await realImage(20, 20, "png");
    const html = new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>");
    const polyglot = new Uint8Array(image.length + html.length);
    polyglot.set(image);
    polyglot.set(html, image.length);
    expect((await upload(polyglot, "logo.png", "image/png")).status).toBe(302);
    const served = await servedLogo();
    expect(served.bytes.includes("<html")).toBe(false);
    expect(served.bytes.includes("<script")).toBe(false);
  });

  it("bounds the pixel size and strips metadata", async () => {
    expect((await upload(await realImage(3000, 1500, "jpeg"), "photo.jpg", "image/jpeg")).status).toBe(302);
    const served = await servedLogo();
    expect(served.type).toBe("image/jpeg");
    const meta = await sharp(served.bytes).metadata();
    expect(meta).toMatchObject({ width: 512, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(served.bytes.includes("Secret GPS")).toBe(false);
  });

  it("a PNG header on something that is not a PNG is refused", async () => {
    expect(await fieldErrorAfter(await upload(png, "logo.png", "image/png"))).toBe("form.logoType");
  });

  // Many parts named "logo" used to be buffered, every one.
  it("accepts one file part only", async () => {
    expect(await fieldErrorAfter(await upload(await realImage(10, 10, "png"), "logo.png", "image/png", 2))).toBe("form.logoOneFile");
  });

  it("checks the content, not the name or claimed type", async () => {
    const svg = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
    expect(await fieldErrorAfter(await upload(svg, "logo.png", "image/png"))).toBe("form.logoType");
  });

  it("refuses files over 2 MB and empty uploads with a message", async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(png);
    expect(await fieldErrorAfter(await upload(big, "big.png", "image/png"))).toBe("form.logoSize");
    expect(await fieldErrorAfter(await upload(new Uint8Array(), "empty.png", "image/png"))).toBe("form.logoMissing");
  });

  it("is removed by the removal form, after which the logo is not found", async () => {
    expect((await served()).status).toBe(200);
    const request = formRequest("/organisations/fontanhuset-lund/logo", { intent: "removeLogo" }, member);
    expect((await answerOf(() => logoAction({ request, params, context: {} }))).status).toBe(302);
    expect((await served()).status).toBe(404);
  });

  it("is refused to a member of another organisation", async () => {
    const request = formRequest("/organisations/iris-kraft/logo", { intent: "removeLogo" }, member);
    expect((await answerOf(() => logoAction({ request, params: { slug: "iris-kraft" }, context: {} }))).status).toBe(403);
  });

  it("shows no message for an error parameter it does not know", async () => {
    expect(
      await fieldErrorAfter({ status: 302, headers: new Headers({ Location: "/organisations/fontanhuset-lund/edit?logoError=<b>x</b>" }) }),
    ).toBeUndefined();
  });
});
