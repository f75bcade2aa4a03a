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

function upload(bytes: Uint8Array<ArrayBuffer>, filename: string, type: string) {
  const form = new FormData();
  form.append("intent", "uploadLogo");
  form.append("logo", new File([bytes], filename, { type }));
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
  return (page.data as { logoErrors?: { logo: string } }).logoErrors?.logo;
}

const served = () => answerOf(() => logoLoader({ request: getRequest("/organisations/fontanhuset-lund/logo"), params, context: {} }));

describe("logo upload", () => {
  it("stores a PNG and serves it back with its detected type", async () => {
    const answer = await upload(png, "logo.png", "image/png");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/organisations/fontanhuset-lund/edit");
    const logo = await logoLoader({ request: getRequest("/organisations/fontanhuset-lund/logo"), params, context: {} });
    expect(logo.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(png);
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
    expect(await fieldErrorAfter({ status: 302, headers: new Headers({ Location: "/organisations/fontanhuset-lund/edit?logoError=<b>x</b>" }) })).toBeUndefined();
  });
});
