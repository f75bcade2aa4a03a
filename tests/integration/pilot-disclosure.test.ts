/**
 * The demo pilot's report, checked by the independent disclosure checker
 * (tests/support/disclosure-checker.ts) as a reader would take it: what the JSON export shows for
 * every period the register can tell apart, together with every published version, and every
 * published version together with the others. The register rows come straight from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows, readFrozenReport } from "../../app/domain/pilot-report";
import { loader as jsonLoader } from "../../app/routes/pilot.report[.json]";
import { action as reportAction } from "../../app/routes/pilot.report";
import { action as procurementAction } from "../../app/routes/pilot.procurements.$procurementId";
import type { DB } from "../../db/client.server";
import { type CheckedPublication, type CheckedRow, type PublishedFigure, disclosureExposures, readers } from "../support/disclosure-checker";
import { openDemoDatabase } from "./support/app-database";
import { formRequest, getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
let coordinator: string;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  coordinator = await sessionCookieFor(db, "coordinator@example.org");
});
afterAll(() => close());

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** The register rows a report of the period counts, read from the database: inside the period, of its procurements. */
async function rowsOf(procurementIds: number[], from: string, to: string): Promise<CheckedRow[]> {
  if (procurementIds.length === 0) return [];
  const rows = await db
    .selectFrom("pilot_outcome")
    .selectAll()
    .where("procurement_id", "in", procurementIds)
    .where("period_from", ">=", from)
    .where("period_to", "<=", to)
    .execute();
  return rows.map((r) => ({
    procurementId: r.procurement_id,
    gender: r.gender,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    participants: r.participants,
    onSocialAssistance: r.on_social_assistance,
    outcomes: {
      work: r.work,
      studies: r.studies,
      unemployment_benefit: r.unemployment_benefit,
      social_assistance: r.social_assistance,
      other_unknown: r.other_unknown,
    },
  }));
}

interface Exported {
  procurements: { id: number }[];
  counts: PublishedFigure[];
  estimate: { perPerson: Record<string, number> | null; period: { fromWork: Record<string, number> } | null };
}

/** What the JSON export of a period publishes, with the number into work that the estimate's total gives away, if shown. */
async function livePublication(from: string, to: string): Promise<CheckedPublication> {
  const response = (await jsonLoader(args(getRequest(`/pilot/report.json?from=${from}&to=${to}`, coordinator)))) as Response;
  const body = (await response.json()) as Exported;
  const figures = [...body.counts];
  const { perPerson, period } = body.estimate;
  if (period && perPerson && perPerson.society !== 0) {
    // society's line "per person × into work" divided by society's value per person.
    figures.push({ table: "outcomes", row: "all", column: "work", value: period.fromWork.society / perPerson.society });
  }
  return {
    rows: await rowsOf(
      body.procurements.map((p) => p.id),
      from,
      to,
    ),
    figures,
  };
}

/** Every public version as it shows itself, with the rows it counted (kept with it when it was published). */
async function publicVersions(): Promise<CheckedPublication[]> {
  const versions = await db.selectFrom("pilot_report_version").select(["content", "audit_input"]).orderBy("id").execute();
  return versions.map((v) => {
    const report = readFrozenReport(v.content);
    const figures: PublishedFigure[] = countRows(report.counts, report.procurements);
    const { perPerson, period } = report.estimate;
    if (period && perPerson && perPerson.society !== 0)
      figures.push({ table: "outcomes", row: "all", column: "work", value: period.fromWork.society / perPerson.society });
    return { rows: (JSON.parse(v.audit_input!) as { rows: CheckedRow[] }).rows, figures };
  });
}

/** Every period the register can tell apart: from each row's first day (or a year's) to each row's last day (or a year's). */
async function periods(): Promise<{ from: string; to: string }[]> {
  const rows = await db.selectFrom("pilot_outcome").select(["period_from", "period_to"]).execute();
  const starts = [...new Set([...rows.map((r) => r.period_from), "2023-01-01", "2024-01-01"])].sort();
  const ends = [...new Set([...rows.map((r) => r.period_to), "2023-12-31", "2024-12-31"])].sort();
  return starts.flatMap((from) => ends.filter((to) => to >= from).map((to) => ({ from, to })));
}

async function expectProtected(publications: CheckedPublication[], what: string) {
  expect(await disclosureExposures(publications, readers.nothingMore), what).toEqual([]);
  expect(await disclosureExposures(publications, readers.zerosShown), what).toEqual([]);
}

describe("the demo pilot's report, checked independently", () => {
  it("protects every period's report together with every public version", async () => {
    const versions = await publicVersions();
    expect(versions.length).toBeGreaterThanOrEqual(1);
    const all = await periods();
    expect(all.length).toBeGreaterThan(10);
    for (const { from, to } of all) await expectProtected([...versions, await livePublication(from, to)], `${from}–${to}`);
  }, 600_000);

  it("protects every published version, each against the others, also after a correction is published", async () => {
    await expectProtected(await publicVersions(), "the demo's versions");
    // Publish the whole pilot; then one more person is registered (a row gains one) and it is published again.
    const publish = async () => {
      const response = (await reportAction(
        args(formRequest("/pilot/report", { intent: "publish", from: "2023-01-01", to: "2024-12-31" }, coordinator)),
      )) as Response;
      expect(response.status).toBe(302);
    };
    await publish();
    await expectProtected(await publicVersions(), "with the whole pilot");
    const row = await db.selectFrom("pilot_outcome").selectAll().where("gender", "=", "women").orderBy("id").executeTakeFirstOrThrow();
    const grown = await procurementAction(
      args(
        formRequest(
          `/pilot/procurements/${row.procurement_id}`,
          {
            intent: "saveOutcome",
            periodFrom: row.period_from,
            periodTo: row.period_to,
            gender: row.gender,
            participants: String(row.participants + 1),
            onSocialAssistance: String(row.on_social_assistance + 1),
            work: String(row.work + 1),
            studies: String(row.studies),
            unemploymentBenefit: String(row.unemployment_benefit),
            socialAssistance: String(row.social_assistance),
            otherUnknown: String(row.other_unknown),
          },
          coordinator,
        ),
        { procurementId: String(row.procurement_id) },
      ),
    );
    expect((grown as Response).status).toBe(302);
    await publish();
    const versions = await publicVersions();
    expect(versions.length).toBeGreaterThanOrEqual(3);
    await expectProtected(versions, "after the correction");
  }, 600_000);
});
