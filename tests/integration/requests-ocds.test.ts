import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as releaseLoader } from "../../app/routes/requests.$id_.ocds[.]json";
import { loader as packageLoader } from "../../app/routes/requests.ocds[.]json";
import type { DB } from "../../db/client.server";
import { ocdsValidators } from "../support/ocds-schema";
import { openDemoDatabase } from "./support/app-database";
import { getRequest } from "./support/requests";

// The OCDS 1.1.5 schemas with the extensions the releases use merged in (tests/support/ocds-schema.ts).
const { validateRelease, validatePackage } = ocdsValidators();

let db: DB;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

const json = async (response: unknown) => (response as Response).json();
/** A request's own open data is a package of its releases; the first is the tender. */
const tenderOf = async (response: unknown) => (await json(response)).releases[0];
const idOf = async (title: string) => (await db.selectFrom("request").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;

describe("open data (OCDS 1.1)", () => {
  it("publishes the open salad procurement as a valid release, reserved for sheltered workshops", async () => {
    const id = await idOf("Sallader till kommunens verksamheter, andra perioden");
    const release = await tenderOf(await releaseLoader({ request: getRequest(`/requests/${id}/ocds.json`), params: { id: String(id) }, context: {} }));
    expect(validateRelease(release), JSON.stringify(validateRelease.errors, null, 2)).toBe(true);
    expect(release.ocid).toBe(`ocds-stl000-${id}`);
    expect(release.tag).toEqual(["tender"]);
    expect(release.buyer.name).toBe("Lunds kommun – Upphandlingsenheten");
    expect(release.parties[0].roles).toEqual(["buyer"]);
    expect(release.tender.status).toBe("active");
    expect(release.tender.otherRequirements).toEqual({ reservedParticipation: ["shelteredWorkshop"] });
    expect(release.tender.items).toHaveLength(3);
    // What is delivered (prepared meals), with the procurement's own code (catering) beside it.
    expect(release.tender.items[0].classification).toEqual({ scheme: "CPV", id: "15894200", description: "Prepared meals" });
    expect(release.tender.items[0].additionalClassifications).toEqual([{ scheme: "CPV", id: "55520000", description: "Catering services" }]);
    expect(release.tender.items[0].quantity % 120).toBe(0);
    expect(release.tender.tenderPeriod.endDate).toMatch(/T\d\d:00:00\.000Z$/);
  });

  it("uses OCDS_PREFIX, and marks other kinds without reserved participation", async () => {
    const id = await idOf("Sotning och brandskyddskontroll");
    process.env.OCDS_PREFIX = "ocds-test99";
    try {
      const release = await tenderOf(await releaseLoader({ request: getRequest(`/requests/${id}/ocds.json`), params: { id: String(id) }, context: {} }));
      expect(validateRelease(release), JSON.stringify(validateRelease.errors, null, 2)).toBe(true);
      expect(release.ocid).toBe(`ocds-test99-${id}`);
      expect(release.tender.otherRequirements).toBeUndefined();
    } finally {
      delete process.env.OCDS_PREFIX;
    }
  });

  it("publishes every non-draft request as a valid release package, the closed RFI as complete", async () => {
    const body = await json(await packageLoader({ request: getRequest("/requests/ocds.json"), params: {}, context: {} }));
    expect(validatePackage(body), JSON.stringify(validatePackage.errors, null, 2)).toBe(true);
    // One tender release per published request; the finished reserved procurement has five more,
    // the awarded salad procurement four (its contract has begun, not ended; decision 023).
    expect(body.releases.filter((r: { tag: string[] }) => r.tag[0] === "tender")).toHaveLength(7);
    expect(body.releases).toHaveLength(16);
    const rfi = body.releases.find((r: { tender?: { title: string } }) => r.tender?.title?.startsWith("Informationsförfrågan"));
    expect(rfi.tender.status).toBe("complete");
  });

  it("the validator does catch a broken release", () => {
    expect(validateRelease({ ocid: "x", id: "y", date: "not a date", tag: ["nonsense"], initiationType: "tender" })).toBe(false);
  });
});
