import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as editAction } from "../../app/routes/organisations.$slug_.edit";
import { loader as logoLoader } from "../../app/routes/organisations.$slug_.logo";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
let member: string;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  member = await sessionCookieFor(db, "member@example.org");
});
afterAll(() => close());

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

function upload(bytes: Uint8Array<ArrayBuffer>, filename: string, type: string) {
  const form = new FormData();
  form.append("logo", new File([bytes], filename, { type }));
  const request = new Request("http://localhost/organisations/fontanhuset-lund/edit", {
    method: "POST",
    body: form,
    headers: { Cookie: member },
  });
  return editAction({ request, params: { slug: "fontanhuset-lund" }, context: {} });
}

describe("logo upload", () => {
  it("stores a PNG and serves it back with its detected type", async () => {
    const response = (await upload(png, "logo.png", "image/png")) as Response;
    expect(response.status).toBe(302);
    const served = await logoLoader({ request: getRequest("/organisations/fontanhuset-lund/logo"), params: { slug: "fontanhuset-lund" }, context: {} });
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
  });

  it("checks the content, not the name or claimed type", async () => {
    const svg = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
    expect(await upload(svg, "logo.png", "image/png")).toMatchObject({ init: { status: 400 }, data: { errors: { logo: "form.logoType" } } });
  });

  it("refuses files over 2 MB and empty uploads with a message", async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(png);
    expect(await upload(big, "big.png", "image/png")).toMatchObject({ init: { status: 400 }, data: { errors: { logo: "form.logoSize" } } });
    expect(await upload(new Uint8Array(), "empty.png", "image/png")).toMatchObject({ data: { errors: { logo: "form.logoMissing" } } });
  });
});
