import type { DB } from "../db/client.server";
import { stockholmToUtc } from "../app/domain/lund-time";
import type { RequestInput } from "../app/forms/request-form";
import { addCapacityLine } from "../app/models/offering.server";
import { changeBidStatus } from "../app/models/joint-bid/status.server";
import { confirmCommitments, updateCommitment } from "../app/models/joint-bid/commitments.server";
import { getBidAccess, type Viewer } from "../app/models/joint-bid/access.server";
import { planBid } from "../app/models/joint-bid/planning.server";
import { respondToInvitation, startJointBid } from "../app/models/joint-bid/participants.server";
import { createRequest, transitionRequest } from "../app/models/request.server";
import { awardRequest } from "../app/models/tender/award.server";
import { savePrices, saveTerms } from "../app/models/tender/changes.server";
import type { CompanySize } from "../app/domain/tender/tender";
import { plannedSaladRequestTitle } from "./demo-bids.server";

/**
 * Demo data for tenders (decision 023), all invented like the rest of the demo: each member's
 * postal address, size and signatory for its ESPD (Erikshjälpen has none yet, so its missing
 * details show beside its missing eligibility); the salad bid, by Fontänhuset Lund with EosCares
 * and Emmaus Lund, priced, submitted with a complete tender pack and awarded, its contract begun;
 * prices and terms on the bid still planned for the salad request's second period, whose pack
 * Erikshjälpen blocks; and a finished reserved procurement from earlier in the year, "Gröna
 * lunchskålar till Stadshuset och Kristallen", won by the same consortium, whose contract has
 * ended, so open data shows a contract's whole life to its termination.
 */
const details: { organisation: string; street: string; postalCode: string; city: string; size: CompanySize; signatory: string; role: string }[] = [
  {
    organisation: "Fontänhuset Lund",
    street: "Bangatan 7",
    postalCode: "222 21",
    city: "Lund",
    size: "micro",
    signatory: "Maria Medlem",
    role: "verksamhetsledare",
  },
  { organisation: "EosCares", street: "Klostergatan 12", postalCode: "222 22", city: "Lund", size: "micro", signatory: "Elin Eos", role: "ordförande" },
  { organisation: "Emmaus Lund", street: "Råbyvägen 40", postalCode: "224 57", city: "Lund", size: "small", signatory: "Erik på Emmaus", role: "butikschef" },
  { organisation: "Iris Kraft", street: "Traktorvägen 11", postalCode: "226 60", city: "Lund", size: "micro", signatory: "Ivar Kraft", role: "vd" },
];

function day(offset: number, from = new Date()): string {
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + offset)).toISOString().slice(0, 10);
}

/** The Monday on or before a date. */
function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return day(-((d.getUTCDay() + 6) % 7), d);
}

async function idOf(db: DB, table: "organisation" | "user", column: "name" | "email", value: string): Promise<number | string | null> {
  const row = await db.selectFrom(table).select("id").where(column, "=", value).executeTakeFirst();
  return row?.id ?? null;
}

async function viewer(db: DB, email: string): Promise<Viewer> {
  return { id: (await idOf(db, "user", "email", email)) as string, roles: [] };
}

/**
 * Prices excluding VAT per demand line, in the lines' order (catering is 12 % VAT), the lead's
 * share, and any member's own payment per unit on a line (by the line's place).
 */
async function price(
  db: DB,
  bidId: number,
  lead: Viewer,
  unitPrices: number[],
  shareBasisPoints: number,
  payments: { organisationId: number; line: number; ore: number }[] = [],
): Promise<void> {
  const demand = await db
    .selectFrom("joint_bid as b")
    .innerJoin("demand_line as d", "d.request_id", "b.request_id")
    .select("d.id")
    .where("b.id", "=", bidId)
    .orderBy("d.position")
    .execute();
  await savePrices({
    db,
    viewer: lead,
    access: await getBidAccess({ db, bidId, viewer: lead }),
    input: {
      prices: demand.map((d, k) => ({ demandLineId: d.id, unitPriceOre: unitPrices[Math.min(k, unitPrices.length - 1)], vatRate: 12 })),
      adminShareBasisPoints: shareBasisPoints,
      payments: payments.map((p) => ({ organisationId: p.organisationId, demandLineId: demand[p.line].id, unitPaymentOre: p.ore })),
    },
  });
}

export async function seedDemoTender(db: DB): Promise<void> {
  const outboxBefore = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  for (const d of details) {
    const organisationId = (await idOf(db, "organisation", "name", d.organisation)) as number | null;
    if (organisationId === null) continue;
    await db
      .insertInto("organisation_tender_details")
      .values({
        organisation_id: organisationId,
        street_address: d.street,
        postal_code: d.postalCode,
        city: d.city,
        company_size: d.size,
        signatory_name: d.signatory,
        signatory_role: d.role,
        updated_at: new Date().toISOString(),
        updated_by: null,
      })
      .execute();
  }

  const lead = await viewer(db, "member@example.org");
  const plannedBid = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .select("b.id")
    .where("b.is_example", "=", true)
    .where("r.title", "=", plannedSaladRequestTitle)
    .executeTakeFirst();
  if (plannedBid) {
    await price(db, plannedBid.id, lead, [6250, 5800, 6250], 500);
    await saveTerms({ db, viewer: lead, access: await getBidAccess({ db, bidId: plannedBid.id, viewer: lead }), input: consortiumTerms });
  }

  await seedAwardedSalad(db, lead);
  await seedFinishedProcurement(db, lead);
  // The demo's notifications stay under the bell; its e-mails are not sent.
  await db
    .deleteFrom("email_outbox")
    .where("id", ">", Number(outboxBefore?.id ?? 0))
    .execute();
}

const consortiumTerms = { groupName: "Salladskonsortiet Lund", paymentDays: 10, noticeMonths: 3, substitutes: "Iris Kraft" };

type Consortium = { buyerOrganisationId: number; buyerId: string; fontanhuset: number; eos: number; emmaus: number };

async function consortiumOf(db: DB): Promise<Consortium | null> {
  const buyerOrganisationId = (await idOf(db, "organisation", "name", "Lunds kommun – Upphandlingsenheten")) as number | null;
  const buyerId = (await idOf(db, "user", "email", "buyer@example.org")) as string | null;
  const fontanhuset = (await idOf(db, "organisation", "name", "Fontänhuset Lund")) as number | null;
  const eos = (await idOf(db, "organisation", "name", "EosCares")) as number | null;
  const emmaus = (await idOf(db, "organisation", "name", "Emmaus Lund")) as number | null;
  if (!buyerOrganisationId || !buyerId || !fontanhuset || !eos || !emmaus) return null;
  return { buyerOrganisationId, buyerId, fontanhuset, eos, emmaus };
}

/** Days from today, and the deadline, of a procurement that has run: all before today. */
type Timeline = { published: number; submitted: number; deadline: number; awarded: number };

/**
 * The consortium (Fontänhuset Lund leading EosCares and Emmaus Lund) bids on an open request as
 * its members would (capacity for the request's period, invitations accepted, commitments
 * confirmed, the plan made, priced, terms set, submitted), then the request is dated back to when
 * it ran and awarded to the bid for the request's period and the value frozen at submission.
 */
async function consortiumWins(
  db: DB,
  lead: Viewer,
  c: Consortium,
  {
    requestId,
    capacity,
    shapeCommitments,
    unitPrices,
    shareBasisPoints,
    payments,
    timeline,
  }: {
    requestId: number;
    capacity: { organisationId: number; title: string; quantity: number; sites: string[] }[];
    shapeCommitments?: (bidId: number) => Promise<void>;
    unitPrices: number[];
    shareBasisPoints: number;
    payments: { organisationId: number; line: number; ore: number }[];
    timeline: Timeline;
  },
): Promise<void> {
  const request = await db.selectFrom("request").select(["period_from", "period_to"]).where("id", "=", requestId).executeTakeFirstOrThrow();
  for (const line of capacity) {
    const offering = await db
      .selectFrom("offering")
      .select("id")
      .where("organisation_id", "=", line.organisationId)
      .where("title", "=", line.title)
      .executeTakeFirst();
    if (!offering) continue;
    await addCapacityLine({
      db,
      organisationId: line.organisationId,
      offeringId: offering.id,
      input: {
        quantity: line.quantity,
        period: "weekday",
        weekdays: [1, 2, 3, 4],
        validFrom: request.period_from,
        validTo: request.period_to,
        sites: line.sites,
      },
    });
  }

  const started = await startJointBid({ db, viewer: lead, requestId, leadOrganisationId: c.fontanhuset, inviteOrganisationIds: [c.eos, c.emmaus] });
  if (!started.ok) return;
  const bidId = started.bidId;
  await db.updateTable("joint_bid").set({ is_example: true }).where("id", "=", bidId).execute();
  const members = [
    [c.fontanhuset, "member@example.org"],
    [c.eos, "eoscares@example.org"],
    [c.emmaus, "emmaus@example.org"],
  ] as const;
  for (const [organisationId, email] of members.slice(1)) {
    await respondToInvitation({ db, viewer: await viewer(db, email), bidId, organisationId, accept: true });
  }
  await shapeCommitments?.(bidId);
  for (const [organisationId, email] of members) {
    await confirmCommitments({ db, viewer: await viewer(db, email), bidId, organisationId });
  }
  await planBid({ db, viewer: lead, bidId });
  await price(db, bidId, lead, unitPrices, shareBasisPoints, payments);
  await saveTerms({ db, viewer: lead, access: await getBidAccess({ db, bidId, viewer: lead }), input: consortiumTerms });
  await changeBidStatus({ db, viewer: lead, bidId, action: "submit" });

  // Back to when it ran.
  const at = (offset: number, time: string) => stockholmToUtc(day(offset), time)!;
  const submittedAt = at(timeline.submitted, "15:30");
  await db
    .updateTable("request")
    .set({ deadline_at: at(timeline.deadline, "12:00"), published_at: at(timeline.published, "09:00"), updated_at: at(timeline.published, "09:00") })
    .where("id", "=", requestId)
    .execute();
  await db.updateTable("joint_bid").set({ submitted_at: submittedAt }).where("id", "=", bidId).execute();
  await db.updateTable("joint_bid_agreement").set({ frozen_at: submittedAt }).where("bid_id", "=", bidId).execute();

  const agreement = await db.selectFrom("joint_bid_agreement").select("content_json").where("bid_id", "=", bidId).executeTakeFirst();
  const value = agreement ? ((JSON.parse(agreement.content_json) as { total: { exVat: number } | null }).total?.exVat ?? 0) : 0;
  await awardRequest({
    db,
    requestId,
    buyerOrganisationId: c.buyerOrganisationId,
    userId: c.buyerId,
    input: { winner: { kind: "bid", bidId }, valueOre: value > 0 ? value : 100_00, contractFrom: request.period_from, contractTo: request.period_to },
  });
  const awardedAt = at(timeline.awarded, "10:00");
  await db.updateTable("request_award").set({ awarded_at: awardedAt }).where("request_id", "=", requestId).execute();
  await db.updateTable("request").set({ updated_at: awardedAt, closed_at: awardedAt }).where("id", "=", requestId).execute();
  await db.updateTable("request_change").set({ created_at: awardedAt }).where("request_id", "=", requestId).execute();
  await db.updateTable("joint_bid_event").set({ at: submittedAt }).where("bid_id", "=", bidId).where("kind", "!=", "status.won").execute();
  await db.updateTable("joint_bid_event").set({ at: awardedAt }).where("bid_id", "=", bidId).where("kind", "=", "status.won").execute();
  await db
    .updateTable("joint_bid")
    .set({ created_at: at(timeline.published + 2, "10:00"), updated_at: awardedAt })
    .where("id", "=", bidId)
    .execute();
  await db.updateTable("joint_bid_plan").set({ planned_at: submittedAt }).where("bid_id", "=", bidId).execute();
  await db.updateTable("request_response").set({ is_example: true }).where("request_id", "=", requestId).execute();
}

/**
 * The demo's salad bid: the salad request that followed the RFI, won by the consortium a little
 * over a week ago (its contract began this week or the last), with the lead paying Emmaus its own
 * price for the vegetarian salads.
 */
async function seedAwardedSalad(db: DB, lead: Viewer): Promise<void> {
  const c = await consortiumOf(db);
  const request = await db
    .selectFrom("request")
    .select("id")
    .where("title", "=", "Sallader till kommunens verksamheter")
    .where("status", "=", "published")
    .executeTakeFirst();
  if (!c || !request) return;
  await consortiumWins(db, lead, c, {
    requestId: request.id,
    capacity: [
      { organisationId: c.fontanhuset, title: "Sallader och lunchcatering", quantity: 60, sites: ["Stadshuset", "Kristallen"] },
      { organisationId: c.eos, title: "Sallader till skolor och förskolor", quantity: 60, sites: [] },
    ],
    unitPrices: [6250, 5800, 6250],
    shareBasisPoints: 500,
    payments: [{ organisationId: c.emmaus, line: 1, ore: 5400 }],
    timeline: { published: -28, submitted: -16, deadline: -14, awarded: -10 },
  });
}

/**
 * The finished procurement, from earlier in the year: published while open, the bid planned,
 * priced and submitted before the deadline, then dated back, its contract ended a month ago.
 */
async function seedFinishedProcurement(db: DB, lead: Viewer): Promise<void> {
  const c = await consortiumOf(db);
  if (!c) return;
  const from = mondayOf(day(-200));
  const to = day(-30);
  const input: RequestInput = {
    kind: "reserved",
    title: "Gröna lunchskålar till Stadshuset och Kristallen (pilotperiod)",
    description:
      "Reserverad upphandling enligt LOU 4 kap. 18 §, en pilot inför den större upphandlingen: en grön lunchskål till Stadshuset och en vegetarisk till Kristallen, måndag till torsdag.",
    cpvCode: "55520000-1",
    periodFrom: from,
    periodTo: to,
    // Open while the bid is made; the deadline is moved back to when it was once the bid is in.
    deadlineAt: stockholmToUtc(day(1), "12:00")!,
    deadlineDate: day(1),
    deadlineTime: "12:00",
    contactName: "Bertil Inköpare",
    contactEmail: "upphandling@lund.example.org",
    contactPhone: "046-35 50 00",
    lines: [
      // Bought as catering, delivered as prepared meals: what the members' salad capacity is (decision 018).
      { id: null, item: "Grön lunchskål, dagens", unit: "portions", quantity: 40, site: "Stadshuset", cpvCode: "15894200-3", weekdays: [1, 2, 3, 4] },
      { id: null, item: "Grön lunchskål, vegetarisk", unit: "portions", quantity: 20, site: "Kristallen", cpvCode: "15894200-3", weekdays: [2, 3, 4] },
    ],
    questions: [],
    changeNote: "",
  };
  const requestId = await createRequest({ db, buyerOrganisationId: c.buyerOrganisationId, userId: c.buyerId, input, isExample: true });
  await transitionRequest({ db, requestId, buyerOrganisationId: c.buyerOrganisationId, userId: c.buyerId, action: "publish" });

  await consortiumWins(db, lead, c, {
    requestId,
    // Capacity for the pilot's weeks (the demo's own lines are for the current year's terms).
    capacity: [
      { organisationId: c.fontanhuset, title: "Sallader och lunchcatering", quantity: 30, sites: ["Stadshuset", "Kristallen"] },
      { organisationId: c.eos, title: "Sallader till skolor och förskolor", quantity: 20, sites: [] },
    ],
    // EosCares makes the vegetarian bowls for Kristallen; the others the bowls of the day for Stadshuset.
    shapeCommitments: async (bidId) => {
      const eosViewer = await viewer(db, "eoscares@example.org");
      for (const commitment of await db
        .selectFrom("joint_bid_commitment")
        .select(["id", "quantity"])
        .where("bid_id", "=", bidId)
        .where("organisation_id", "=", c.eos)
        .execute()) {
        await updateCommitment({
          db,
          viewer: eosViewer,
          bidId,
          organisationId: c.eos,
          commitmentId: commitment.id,
          input: { item: "Grön lunchskål, vegetarisk", quantity: commitment.quantity, weekdays: [2, 3, 4], sites: ["Kristallen"] },
        });
      }
    },
    unitPrices: [6500, 6200],
    shareBasisPoints: 600,
    payments: [{ organisationId: c.emmaus, line: 1, ore: 6000 }],
    timeline: { published: -245, submitted: -217, deadline: -215, awarded: -208 },
  });
}
