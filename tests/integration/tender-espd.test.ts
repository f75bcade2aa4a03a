/**
 * Every member's ESPD Response for the demo's joint bids, as the download route gives it: valid
 * against the UBL 2.3 QualificationApplicationResponse XSD and all twelve ESPD-EDM 4.1.0 rule files
 * in the official order, with the member's verified workforce share, the group's name spelled the
 * same in every file, and the lead's file naming the other members (BR-LAED-10). The validators are
 * shown to catch what they should. Who may download which file. Runs once, on SQLite: the files
 * do not depend on the database, and the rules take seconds per file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as espdLoader } from "../../app/routes/bids.$id_.espd.$organisationId";
import type { DB } from "../../db/client.server";
import { checkEspdRules, validateEspdSchema } from "../support/espd-validation";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
const cookies: Record<string, string> = {};
let wonBid: number;
let plannedBid: number;
let members: { id: number; name: string; orgNumber: string; share: number | null; isLead: boolean }[];

const download = (who: string, bidId: number, organisationId: number) =>
  espdLoader({
    request: getRequest(`/bids/${bidId}/espd/${organisationId}`, cookies[who]),
    params: { id: String(bidId), organisationId: String(organisationId) },
    context: {},
  });

const texts = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<${element}[^>]*>([^<]*)</${element}>`, "g"))].map((m) => m[1]);

/** The answer to one property of the document (the text of its ResponseValue's value element). */
function answer(xml: string, propertyId: string): string | null {
  const match = new RegExp(
    `<cbc:ValidatedCriterionPropertyID[^>]*>${propertyId.replace(/\//g, "\\/")}</cbc:ValidatedCriterionPropertyID>\\s*<cac:ResponseValue>\\s*<cbc:ID[^>]*>[^<]*</cbc:ID>\\s*<cbc:\\w+[^>]*>([^<]*)<`,
  ).exec(xml);
  return match?.[1] ?? null;
}

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const who of ["coordinator", "buyer", "member", "eoscares", "emmaus", "erikshjalpen", "iris"])
    cookies[who] = await sessionCookieFor(db, `${who}@example.org`);
  const bids = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .select(["b.id", "b.status", "b.lead_organisation_id", "r.title"])
    .where("b.is_example", "=", true)
    .execute();
  const won = bids.find((b) => b.title === "Sallader till kommunens verksamheter" && b.status === "won")!;
  wonBid = won.id;
  plannedBid = bids.find((b) => b.title === "Sallader till kommunens verksamheter, andra perioden")!.id;
  members = (
    await db
      .selectFrom("joint_bid_participant as p")
      .innerJoin("organisation as o", "o.id", "p.organisation_id")
      .select(["o.id", "o.name", "o.org_number", "o.workforce_share"])
      .where("p.bid_id", "=", wonBid)
      .where("p.status", "=", "accepted")
      .execute()
  ).map((o) => ({ id: o.id, name: o.name, orgNumber: o.org_number, share: o.workforce_share, isLead: o.id === won.lead_organisation_id }));
});
afterAll(() => close());

describe("each member's ESPD Response", () => {
  const files = new Map<number, string>();

  it("is valid against the XSD and all twelve rule files, for every member of the demo's won salad bid", async () => {
    expect(members).toHaveLength(3);
    for (const m of members) {
      const response = (await download("member", wonBid, m.id)) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toContain("application/xml");
      const xml = await response.text();
      files.set(m.id, xml);
      const schema = await validateEspdSchema(xml, `${m.name}.xml`);
      expect(schema.errors, m.name).toEqual([]);
      expect(schema.valid).toBe(true);
      expect(await checkEspdRules(xml), m.name).toEqual([]);
    }
    // The bid still planned: its eligible members' files are valid too (Erikshjälpen's cannot be made yet, below).
    for (const name of ["Fontänhuset Lund", "EosCares"]) {
      const { id } = await db.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirstOrThrow();
      const xml = await ((await download("member", plannedBid, id)) as Response).text();
      expect((await validateEspdSchema(xml)).errors, name).toEqual([]);
      expect(await checkEspdRules(xml), name).toEqual([]);
    }
  }, 600_000);

  it("states the member's verified share, its role, and the group with the other members", () => {
    const groupNames = new Set<string>();
    for (const m of members) {
      const xml = files.get(m.id)!;
      expect(texts(xml, "cbc:Name")).toContain(m.name);
      expect(xml).toContain(`>${m.orgNumber}</cbc:ID>`);
      expect(answer(xml, "C57_OT_shelt-worksh/QG1/Q1")).toBe("true");
      expect(Number(answer(xml, "C57_OT_shelt-worksh/QG1/QSG1/Q1"))).toBe(m.share! / 100);
      expect(answer(xml, "C57_OT_shelt-worksh/QG1/QSG1/Q2")).toMatch(new RegExp(`Andel ${m.share} % per \\d{4}-\\d{2}-\\d{2}, verifierad`));
      const role = m.isLead ? "group-lead" : "group-mem";
      expect(texts(xml, "cbc:RoleCode")).toEqual([role]);
      expect(answer(xml, "C59_OT_eo-group/QG1/QSG1/Q1")).toBe(role);
      const others = answer(xml, "C59_OT_eo-group/QG1/QSG1/Q2")!;
      for (const o of members.filter((x) => x.id !== m.id)) expect(others).toContain(`${o.name} (organisationsnummer ${o.orgNumber})`);
      expect(others).not.toContain(m.name);
      const [group] = texts(xml, "cbc:EconomicOperatorGroupName");
      expect(answer(xml, "C59_OT_eo-group/QG1/QSG1/Q3")).toBe(group);
      groupNames.add(group);
    }
    expect([...groupNames]).toEqual(["Salladskonsortiet Lund"]);
  });

  it("fails the rules when the lead's file leaves out the other members, or names an unknown criterion", async () => {
    const lead = files.get(members.find((m) => m.isLead)!.id)!;
    const withoutGroup = lead.replace(/<cac:TenderingCriterionResponse>\s*<cbc:ID[^>]*>C59_OT_eo-group[\s\S]*?<\/cac:TenderingCriterionResponse>\s*/g, "");
    expect(withoutGroup).not.toContain("C59_OT_eo-group/QG1/Q1/R1");
    const failures = await checkEspdRules(withoutGroup);
    expect(failures).toContainEqual(expect.objectContaining({ id: "BR-LAED-10", flag: "fatal" }));
    const unknown = await checkEspdRules(lead.replace(/>C57_OT_shelt-worksh</, ">C57_OT_sheltered<"));
    expect(unknown.map((f) => f.id)).toContain("BR-TC-02-02");
    const schema = await validateEspdSchema(
      lead.replace("<cbc:CopyIndicator>false</cbc:CopyIndicator>", "<cbc:CopyIndicator>false</cbc:CopyIndicator><cbc:Bogus/>"),
    );
    expect(schema.valid).toBe(false);
  }, 600_000);
});

describe("who may download it", () => {
  it("gives a member its own organisation's file only; the lead and coordinators every member's; nobody else any", async () => {
    const eos = members.find((m) => m.name === "EosCares")!;
    const emmaus = members.find((m) => m.name === "Emmaus Lund")!;
    expect((await answerOf(() => download("eoscares", wonBid, eos.id))).status).toBe(200);
    expect((await answerOf(() => download("eoscares", wonBid, emmaus.id))).status).toBe(404);
    for (const m of members) {
      expect((await answerOf(() => download("coordinator", wonBid, m.id))).status).toBe(200);
      expect((await answerOf(() => download("member", wonBid, m.id))).status).toBe(200);
    }
    // The buyer sees the submitted bid, but the ESPDs go to it through its own procurement system.
    expect((await answerOf(() => download("buyer", wonBid, eos.id))).status).toBe(404);
    expect((await answerOf(() => download("iris", wonBid, eos.id))).status).toBe(404);
  });

  it("answers 409 in words while a member lacks its details or a verified share, instead of a file that would fail", async () => {
    const eriks = await db.selectFrom("organisation").select("id").where("name", "=", "Erikshjälpen Second Hand Lund").executeTakeFirstOrThrow();
    const response = (await download("member", plannedBid, eriks.id)) as Response;
    expect(response.status).toBe(409);
    expect(await response.text()).toBe("Erikshjälpen Second Hand Lund har inte fyllt i sina uppgifter för ESPD.");
  });
});
