/**
 * The CPV field as a member and a buyer meet it, through the routes: any code of the CPV 2008
 * ("50116000-1"), words that fit several codes ("cykel") answered with the codes to choose from
 * (the page without JavaScript shows them), and the suggestion list's `/cpv?q=` (with JavaScript).
 */
import { Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCpvCode } from "../../app/domain/cpv";
import { loader as cpvLoader } from "../../app/routes/cpv";
import { migrateToLatest } from "../../db/client.server";
import { migrations } from "../../db/migrations";
import { action as newOfferingAction } from "../../app/routes/organisations.$slug_.offerings.new";
import { action as newRequestAction } from "../../app/routes/requests.new";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
let member: string;
let buyer: string;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  member = await sessionCookieFor(db, "member@example.org");
  buyer = await sessionCookieFor(db, "buyer@example.org");
}, 120_000);
afterAll(() => close());

const newOffering = (fields: Record<string, string>) =>
  answerOf(() =>
    newOfferingAction({
      request: formRequest("/organisations/fontanhuset-lund/offerings/new", { title: "Cykelverkstad", description: "", unit: "hours", ...fields }, member),
      params: { slug: "fontanhuset-lund" },
    }),
  );

const newRequest = (fields: Record<string, string>) =>
  answerOf(() =>
    newRequestAction({
      request: formRequest(
        "/requests/new",
        {
          kind: "direct_purchase",
          title: "Service av tjänstecyklar",
          description: "",
          periodFrom: "2031-01-06",
          periodTo: "2031-06-13",
          deadlineDate: "2030-12-01",
          deadlineTime: "12:00",
          contactName: "Bertil",
          contactEmail: "bertil@lund.example.org",
          contactPhone: "",
          questions: "",
          "lines[0].id": "",
          "lines[0].item": "Cykelservice",
          "lines[0].unit": "visits",
          "lines[0].quantity": "4",
          "lines[0].site": "Stadshuset",
          "lines[0].weekdays": "3",
          ...fields,
        },
        buyer,
      ),
      params: {},
    }),
  );

const offeringCodes = async () =>
  (
    await db
      .selectFrom("offering")
      .select("cpv_code")
      .where("organisation_id", "=", await organisationIdBySlug(db, "fontanhuset-lund"))
      .execute()
  ).map((o) => o.cpv_code);

describe("the offering form's CPV field", () => {
  it("takes 50116000-1, a code the platform's old list of 35 lacked", async () => {
    expect((await newOffering({ cpvCode: "50116000-1" })).status).toBe(302);
    expect(await offeringCodes()).toContain("50116000-1");
  });

  it("answers 'cykel' with the bicycle codes to choose from, keeps what was typed, and takes the one chosen", async () => {
    const typed = await newOffering({ cpvCode: "cykel" });
    expect(typed.status).toBe(400);
    const answer = typed.data as {
      reply: { error: Record<string, { key: string }[]>; initialValue: { cpvCode: string } };
      cpvChoices: { code: string; sv: string }[];
    };
    expect(answer.reply.error.cpvCode).toEqual([{ key: "form.cpvChoose" }]);
    expect(answer.reply.initialValue.cpvCode).toBe("cykel");
    expect(answer.cpvChoices.map((c) => c.code)).toContain("34430000-0");
    expect(answer.cpvChoices.find((c) => c.code === "34430000-0")?.sv).toBe("Cyklar");
    expect((await newOffering({ cpvCode: "cykel", cpvChoice: "34430000-0" })).status).toBe(302);
    expect(await offeringCodes()).toContain("34430000-0");
  });
});

describe("the request form's CPV field", () => {
  it("takes 50116000-1, and 'cykel' once a code is chosen", async () => {
    expect((await newRequest({ cpvCode: "50116000-1" })).status).toBe(302);
    const typed = await newRequest({ cpvCode: "cykel" });
    expect(typed.status).toBe(400);
    expect((typed.data as { cpvChoices: { code: string }[] }).cpvChoices.map((c) => c.code)).toContain("34430000-0");
    expect((await newRequest({ cpvCode: "cykel", cpvChoice: "34430000-0" })).status).toBe(302);
    const codes = (await db.selectFrom("request").select("cpv_code").where("title", "=", "Service av tjänstecyklar").execute()).map((r) => r.cpv_code);
    expect(codes.sort()).toEqual(["34430000-0", "50116000-1"]);
  });
});

describe("GET /cpv?q=", () => {
  const suggestions = async (q: string, language = "sv") => {
    const response = (await cpvLoader({
      request: new Request(`http://localhost/cpv?q=${encodeURIComponent(q)}`, { headers: { "Accept-Language": language } }),
      params: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    return ((await response.json()) as { suggestions: { code: string; label: string; words: string[] }[] }).suggestions;
  };

  it("suggests codes for words and for a code, labelled in the visitor's language", async () => {
    expect((await suggestions("cykel")).map((s) => s.code)).toContain("34430000-0");
    expect(await suggestions("50116000-1")).toEqual([{ code: "50116000-1", label: "Underhåll och reparation av specialdelar till fordon", words: [] }]);
    expect((await suggestions("50116000-1", "en"))[0].label).toBe("Maintenance and repair services related to specific parts of vehicles");
    expect((await suggestions("cykel")).find((s) => s.code === "34430000-0")?.words).toContain("cykel");
  });

  it("answers anything else with an empty list, never an error", async () => {
    for (const q of ["", "qwxyz", '"<script>', "x".repeat(5000)]) expect(await suggestions(q)).toEqual([]);
  });

  it("is open to anyone, as the vocabulary is public", async () => {
    expect((await answerOf(() => cpvLoader({ request: getRequest("/cpv?q=sallad"), params: {} }))).status).toBe(200);
  });
});

describe("existing data", () => {
  it("keeps its codes: every code of the demo network is in the vocabulary", async () => {
    const codes = [
      ...(await db.selectFrom("offering").select("cpv_code").execute()).map((r) => r.cpv_code),
      ...(await db.selectFrom("request").select("cpv_code").execute()).map((r) => r.cpv_code),
    ];
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((code) => !findCpvCode(code))).toEqual([]);
  });

  it("typed with the old list's wrong check digit (15894000-3) gets the vocabulary's 15894000-1", async () => {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("2026_11_28_1500_weekdays_and_sites_as_rows")).error).toBeUndefined();
    const organisationId = await organisationIdBySlug(db, "fontanhuset-lund");
    const { id } = await db
      .insertInto("offering")
      .values({
        organisation_id: organisationId,
        title: "Bröd",
        description: "",
        cpv_code: "15894000-3",
        unit: "pieces",
        created_at: "2026-11-28T12:00:00.000Z",
        updated_at: "2026-11-28T12:00:00.000Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await migrateToLatest(db);
    expect((await db.selectFrom("offering").select("cpv_code").where("id", "=", id).executeTakeFirstOrThrow()).cpv_code).toBe("15894000-1");
  });
});
