import type { DB } from "../../db/client.server";
import type { AnnualGoalArea, OrganisationKind } from "../../db/schema";
import type { RequestKind } from "../domain/request";
import { type AnnualSection, annualSections } from "../domain/annual-report";
import { externalCollaboration } from "./annual-report-external.server";
import { buildPilotReport } from "./pilot-report.server";

const now = () => new Date().toISOString();

/** Start and end of a calendar year as ISO timestamps and dates (UTC; the report counts whole days). */
function yearBounds(year: number) {
  return { fromDate: `${year}-01-01`, toDate: `${year}-12-31`, fromTime: `${year}-01-01T00:00:00.000Z`, toTime: `${year + 1}-01-01T00:00:00.000Z` };
}

/** Everything the annual report shows for a year, from the platform's own data and what was entered for it. */
export async function buildAnnualReport({ db, year }: { db: DB; year: number }) {
  const b = yearBounds(year);
  const [pilot, external, byKind, joined, verified, requestsByKind, texts, activities] = await Promise.all([
    buildPilotReport({ db, from: b.fromDate, to: b.toDate }),
    externalCollaboration({ db, year }),
    db
      .selectFrom("organisation")
      .select(["kind", (eb) => eb.fn.countAll<number>().as("count")])
      .where("status", "=", "active")
      .where("created_at", "<", b.toTime)
      .groupBy("kind")
      .execute(),
    db
      .selectFrom("organisation")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("status", "=", "active")
      .where((eb) => eb(eb.fn.coalesce("approved_at", "created_at"), ">=", b.fromTime))
      .where((eb) => eb(eb.fn.coalesce("approved_at", "created_at"), "<", b.toTime))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("organisation")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("verified_at", ">=", b.fromTime)
      .where("verified_at", "<", b.toTime)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("request")
      .select(["kind", (eb) => eb.fn.countAll<number>().as("count")])
      .where("published_at", ">=", b.fromTime)
      .where("published_at", "<", b.toTime)
      .groupBy("kind")
      .execute(),
    db
      .selectFrom("annual_report_text")
      .leftJoin("user", "user.id", "annual_report_text.updated_by")
      .select(["section", "introduction", "conclusion", "updated_at", "user.name as updated_by_name"])
      .where("year", "=", year)
      .execute(),
    db.selectFrom("annual_activity").selectAll().where("year", "=", year).orderBy("goal_area").orderBy("id").execute(),
  ]);
  const textBySection = new Map(texts.map((t) => [t.section, t]));
  return {
    year,
    generatedAt: now(),
    pilot,
    external,
    network: {
      byKind: byKind.map((r) => ({ kind: r.kind as OrganisationKind, count: Number(r.count) })),
      joined: Number(joined.count),
      verified: Number(verified.count),
    },
    requests: { publishedByKind: requestsByKind.map((r) => ({ kind: r.kind as RequestKind, count: Number(r.count) })) },
    texts: Object.fromEntries(
      annualSections.map((s) => [
        s,
        {
          introduction: textBySection.get(s)?.introduction ?? "",
          conclusion: textBySection.get(s)?.conclusion ?? "",
          updatedAt: textBySection.get(s)?.updated_at ?? null,
          updatedByName: textBySection.get(s)?.updated_by_name ?? null,
        },
      ]),
    ) as Record<AnnualSection, { introduction: string; conclusion: string; updatedAt: string | null; updatedByName: string | null }>,
    activities: activities.map((a) => ({
      id: a.id,
      goalArea: a.goal_area,
      activity: a.activity,
      hours: a.hours,
      percentOfTime: a.percent_of_time,
      costSek: a.cost_sek,
      isExample: a.is_example,
    })),
  };
}

export async function saveSectionText({
  db,
  userId,
  year,
  section,
  introduction,
  conclusion,
}: {
  db: DB;
  userId: string;
  year: number;
  section: AnnualSection;
  introduction: string;
  conclusion: string;
}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = { introduction, conclusion, updated_at: now(), updated_by: userId };
    await trx
      .insertInto("annual_report_text")
      .values({ year, section, ...row })
      .onConflict((oc) => oc.columns(["year", "section"]).doUpdateSet(row))
      .execute();
    await trx
      .insertInto("pilot_change")
      .values({ entity: "annual_text", entity_id: `${year}:${section}`, action: "saved", summary: "", changed_at: now(), changed_by: userId })
      .execute();
  });
}

export interface ActivityInput {
  goalArea: AnnualGoalArea;
  activity: string;
  hours: number | null;
  percentOfTime: number | null;
  /** Null: not entered (shown as "—"). */
  costSek: number | null;
}

export async function addActivity({
  db,
  userId,
  year,
  input,
  isExample = false,
}: {
  db: DB;
  userId: string | null;
  year: number;
  input: ActivityInput;
  isExample?: boolean;
}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("annual_activity")
      .values({
        year,
        goal_area: input.goalArea,
        activity: input.activity,
        hours: input.hours,
        percent_of_time: input.percentOfTime,
        cost_sek: input.costSek,
        is_example: isExample,
        created_at: now(),
        created_by: userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("pilot_change")
      .values({
        entity: "annual_activity",
        entity_id: String(id),
        action: "created",
        summary: input.activity.slice(0, 200),
        changed_at: now(),
        changed_by: userId,
      })
      .execute();
    return id;
  });
}

/** Removes an activity line of the given year; false when there is none. */
export async function removeActivity({ db, userId, year, activityId }: { db: DB; userId: string; year: number; activityId: number }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("annual_activity").where("id", "=", activityId).where("year", "=", year).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await trx
      .insertInto("pilot_change")
      .values({ entity: "annual_activity", entity_id: String(activityId), action: "removed", summary: "", changed_at: now(), changed_by: userId })
      .execute();
    return true;
  });
}

export type AnnualReport = Awaited<ReturnType<typeof buildAnnualReport>>;
