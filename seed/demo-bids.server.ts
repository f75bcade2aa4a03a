import type { DB } from "../db/client.server";
import { addCapacityLine, createOffering } from "../app/models/offering.server";
import { confirmCommitments, updateCommitment } from "../app/models/joint-bid/commitments.server";
import { planBid } from "../app/models/joint-bid/planning.server";
import { respondToInvitation, startJointBid } from "../app/models/joint-bid/participants.server";
import type { Viewer } from "../app/models/joint-bid/access.server";
import { createUser } from "../app/models/user.server";
import { sitesOf, weekdaysOf } from "../app/models/weekdays-and-sites.server";
import { demoPassword } from "./demo-network";

/**
 * Demo data for joint bids: accounts for three more members, salad capacity for two of them
 * (invented, like every capacity figure in the demo), and, when the requests demo has its salad
 * request, a joint bid on it led by Fontänhuset Lund with EosCares and Erikshjälpen: commitments,
 * confirmations and a stored plan with real coverage and shortfall. Erikshjälpen is not eligible
 * for a reserved procurement (20 % and not verified), so the page shows what blocks submission.
 * The demo puts it on the salad request's second period; the first is won by a consortium
 * without Erikshjälpen (`demo-tender.server.ts`).
 */
export const bidDemoAccounts = [
  { email: "eoscares@example.org", name: "Elin på EosCares", organisation: "EosCares" },
  { email: "emmaus@example.org", name: "Erik på Emmaus", organisation: "Emmaus Lund" },
  { email: "erikshjalpen@example.org", name: "Eva på Erikshjälpen", organisation: "Erikshjälpen Second Hand Lund" },
] as const;

const monThu = [1, 2, 3, 4];

async function organisationId(db: DB, name: string): Promise<number | null> {
  return (await db.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirst())?.id ?? null;
}

async function userId(db: DB, email: string): Promise<string | null> {
  return (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst())?.id ?? null;
}

/** Accounts and salad offerings; safe to run once on the demo network. */
export async function seedBidMembers(db: DB): Promise<void> {
  for (const account of bidDemoAccounts) {
    const orgId = await organisationId(db, account.organisation);
    if (orgId === null) continue;
    const created = await createUser({ db, email: account.email, name: account.name, password: demoPassword });
    if (!created) continue;
    await db
      .insertInto("membership")
      .values({ user_id: created.id, organisation_id: orgId, role: "owner", status: "active", created_at: new Date().toISOString() })
      .execute();
  }
  const offerings = [
    {
      organisation: "Emmaus Lund",
      title: "Kafé: lunchsallader",
      description: "Sallader från butikens kafé, levererade med lastcykel.",
      capacity: { quantity: 25, weekdays: monThu, sites: [] as string[] },
    },
    {
      organisation: "Erikshjälpen Second Hand Lund",
      title: "Lunchsallader från kaféet",
      description: "Sallader från second hand-butikens kafé.",
      capacity: { quantity: 20, weekdays: [2, 3, 4], sites: ["Stadshuset"] },
    },
  ];
  for (const o of offerings) {
    const orgId = await organisationId(db, o.organisation);
    if (orgId === null) continue;
    const offering = await createOffering({
      db,
      organisationId: orgId,
      input: { title: o.title, description: o.description, cpvCode: "15894200-3", unit: "portions" },
    });
    if (!offering.ok) continue;
    const offeringId = offering.id;
    await addCapacityLine({
      db,
      organisationId: orgId,
      offeringId,
      input: { quantity: o.capacity.quantity, period: "weekday", weekdays: o.capacity.weekdays, validFrom: null, validTo: null, sites: o.capacity.sites },
    });
  }
}

/**
 * The demo joint bid on the salad request (found by title), or nothing when there is no such
 * published request. Fontänhuset and EosCares also declare capacity for the request's term.
 */
export async function seedDemoBid(db: DB, { requestId }: { requestId?: number } = {}): Promise<number | null> {
  let query = db.selectFrom("request").select(["id", "period_from", "period_to"]).where("status", "=", "published");
  query = requestId === undefined ? query.where("title", "like", "Sallad%") : query.where("id", "=", requestId);
  const request = await query.orderBy("id").executeTakeFirst();
  if (!request) return null;
  const sites = [...new Set((await db.selectFrom("demand_line").select("site").where("request_id", "=", request.id).execute()).map((d) => d.site))];
  if (sites.length === 0) return null;

  const viewerFor = async (email: string): Promise<Viewer> => ({ id: (await userId(db, email))!, roles: [] });
  const fontanhuset = (await organisationId(db, "Fontänhuset Lund"))!;
  const eos = (await organisationId(db, "EosCares"))!;
  const eriks = (await organisationId(db, "Erikshjälpen Second Hand Lund"))!;

  // Term capacity for the request's period: Fontänhuset to the first two sites, EosCares anywhere.
  const termLines = [
    { orgId: fontanhuset, title: "Sallader och lunchcatering", quantity: 40, sites: sites.slice(0, 2) },
    { orgId: eos, title: "Sallader till skolor och förskolor", quantity: 50, sites: [] as string[] },
  ];
  for (const line of termLines) {
    const offering = await db.selectFrom("offering").select("id").where("organisation_id", "=", line.orgId).where("title", "=", line.title).executeTakeFirst();
    if (!offering) continue;
    await addCapacityLine({
      db,
      organisationId: line.orgId,
      offeringId: offering.id,
      input: { quantity: line.quantity, period: "weekday", weekdays: monThu, validFrom: request.period_from, validTo: request.period_to, sites: line.sites },
    });
  }

  const lead = await viewerFor("member@example.org");
  const started = await startJointBid({ db, viewer: lead, requestId: request.id, leadOrganisationId: fontanhuset, inviteOrganisationIds: [eos, eriks] });
  if (!started.ok) return null;
  const bidId = started.bidId;
  await db.updateTable("joint_bid").set({ is_example: true }).where("id", "=", bidId).execute();

  const members = [
    { orgId: fontanhuset, email: "member@example.org", share: 0.6 },
    { orgId: eos, email: "eoscares@example.org", share: 0.8 },
    { orgId: eriks, email: "erikshjalpen@example.org", share: 1 },
  ];
  for (const m of members) {
    const viewer = await viewerFor(m.email);
    if (m.orgId !== fontanhuset) await respondToInvitation({ db, viewer, bidId, organisationId: m.orgId, accept: true });
    // Each commits part of what is free, so another bid on the same request still finds capacity.
    const commitments = await db
      .selectFrom("joint_bid_commitment as c")
      .select(["c.id", "c.item", "c.quantity"])
      .where("c.bid_id", "=", bidId)
      .where("c.organisation_id", "=", m.orgId)
      .execute();
    const ids = commitments.map((c) => c.id);
    const [weekdays, sites] = await Promise.all([weekdaysOf(db, "joint_bid_commitment", ids), sitesOf(db, "joint_bid_commitment", ids)]);
    for (const c of commitments) {
      await updateCommitment({
        db,
        viewer,
        bidId,
        organisationId: m.orgId,
        commitmentId: c.id,
        input: { item: c.item, quantity: Math.floor(c.quantity * m.share), weekdays: weekdays.get(c.id) ?? [], sites: sites.get(c.id) ?? [] },
      });
    }
    await confirmCommitments({ db, viewer, bidId, organisationId: m.orgId });
  }
  await planBid({ db, viewer: lead, bidId });
  return bidId;
}

/** The salad request whose joint bid is still being planned (the other one is awarded by the tender demo). */
export const plannedSaladRequestTitle = "Sallader till kommunens verksamheter, andra perioden";

export async function seedDemoBids(db: DB): Promise<void> {
  await seedBidMembers(db);
  const planned = await db.selectFrom("request").select("id").where("title", "=", plannedSaladRequestTitle).executeTakeFirst();
  if (planned) await seedDemoBid(db, { requestId: planned.id });
}
