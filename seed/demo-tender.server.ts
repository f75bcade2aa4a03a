import type { DB } from "../db/client.server";
import { stockholmToUtc, type RequestInput } from "../app/forms/request-form";
import { addCapacityLine } from "../app/models/offering.server";
import {
  changeBidStatus,
  confirmCommitments,
  getBidAccess,
  planBid,
  respondToInvitation,
  startJointBid,
  updateCommitment,
  type Viewer,
} from "../app/models/joint-bid.server";
import { createRequest, transitionRequest } from "../app/models/request.server";
import { awardRequest } from "../app/models/tender/award.server";
import { savePrices, saveTerms } from "../app/models/tender/tender.server";
import type { CompanySize } from "../app/domain/tender/tender";

/**
 * Demo data for tenders (decision 023), all invented like the rest of the demo: each member's
 * postal address, size and signatory for its ESPD (Erikshjälpen has none yet, so its missing
 * details show beside its missing eligibility); prices and terms on the salad bid; and a finished
 * reserved procurement from earlier in the year, "Gröna lunchskålar till Stadshuset och Kristallen",
 * won by Fontänhuset Lund with EosCares and Emmaus Lund, whose open data shows the whole life:
 * tender, the consortium's bid, the award and the contract, which has ended.
 */
const details: { organisation: string; street: string; postalCode: string; city: string; size: CompanySize; signatory: string; role: string }[] = [
  { organisation: "Fontänhuset Lund", street: "Bangatan 7", postalCode: "222 21", city: "Lund", size: "micro", signatory: "Maria Medlem", role: "verksamhetsledare" },
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
async function price(db: DB, bidId: number, lead: Viewer, unitPrices: number[], shareBasisPoints: number, payments: { organisationId: number; line: number; ore: number }[] = []): Promise<void> {
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
  const outboxBefore = await db.selectFrom("email_outbox").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
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
  const saladBid = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .select("b.id")
    .where("b.is_example", "=", true)
    .where("r.title", "=", "Sallader till kommunens verksamheter")
    .executeTakeFirst();
  if (saladBid) {
    await price(db, saladBid.id, lead, [6250, 5800, 6250], 500);
    await saveTerms({ db, viewer: lead, access: await getBidAccess({ db, bidId: saladBid.id, viewer: lead }), input: { groupName: "Salladskonsortiet Lund", paymentDays: 10, noticeMonths: 3, substitutes: "Iris Kraft" } });
  }

  await seedFinishedProcurement(db, lead);
  // The demo's notifications stay under the bell; its e-mails are not sent.
  await db.deleteFrom("email_outbox").where("id", ">", Number(outboxBefore?.id ?? 0)).execute();
}

/**
 * The finished procurement: made as a buyer and the members would make it (published while open,
 * the bid planned, priced and submitted before the deadline), then dated back to when it ran, and
 * awarded with the contract's period ending a month ago.
 */
async function seedFinishedProcurement(db: DB, lead: Viewer): Promise<void> {
  const buyerOrganisationId = (await idOf(db, "organisation", "name", "Lunds kommun – Upphandlingsenheten")) as number | null;
  const buyerId = (await idOf(db, "user", "email", "buyer@example.org")) as string | null;
  const fontanhuset = (await idOf(db, "organisation", "name", "Fontänhuset Lund")) as number | null;
  const eos = (await idOf(db, "organisation", "name", "EosCares")) as number | null;
  const emmaus = (await idOf(db, "organisation", "name", "Emmaus Lund")) as number | null;
  if (!buyerOrganisationId || !buyerId || !fontanhuset || !eos || !emmaus) return;

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
  const requestId = await createRequest({ db, buyerOrganisationId, userId: buyerId, input, isExample: true });
  await transitionRequest({ db, requestId, buyerOrganisationId, userId: buyerId, action: "publish" });

  // Capacity for the pilot's weeks (the demo's own lines are for the current year's terms).
  for (const line of [
    { organisationId: fontanhuset, title: "Sallader och lunchcatering", quantity: 30, sites: ["Stadshuset", "Kristallen"] },
    { organisationId: eos, title: "Sallader till skolor och förskolor", quantity: 20, sites: [] as string[] },
  ]) {
    const offering = await db.selectFrom("offering").select("id").where("organisation_id", "=", line.organisationId).where("title", "=", line.title).executeTakeFirst();
    if (!offering) continue;
    await addCapacityLine({
      db,
      organisationId: line.organisationId,
      offeringId: offering.id,
      input: { quantity: line.quantity, period: "weekday", weekdays: [1, 2, 3, 4], validFrom: from, validTo: to, sites: line.sites },
    });
  }

  const started = await startJointBid({ db, viewer: lead, requestId, leadOrganisationId: fontanhuset, inviteOrganisationIds: [eos, emmaus] });
  if (!started.ok) return;
  const bidId = started.bidId;
  await db.updateTable("joint_bid").set({ is_example: true }).where("id", "=", bidId).execute();
  for (const [organisationId, email] of [
    [eos, "eoscares@example.org"],
    [emmaus, "emmaus@example.org"],
  ] as const) {
    await respondToInvitation({ db, viewer: await viewer(db, email), bidId, organisationId, accept: true });
  }
  // EosCares makes the vegetarian bowls for Kristallen; the others the bowls of the day for Stadshuset.
  const eosViewer = await viewer(db, "eoscares@example.org");
  for (const c of await db.selectFrom("joint_bid_commitment").select(["id", "quantity"]).where("bid_id", "=", bidId).where("organisation_id", "=", eos).execute()) {
    await updateCommitment({ db, viewer: eosViewer, bidId, organisationId: eos, commitmentId: c.id, input: { item: "Grön lunchskål, vegetarisk", quantity: c.quantity, weekdays: [2, 3, 4], sites: ["Kristallen"] } });
  }
  // Only the pilot's own lines and the lines without a term reach these weeks: nothing else is committed.
  for (const [organisationId, email] of [
    [fontanhuset, "member@example.org"],
    [eos, "eoscares@example.org"],
    [emmaus, "emmaus@example.org"],
  ] as const) {
    await confirmCommitments({ db, viewer: await viewer(db, email), bidId, organisationId });
  }
  await planBid({ db, viewer: lead, bidId });
  await price(db, bidId, lead, [6500, 6200], 600, [{ organisationId: emmaus, line: 1, ore: 6000 }]);
  await saveTerms({
    db,
    viewer: lead,
    access: await getBidAccess({ db, bidId, viewer: lead }),
    input: { groupName: "Salladskonsortiet Lund", paymentDays: 10, noticeMonths: 3, substitutes: "Iris Kraft" },
  });
  await changeBidStatus({ db, viewer: lead, bidId, action: "submit" });

  // Back to when it ran: published a month before the deadline, submitted two days before it.
  const at = (offset: number, time: string) => stockholmToUtc(day(offset), time)!;
  await db.updateTable("request").set({ deadline_at: at(-215, "12:00"), published_at: at(-245, "09:00"), updated_at: at(-245, "09:00") }).where("id", "=", requestId).execute();
  await db.updateTable("joint_bid").set({ submitted_at: at(-217, "15:30") }).where("id", "=", bidId).execute();
  await db.updateTable("joint_bid_agreement").set({ frozen_at: at(-217, "15:30") }).where("bid_id", "=", bidId).execute();

  const agreement = await db.selectFrom("joint_bid_agreement").select("content_json").where("bid_id", "=", bidId).executeTakeFirst();
  const value = agreement ? ((JSON.parse(agreement.content_json) as { total: { exVat: number } | null }).total?.exVat ?? 0) : 0;
  await awardRequest({
    db,
    requestId,
    buyerOrganisationId,
    userId: buyerId,
    input: { winner: { kind: "bid", bidId }, valueOre: value > 0 ? value : 100_00, contractFrom: from, contractTo: to },
  });
  const awardedAt = at(-208, "10:00");
  await db.updateTable("request_award").set({ awarded_at: awardedAt }).where("request_id", "=", requestId).execute();
  await db.updateTable("request").set({ updated_at: awardedAt, closed_at: awardedAt }).where("id", "=", requestId).execute();
  await db.updateTable("request_change").set({ created_at: awardedAt }).where("request_id", "=", requestId).execute();
  const submittedAt = at(-217, "15:30");
  await db.updateTable("joint_bid_event").set({ at: submittedAt }).where("bid_id", "=", bidId).where("kind", "!=", "status.won").execute();
  await db.updateTable("joint_bid_event").set({ at: awardedAt }).where("bid_id", "=", bidId).where("kind", "=", "status.won").execute();
  await db.updateTable("joint_bid").set({ created_at: at(-230, "10:00"), updated_at: awardedAt }).where("id", "=", bidId).execute();
  await db.updateTable("joint_bid_plan").set({ planned_at: submittedAt }).where("bid_id", "=", bidId).execute();
  await db.updateTable("request_response").set({ is_example: true }).where("request_id", "=", requestId).execute();
}
