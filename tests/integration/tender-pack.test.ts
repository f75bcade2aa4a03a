/**
 * The tender pack (`/bids/:id/tender-pack.zip`) on the demo network: what is in the zip and what
 * each file says, streamed; blocked in words naming who must do what while anything is missing;
 * for the lead and coordinators only.
 */
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as espdLoader } from "../../app/routes/bids.$id_.espd.$organisationId";
import { loader as packLoader } from "../../app/routes/bids.$id_.tender-pack[.]zip";
import { loader as tenderLoader } from "../../app/routes/bids.$id_.tender";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
const cookies: Record<string, string> = {};
let wonBid: number;
let plannedBid: number;

const args = (request: Request, id: number) => ({ request, params: { id: String(id) }, context: {} });
const pack = (who: string, id: number, headers: Record<string, string> = {}) =>
  packLoader(args(new Request(`http://localhost/bids/${id}/tender-pack.zip`, { headers: { Cookie: cookies[who], ...headers } }), id));

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const who of ["coordinator", "buyer", "member", "eoscares", "iris"]) cookies[who] = await sessionCookieFor(db, `${who}@example.org`);
  const bids = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .select(["b.id", "b.status", "r.title"])
    .where("b.is_example", "=", true)
    .execute();
  wonBid = bids.find((b) => b.title === "Sallader till kommunens verksamheter" && b.status === "won")!.id;
  plannedBid = bids.find((b) => b.title === "Sallader till kommunens verksamheter, andra perioden")!.id;
});
afterAll(() => close());

describe("the tender pack", () => {
  let files: Record<string, Uint8Array>;

  it("is complete for the demo's won salad bid: its tender page lists nothing that blocks it", async () => {
    const page = (await tenderLoader(args(getRequest(`/bids/${wonBid}/tender`, cookies.member), wonBid))).page;
    expect(page.maySeePack).toBe(true);
    expect(page.problems).toEqual([]);
  });

  it("is a zip streamed to the lead, with the price sheet, the agreement, every member's ESPD, the plan and a README", async () => {
    const response = (await pack("member", wonBid)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="tender-pack-bid-${wonBid}.zip"`);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    const members = await db
      .selectFrom("joint_bid_participant as p")
      .innerJoin("organisation as o", "o.id", "p.organisation_id")
      .select(["o.org_number", "o.slug"])
      .where("p.bid_id", "=", wonBid)
      .where("p.status", "=", "accepted")
      .execute();
    expect(Object.keys(files).sort()).toEqual(
      [
        "README.txt",
        "prices.csv",
        "prices.json",
        "agreement-sv.html",
        "agreement-en.html",
        "plan-summary.html",
        "allocations.csv",
        ...members.map((m) => `espd/espd-${m.org_number.replace("-", "")}-${m.slug}.xml`),
      ].sort(),
    );
  });

  it("lists every file in its README, and what the lead must still do in the buyer's system", () => {
    const readme = strFromU8(files["README.txt"]);
    for (const name of Object.keys(files).filter((n) => n !== "README.txt")) expect(readme).toContain(name);
    expect(readme).toContain("Det här återstår för ledaren");
    expect(readme).toMatch(/Lämna in anbudet i köparens upphandlingssystem/);
    expect(readme).toMatch(/Signera anbudet/);
    // The bid is already submitted here: no step to mark it so.
    expect(readme).not.toContain("Markera anbudet som inlämnat");
  });

  it("has a price sheet for Swedish Excel that adds up to the figures the page shows, to the öre", async () => {
    const page = (await tenderLoader(args(getRequest(`/bids/${wonBid}/tender`, cookies.member), wonBid))).page;
    // A byte-order mark, so Excel reads å, ä and ö (the decoder drops it from the text).
    expect([...files["prices.csv"].subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = strFromU8(files["prices.csv"]);
    // No cell holds a semicolon or a quote: a quoted cell is quoted for its comma.
    const rows = csv
      .trimEnd()
      .split("\r\n")
      .map((r) => r.split(";").map((cell) => cell.replace(/^"(.*)"$/, "$1")));
    expect(rows[0][0]).toBe("Behovsrad");
    expect(rows[0]).toContain("Pris per enhet exkl. moms (kr)");
    const lines = rows.slice(1, 1 + page.lines.length);
    for (const l of page.lines) {
      const row = lines.find((r) => r[1] === l.item && r[2] === l.site)!;
      // Kronor with a decimal comma.
      expect(row[6]).toBe(
        `${Math.floor(page.prices[l.demandLineId].unitPriceOre / 100)},${String(page.prices[l.demandLineId].unitPriceOre % 100).padStart(2, "0")}`,
      );
    }
    const total = rows[rows.length - 1];
    expect(total[0]).toBe("Hela perioden");
    const ore = (cell: string) => Number(cell.replace(",", "."));
    expect(Math.round(ore(total[2]) * 100)).toBe(page.figures!.total.exVat);
    expect(Math.round(ore(total[4]) * 100)).toBe(page.figures!.total.incVat);
    const json = JSON.parse(strFromU8(files["prices.json"]));
    expect(json.total).toEqual({
      units: page.figures!.total.units,
      exVat: page.figures!.total.exVat,
      vat: page.figures!.total.vat,
      incVat: page.figures!.total.incVat,
    });
    expect(json.months.reduce((s: number, m: { exVat: number }) => s + m.exVat, 0)).toBe(json.total.exVat);
    // What members are paid is the consortium's business, not the buyer's.
    expect(JSON.stringify(json)).not.toMatch(/leadShare|payment/i);
  });

  it("holds each member's ESPD exactly as its download gives it, and the agreement in both languages", async () => {
    const members = await db
      .selectFrom("joint_bid_participant")
      .select("organisation_id")
      .where("bid_id", "=", wonBid)
      .where("status", "=", "accepted")
      .execute();
    for (const { organisation_id } of members) {
      const response = (await espdLoader({
        request: getRequest(`/bids/${wonBid}/espd/${organisation_id}`, cookies.member),
        params: { id: String(wonBid), organisationId: String(organisation_id) },
        context: {},
      })) as Response;
      const fileName = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition")!)![1];
      // The issue time is the moment of making; everything else is the same file.
      const strip = (xml: string) => xml.replace(/<cbc:IssueTime>[^<]*<\/cbc:IssueTime>/, "").replace(/<cbc:IssueDate>[^<]*<\/cbc:IssueDate>/, "");
      expect(strip(strFromU8(files[`espd/${fileName}`]))).toBe(strip(await response.text()));
    }
    const sv = strFromU8(files["agreement-sv.html"]);
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toContain("Samarbetsavtal för gemensamt anbud");
    expect(sv).toContain("Det är en mall");
    expect(sv).toContain("Solidariskt ansvar");
    expect(sv).toContain("Bilaga: ersättning till Emmaus Lund");
    const en = strFromU8(files["agreement-en.html"]);
    expect(en).toContain("Consortium agreement for a joint bid");
    expect(en).toContain("Joint and several liability");
    expect(strFromU8(files["allocations.csv"]).split("\r\n")[0]).toContain("Datum");
    expect(strFromU8(files["plan-summary.html"])).toMatch(/Täckning: [\d,]+ %/);
  });

  it("is written in the language asked for", async () => {
    const response = (await pack("member", wonBid, { "Accept-Language": "en" })) as Response;
    const english = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(strFromU8(english["README.txt"])).toContain("What the lead still has to do");
    expect(strFromU8(english["prices.csv"])).toContain("Whole period");
  });

  it("is blocked while anything is missing, naming each problem and who must fix it", async () => {
    const response = (await pack("member", plannedBid)) as Response;
    expect(response.status).toBe(409);
    const text = await response.text();
    expect(text).toContain(
      "Erikshjälpen Second Hand Lund uppfyller inte kraven för reserverad upphandling: andelen är under 30 %, inte verifierad av nätverket.",
    );
    expect(text).toContain("En medlem i Erikshjälpen Second Hand Lund fyller i dem");
  });

  it("is only for the lead and coordinators", async () => {
    expect((await answerOf(() => pack("coordinator", wonBid))).status).toBe(200);
    expect((await answerOf(() => pack("eoscares", wonBid))).status).toBe(403);
    expect((await answerOf(() => pack("buyer", wonBid))).status).toBe(403);
    expect((await answerOf(() => pack("iris", wonBid))).status).toBe(404);
  });
});
