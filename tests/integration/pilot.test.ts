/**
 * The pilot pages on the server: who may see and change what, the outcome rules at the door, the
 * small-number suppression in the JSON and CSV exports, and published reports as frozen versions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation } from "../../app/models/organisation.server";
import { createUser, grantRole } from "../../app/models/user.server";
import { withCheckDigit } from "../../app/domain/org-number";
import { action as indexAction, loader as indexLoader } from "../../app/routes/pilot._index";
import { action as procurementAction, loader as procurementLoader } from "../../app/routes/pilot.procurements.$procurementId";
import { action as estimateAction, loader as estimateLoader } from "../../app/routes/pilot.estimate";
import { action as reportAction, loader as reportLoader } from "../../app/routes/pilot.report";
import { loader as jsonLoader } from "../../app/routes/pilot.report[.json]";
import { loader as csvLoader } from "../../app/routes/pilot.report[.csv]";
import { loader as versionLoader } from "../../app/routes/pilot.reports.$versionId";
import { action as annualAction, loader as annualLoader } from "../../app/routes/reports.$year";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";
import { answerOf, formRequest, getRequest, responseOf, sessionCookieFor } from "./support/requests";
import { profileInput } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
const cookies: Record<string, string> = {};

const status = (value: unknown) => (value instanceof Response ? value.status : undefined);
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const who of ["coordinator", "buyer", "member"]) cookies[who] = await sessionCookieFor(db, `${who}@example.org`);
  // A buyer of a private company: the buyer role alone does not open the pilot.
  const admin = await db.selectFrom("user").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
  const privateBuyer = (await createUser({ db, email: "private-buyer@example.org", name: "Petra Privat", password: "demo-password" }))!;
  await grantRole({ db, userId: privateBuyer.id, role: "buyer", grantedBy: admin.id });
  const org = await createOrganisation({
    db,
    ownerUserId: privateBuyer.id,
    status: "active",
    input: profileInput({ name: "Byggbolaget i Lund AB", orgNumber: withCheckDigit("556000123"), kind: "buyer" }),
  });
  expect(org.ok).toBe(true);
  cookies.privateBuyer = await sessionCookieFor(db, "private-buyer@example.org");
});
afterAll(() => close());

async function firstProcurementId() {
  return (await db.selectFrom("pilot_procurement").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
}

describe("who may use the pilot", () => {
  it("sends a visitor to the login page and refuses members and buyers outside the municipality", async () => {
    const visitor = await responseOf(() => indexLoader(args(getRequest("/pilot"))));
    expect(status(visitor)).toBe(302);
    expect((visitor as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Fpilot/);
    for (const who of ["member", "privateBuyer"]) {
      expect(status(await responseOf(() => indexLoader(args(getRequest("/pilot", cookies[who])))))).toBe(403);
      expect(status(await responseOf(() => jsonLoader(args(getRequest("/pilot/report.json", cookies[who])))))).toBe(403);
      expect(status(await responseOf(() => csvLoader(args(getRequest("/pilot/report.csv", cookies[who])))))).toBe(403);
      expect(status(await responseOf(() => reportLoader(args(getRequest("/pilot/report", cookies[who])))))).toBe(403);
      expect(status(await responseOf(() => annualLoader(args(getRequest("/reports/2023", cookies[who]), { year: "2023" }))))).toBe(403);
    }
  });

  it("refuses changes from a member, even with a valid form", async () => {
    const before = await db.selectFrom("pilot_procurement").select("id").execute();
    const result = await responseOf(() =>
      indexAction(args(formRequest("/pilot", { intent: "createProcurement", title: "x", buyingUnit: "y", kind: "reserved", status: "planned" }, cookies.member))),
    );
    expect(status(result)).toBe(403);
    const id = await firstProcurementId();
    const outcome = await responseOf(() =>
      procurementAction(
        args(formRequest(`/pilot/procurements/${id}`, { intent: "saveOutcome", ...outcomeFields }, cookies.member), { procurementId: String(id) }),
      ),
    );
    expect(status(outcome)).toBe(403);
    expect(await db.selectFrom("pilot_procurement").select("id").execute()).toHaveLength(before.length);
  });

  it("lets a municipality buyer see the pilot and add to the register, but not change parameters or publish", async () => {
    const page = (await indexLoader(args(getRequest("/pilot", cookies.buyer)))) as { access: string; procurements: unknown[] };
    expect(page.access).toBe("municipality_buyer");
    expect(page.procurements.length).toBeGreaterThanOrEqual(4);
    const created = await indexAction(
      args(formRequest("/pilot", { intent: "createProcurement", title: "Städning av lokaler", buyingUnit: "Serviceförvaltningen", kind: "fixed_requirement", status: "planned" }, cookies.buyer)),
    );
    expect(status(created)).toBe(302);
    const estimate = (await estimateLoader(args(getRequest("/pilot/estimate", cookies.buyer)))) as { canEdit: boolean };
    expect(estimate.canEdit).toBe(false);
    const parameter = await responseOf(() =>
      estimateAction(args(formRequest("/pilot/estimate", { key: "grossWage", value: "1", unit: "kr", source: "x", asOf: "2024-01-01" }, cookies.buyer))),
    );
    expect(status(parameter)).toBe(403);
    const publish = await responseOf(() => reportAction(args(formRequest("/pilot/report", { intent: "publish", from: "2023-01-01", to: "2024-12-31" }, cookies.buyer))));
    expect(status(publish)).toBe(403);
    const annual = await responseOf(() =>
      annualAction(args(formRequest("/reports/2023", { intent: "saveText", section: "network", introduction: "x", conclusion: "" }, cookies.buyer), { year: "2023" })),
    );
    expect(status(annual)).toBe(403);
  });

  it("records who changed what", async () => {
    const change = await db
      .selectFrom("pilot_change")
      .innerJoin("user", "user.id", "pilot_change.changed_by")
      .select(["user.email", "pilot_change.summary", "pilot_change.changed_at"])
      .where("summary", "=", "Städning av lokaler")
      .executeTakeFirstOrThrow();
    expect(change.email).toBe("buyer@example.org");
    expect(Date.parse(change.changed_at)).not.toBeNaN();
  });
});

const outcomeFields = {
  periodFrom: "2024-01-01",
  periodTo: "2024-03-31",
  gender: "women",
  participants: "6",
  onSocialAssistance: "6",
  work: "3",
  studies: "1",
  unemploymentBenefit: "0",
  socialAssistance: "1",
  otherUnknown: "0",
};

describe("outcome counts", () => {
  it("refuses outcomes that exceed the participants, keeps the input, and saves nothing", async () => {
    const id = await firstProcurementId();
    const before = await db.selectFrom("pilot_outcome").select("id").execute();
    const result = await answerOf(() =>
      procurementAction(
        args(formRequest(`/pilot/procurements/${id}`, { intent: "saveOutcome", ...outcomeFields, otherUnknown: "2" }, cookies.coordinator), {
          procurementId: String(id),
        }),
      ),
    );
    expect(result).toMatchObject({ status: 400, data: { errors: { work: "form.pilot.outcomesExceed" }, values: { otherUnknown: "2" } } });
    const negative = await answerOf(() =>
      procurementAction(
        args(formRequest(`/pilot/procurements/${id}`, { intent: "saveOutcome", ...outcomeFields, participants: "-3" }, cookies.coordinator), {
          procurementId: String(id),
        }),
      ),
    );
    expect(negative).toMatchObject({ status: 400, data: { errors: { participants: "form.pilot.count" } } });
    const order = await answerOf(() =>
      procurementAction(
        args(formRequest(`/pilot/procurements/${id}`, { intent: "saveOutcome", ...outcomeFields, periodTo: "2023-01-01" }, cookies.coordinator), {
          procurementId: String(id),
        }),
      ),
    );
    expect(order).toMatchObject({ status: 400, data: { errors: { periodTo: "form.dateOrder" } } });
    expect(await db.selectFrom("pilot_outcome").select("id").execute()).toHaveLength(before.length);
  });

  it("answers 404 for an unknown procurement and 400 for an unknown intent", async () => {
    expect(status(await responseOf(() => procurementLoader(args(getRequest("/pilot/procurements/999999", cookies.coordinator), { procurementId: "999999" }))))).toBe(404);
    expect(status(await responseOf(() => procurementLoader(args(getRequest("/pilot/procurements/1e3", cookies.coordinator), { procurementId: "1e3" }))))).toBe(404);
    const id = await firstProcurementId();
    expect(
      status(await responseOf(() => procurementAction(args(formRequest(`/pilot/procurements/${id}`, { intent: "nope" }, cookies.coordinator), { procurementId: String(id) })))),
    ).toBe(400);
  });
});

interface CountRow {
  table: string;
  row: string;
  column: string;
  value: number | null;
  display: string;
}

describe("the exports", () => {
  it("never contain a count from 1 to 4 in JSON, and no row gives a hidden count away by subtraction", async () => {
    const response = (await jsonLoader(args(getRequest("/pilot/report.json", cookies.coordinator)))) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    const body = (await response.json()) as { counts: CountRow[] };
    expect(body.counts.length).toBeGreaterThan(20);
    for (const row of body.counts) {
      if (row.value === null) expect(row.display).toBe("<5");
      else expect(row.value === 0 || row.value >= 5, `${row.table}/${row.row}/${row.column} = ${row.value}`).toBe(true);
    }
    // The demo has small counts, so something is hidden.
    expect(body.counts.some((r) => r.value === null)).toBe(true);
    // Per gender, participants = the outcome columns together: never exactly one of them hidden.
    for (const gender of ["women", "men", "other", "all"]) {
      const members = [
        body.counts.find((r) => r.table === "participants" && r.row === gender && r.column === "total")!,
        ...body.counts.filter((r) => r.table === "outcomes" && r.row === gender),
      ];
      expect(members.filter((m) => m.value === null).length).not.toBe(1);
      const sa = body.counts.filter((r) => r.table === "participants" && r.row === gender);
      expect(sa.filter((m) => m.value === null).length).not.toBe(1);
    }
    // Nothing that names a person.
    expect(JSON.stringify(body)).not.toMatch(/\d{6}-?\d{4}/);
  });

  it("never contain a count from 1 to 4 in CSV", async () => {
    const response = (await csvLoader(args(getRequest("/pilot/report.csv?from=2023-01-01&to=2024-12-31", cookies.buyer)))) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("section,row,column,value");
    const countLines = lines.slice(1).filter((l) => /^(participants|outcomes|outcome_groups|participants_by_procurement),/.test(l));
    expect(countLines.length).toBeGreaterThan(20);
    for (const line of countLines) {
      const value = line.slice(line.lastIndexOf(",") + 1);
      expect(value === "<5" || value === "0" || Number(value) >= 5, line).toBe(true);
    }
    expect(countLines.some((l) => l.endsWith(",<5"))).toBe(true);
  });

  it("answers a malformed period with 400, never a 500", async () => {
    expect(status(await responseOf(() => jsonLoader(args(getRequest("/pilot/report.json?from=2024-13-01", cookies.coordinator)))))).toBe(400);
    expect(status(await responseOf(() => csvLoader(args(getRequest("/pilot/report.csv?from=2024-12-31&to=2024-01-01", cookies.coordinator)))))).toBe(400);
  });
});

describe("published reports", () => {
  it("are public only once published, frozen, and a later publication is a new version", async () => {
    expect(status(await responseOf(() => versionLoader(args(getRequest("/pilot/reports/1"), { versionId: "1" }))))).toBe(404);
    const first = (await reportAction(args(formRequest("/pilot/report", { intent: "publish", from: "2023-01-01", to: "2024-12-31" }, cookies.coordinator)))) as Response;
    expect(first.status).toBe(302);
    const firstPath = first.headers.get("Location")!;
    const firstId = firstPath.split("/").pop()!;
    const v1 = (await versionLoader(args(getRequest(firstPath), { versionId: firstId }))) as { version: number; report: { counts: { participants: { all: { total: unknown } } } } };
    expect(v1.version).toBe(1);
    const totalBefore = v1.report.counts.participants.all.total;

    // A later edit: more participants in the period.
    const id = await firstProcurementId();
    const saved = await procurementAction(
      args(formRequest(`/pilot/procurements/${id}`, { intent: "saveOutcome", ...outcomeFields, periodFrom: "2024-07-01", periodTo: "2024-09-30", participants: "20", onSocialAssistance: "20" }, cookies.coordinator), {
        procurementId: String(id),
      }),
    );
    expect(status(saved)).toBe(302);

    const again = (await versionLoader(args(getRequest(firstPath), { versionId: firstId }))) as typeof v1;
    expect(again.report.counts.participants.all.total).toEqual(totalBefore);

    const second = (await reportAction(args(formRequest("/pilot/report", { intent: "publish", from: "2023-01-01", to: "2024-12-31" }, cookies.coordinator)))) as Response;
    const secondId = second.headers.get("Location")!.split("/").pop()!;
    const v2 = (await versionLoader(args(getRequest(`/pilot/reports/${secondId}`), { versionId: secondId }))) as typeof v1;
    expect(v2.version).toBe(2);
    expect(v2.report.counts.participants.all.total).not.toEqual(totalBefore);
  });
});

describe("the annual report", () => {
  it("shows the network from the platform's data, says plainly which data does not exist yet, and keeps texts per year", async () => {
    const page = (await annualLoader(args(getRequest("/reports/2023", cookies.coordinator), { year: "2023" }))) as {
      report: { network: { byKind: { kind: string; count: number }[] }; activities: { activity: string }[]; texts: Record<string, { introduction: string }> };
    };
    // The demo network is loaded today, so it counts in this year's report and not in 2023's.
    expect(page.report.network.byKind).toEqual([]);
    const year = String(new Date().getFullYear());
    const current = (await annualLoader(args(getRequest(`/reports/${year}`, cookies.coordinator), { year }))) as typeof page;
    expect(current.report.network.byKind.reduce((s, k) => s + k.count, 0)).toBeGreaterThan(5);
    expect(page.report.activities.map((a) => a.activity).join(" ")).toMatch(/Coompanion/);
    const saved = await annualAction(
      args(formRequest("/reports/2023", { intent: "saveText", section: "network", introduction: "Nätverket växte.", conclusion: "" }, cookies.coordinator), { year: "2023" }),
    );
    expect(status(saved)).toBe(302);
    const after = (await annualLoader(args(getRequest("/reports/2023", cookies.coordinator), { year: "2023" }))) as typeof page;
    expect(after.report.texts.network.introduction).toBe("Nätverket växte.");
    const other = (await annualLoader(args(getRequest("/reports/2024", cookies.coordinator), { year: "2024" }))) as typeof page;
    expect(other.report.texts.network.introduction).toBe("");
    expect(status(await responseOf(() => annualLoader(args(getRequest("/reports/1999", cookies.coordinator), { year: "1999" }))))).toBe(404);
  });

  it("validates activity lines", async () => {
    const result = await answerOf(() =>
      annualAction(
        args(formRequest("/reports/2023", { intent: "addActivity", goalArea: "internal_collaboration", activity: "", percentOfTime: "140", costSek: "-5" }, cookies.coordinator), {
          year: "2023",
        }),
      ),
    );
    expect(result).toMatchObject({ status: 400, data: { errors: { activity: "form.required", percentOfTime: "form.percent", costSek: "form.pilot.amount" } } });
  });
});
