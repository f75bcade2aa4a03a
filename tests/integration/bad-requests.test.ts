import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as langAction } from "../../app/routes/lang";
import { action as loginAction } from "../../app/routes/login";
import { action as editAction } from "../../app/routes/organisations.$slug_.edit";
import { action as offeringAction } from "../../app/routes/organisations.$slug_.offerings.$offeringId";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, formRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
let member: string;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  member = await sessionCookieFor(db, "member@example.org");
});
afterAll(() => close());

function rawPost(url: string, body: string | null, contentType: string | null, cookie?: string): Request {
  const headers: Record<string, string> = {};
  if (contentType) headers["Content-Type"] = contentType;
  if (cookie) headers.Cookie = cookie;
  return new Request(`http://localhost${url}`, { method: "POST", body, headers });
}

describe("a request that is not a form", () => {
  it("gets 400, not 500, whatever the body", async () => {
    const bodies: [string | null, string | null][] = [
      [null, null],
      ['{"email":"a"}', "application/json"],
      ["garbage", "multipart/form-data; boundary=xx"],
    ];
    for (const [body, type] of bodies) {
      expect((await answerOf(() => loginAction({ request: rawPost("/login", body, type), params: {}, context: {} }))).status).toBe(400);
      expect((await answerOf(() => langAction({ request: rawPost("/lang", body, type), params: {}, context: {} }))).status).toBe(400);
      const edit = rawPost("/organisations/fontanhuset-lund/edit", body, type === "multipart/form-data; boundary=xx" ? "text/plain" : type, member);
      expect((await answerOf(() => editAction({ request: edit, params: { slug: "fontanhuset-lund" }, context: {} }))).status).toBe(400);
    }
  });

  it("gets 400 for an unknown intent and 404 for ids that are not numbers", async () => {
    const unknownIntent = formRequest("/organisations/fontanhuset-lund/edit", { intent: "dropTables" }, member);
    expect((await answerOf(() => editAction({ request: unknownIntent, params: { slug: "fontanhuset-lund" }, context: {} }))).status).toBe(400);
    const badId = formRequest("/organisations/fontanhuset-lund/offerings/1e3", { intent: "deleteOffering" }, member);
    expect((await answerOf(() => offeringAction({ request: badId, params: { slug: "fontanhuset-lund", offeringId: "x" }, context: {} }))).status).toBe(404);
  });
});
