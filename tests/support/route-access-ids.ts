/**
 * The ids that fill the placeholders of tests/support/route-access.ts, looked up in a database that
 * holds the demo (the matrix test's own, or the e2e server's). Adds the rows the demo lacks: a
 * draft request of the buyer's organisation and a published pilot report.
 */
import { publishPilotReport } from "../../app/models/pilot-report.server";
import type { DB } from "../../db/client.server";
import { organisationSlug, placeholders, type Placeholder } from "./route-access";

/** The buyer account's organisation, which owns the demo requests. */
const buyerOrganisationSlug = "lunds-kommun-upphandlingsenheten";

export async function sampleIds(db: DB): Promise<Map<Placeholder, string>> {
  const ids = new Map<Placeholder, string>();
  const idOf = async (slug: string) => (await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  const organisationId = await idOf(organisationSlug);
  const buyerOrganisationId = await idOf(buyerOrganisationSlug);
  ids.set(
    "offeringId",
    String((await db.selectFrom("offering").select("id").where("organisation_id", "=", organisationId).orderBy("id").executeTakeFirstOrThrow()).id),
  );
  const published = await db
    .selectFrom("request")
    .selectAll()
    .where("buyer_organisation_id", "=", buyerOrganisationId)
    .where("status", "=", "published")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  ids.set("requestId", String(published.id));
  const { id: _publishedId, ...copy } = published;
  const draft = await db
    .insertInto("request")
    .values({ ...copy, status: "draft", title: "Matrix draft" })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.set("draftRequestId", String(draft.id));
  const bid = await db
    .selectFrom("joint_bid")
    .select("id")
    .where("lead_organisation_id", "=", organisationId)
    .where("submitted_at", "is", null)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  ids.set("bidId", String(bid.id));
  const won = await db
    .selectFrom("joint_bid")
    .select("id")
    .where("lead_organisation_id", "=", organisationId)
    .where("status", "=", "won")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  ids.set("wonBidId", String(won.id));
  ids.set("organisationId", String(organisationId));
  ids.set("meetingId", String((await db.selectFrom("meeting").select("id").where("status", "=", "scheduled").orderBy("id").executeTakeFirstOrThrow()).id));
  ids.set("procurementId", String((await db.selectFrom("pilot_procurement").select("id").orderBy("id").executeTakeFirstOrThrow()).id));
  const coordinator = await db.selectFrom("user").select("id").where("email", "=", "coordinator@example.org").executeTakeFirstOrThrow();
  const year = new Date().getFullYear();
  const report = await publishPilotReport({ db, userId: coordinator.id, from: `${year}-01-01`, to: `${year}-12-31` });
  ids.set("reportVersionId", String(report.id));
  if (placeholders.some((name) => !ids.has(name))) throw new Error("sampleIds: a placeholder without an id");
  return ids;
}

/** A sample URL or param with its placeholders filled. */
export function fillPlaceholders(text: string, ids: Map<Placeholder, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => ids.get(name as Placeholder) ?? whole);
}
