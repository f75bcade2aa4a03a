/**
 * Joint-bid benchmark at region scale: npm run bench:bids [seed]
 *
 * The planner benchmark's instance shape (300 participants, 260 delivery dates, 3 items, 30
 * sites) stored as a real request, organisations, capacity lines and a joint bid with one
 * commitment per capacity line, in a temporary SQLite file; beside it, other bids on another
 * request over the same year hold part of the same capacity lines with confirmed commitments, so
 * free capacity (decision 018) is computed across every other bid. Times the full path a "Plan"
 * click takes (loading commitments from the database, expanding slots, capping at free capacity,
 * planning, storing input, plan and summary, and building the page data) next to the planner alone
 * on the same input, in the same run. Medians after a warm-up.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { median } from "./median";
import { planJointBid } from "../app/domain/planner";
import { getBidAccess } from "../app/models/joint-bid/access.server";
import { loadBidPage } from "../app/models/joint-bid/page.server";
import { loadPlanInput, storePlan } from "../app/models/joint-bid/planning.server";
import { replaceSites, replaceWeekdays } from "../app/models/weekdays-and-sites.server";
import { migrateToLatest, openDatabase, type DB } from "../db/client.server";
import { createRandom } from "../seed/random";

const WARM_UP = 1;
/** Bids on another request that hold capacity on the same lines. */
const OTHER_BIDS = 10;
const RUNS = 5;
const seed = Number(process.argv[2] ?? 20261126);

async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function buildInstance(db: DB) {
  const random = createRandom(seed);
  const items = ["lunch-portions", "vegetable-boxes", "catering-trays"];
  const sites = Array.from({ length: 30 }, (_, k) => `site-${String(k + 1).padStart(2, "0")}`);
  const stamp = new Date().toISOString();
  const coordinator = "bench-coordinator";
  await db.insertInto("user").values({ id: coordinator, email: "bench@example.org", name: "Bench", password_hash: "x", created_at: stamp }).execute();
  const org = (n: number, kind: "buyer" | "work_integrating", executor: Pick<DB, "insertInto"> = db) =>
    executor
      .insertInto("organisation")
      .values({
        slug: `bench-${n}`,
        name: `Bench ${n}`,
        org_number: `bench-${n}`,
        kind,
        status: "active",
        created_at: stamp,
        updated_at: stamp,
        workforce_share: 50,
        workforce_share_date: "2026-01-01",
        verified_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const buyer = await org(0, "buyer");
  const request = await db
    .insertInto("request")
    .values({
      buyer_organisation_id: buyer.id,
      kind: "direct_purchase",
      status: "published",
      title: "Region-scale bench",
      cpv_code: "15894200-3",
      period_from: "2026-01-05",
      period_to: "2027-01-01",
      deadline_at: "2026-01-01T00:00:00Z",
      // 52 weeks × 5 weekdays = 260 delivery dates, as in the planner benchmark.
      deliver_on_holidays: true,
      contact_name: "Bench",
      contact_email: "bench@example.org",
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const bid = await db
    .insertInto("joint_bid")
    .values({ request_id: request.id, lead_organisation_id: null, status: "draft", created_by: coordinator, created_at: stamp, updated_at: stamp })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Other bids, on another request over the same year, that hold part of the same lines.
  const otherRequest = await db
    .insertInto("request")
    .values({ ...(await db.selectFrom("request").selectAll().where("id", "=", request.id).executeTakeFirstOrThrow()), id: undefined, title: "Another request" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const otherBids: number[] = [];
  for (let k = 0; k < OTHER_BIDS; k++) {
    const other = await db
      .insertInto("joint_bid")
      .values({ request_id: otherRequest.id, lead_organisation_id: null, status: "committed", created_by: coordinator, created_at: stamp, updated_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow();
    otherBids.push(other.id);
  }

  const offeredPerDay = new Map(items.map((i) => [i, 0]));
  await db.transaction().execute(async (trx) => {
    for (let o = 1; o <= 300; o++) {
      const { id: orgId } = await org(o, "work_integrating", trx);
      await trx
        .insertInto("joint_bid_participant")
        .values({ bid_id: bid.id, organisation_id: orgId, status: "accepted", invited_at: stamp, confirmed_at: stamp })
        .execute();
      const weekdays = random.sample([1, 2, 3, 4, 5], random.int(3, 5)).sort();
      for (const item of random.sample(items, random.int(1, 2))) {
        const served = random.chance(0.03) ? [] : random.sample(sites, random.int(1, 10)).sort();
        const quantity = random.int(5, 60);
        offeredPerDay.set(item, offeredPerDay.get(item)! + (quantity * weekdays.length) / 5);
        const { id: offeringId } = await trx
          .insertInto("offering")
          .values({ organisation_id: orgId, title: item, cpv_code: "15894200-3", unit: "portions", created_at: stamp, updated_at: stamp })
          .returning("id")
          .executeTakeFirstOrThrow();
        const { id: lineId } = await trx
          .insertInto("capacity_line")
          .values({ offering_id: offeringId, quantity, period: "weekday", valid_from: null, valid_to: null })
          .returning("id")
          .executeTakeFirstOrThrow();
        await replaceWeekdays(trx, "capacity_line", lineId, weekdays);
        await replaceSites(trx, "capacity_line", lineId, served);
        const { id: commitmentId } = await trx
          .insertInto("joint_bid_commitment")
          .values({ bid_id: bid.id, organisation_id: orgId, capacity_line_id: lineId, item, quantity, updated_at: stamp })
          .returning("id")
          .executeTakeFirstOrThrow();
        await replaceWeekdays(trx, "joint_bid_commitment", commitmentId, weekdays);
        await replaceSites(trx, "joint_bid_commitment", commitmentId, served);
        // Every other organisation has confirmed a fifth of the line in one of the other bids.
        if (o % 2 === 0) {
          const otherBid = otherBids[o % OTHER_BIDS];
          await trx
            .insertInto("joint_bid_participant")
            .values({ bid_id: otherBid, organisation_id: orgId, status: "accepted", invited_at: stamp, confirmed_at: stamp })
            .onConflict((oc) => oc.doNothing())
            .execute();
          const { id: heldId } = await trx
            .insertInto("joint_bid_commitment")
            .values({ bid_id: otherBid, organisation_id: orgId, capacity_line_id: lineId, item, quantity: Math.ceil(quantity / 5), updated_at: stamp })
            .returning("id")
            .executeTakeFirstOrThrow();
          await replaceWeekdays(trx, "joint_bid_commitment", heldId, weekdays);
        }
      }
    }
    // Demand per item and site around what is offered per day, spread unevenly over sites.
    const weight = sites.map(() => 0.2 + 1.8 * random.next());
    const total = weight.reduce((a, b) => a + b, 0);
    let position = 0;
    for (const item of items) {
      for (const [k, site] of sites.entries()) {
        const quantity = Math.max(1, Math.round((offeredPerDay.get(item)! * weight[k] * (0.8 + 0.4 * random.next())) / total));
        const { id: lineId } = await trx
          .insertInto("demand_line")
          .values({ request_id: request.id, position: position++, item, unit: "portions", quantity, site })
          .returning("id")
          .executeTakeFirstOrThrow();
        await replaceWeekdays(trx, "demand_line", lineId, [1, 2, 3, 4, 5]);
      }
    }
  });
  return { bidId: bid.id, viewer: { id: coordinator, roles: ["coordinator" as const] } };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-bids-"));
const db = openDatabase(path.join(dir, "bench.db"));
try {
  await migrateToLatest(db);
  const { bidId, viewer } = await buildInstance(db);

  const loaded = await loadPlanInput({ db, bidId });
  if (!loaded.ok) throw new Error(`No plan input: ${JSON.stringify(loaded.problem)}`);
  const { input } = loaded;
  const commitmentQuantity = new Map(
    (await db.selectFrom("joint_bid_commitment").select(["id", "quantity"]).where("bid_id", "=", bidId).execute()).map((c) => [String(c.id), c.quantity]),
  );
  const slots = new Set(input.demand.map((d) => d.slot)).size;
  const plan = planJointBid(input);

  const plannerAlone = await time(() => planJointBid(input));
  const stages = { load: [] as number[], plan: [] as number[], store: [] as number[], page: [] as number[] };
  const fullPath = await time(async () => {
    let t0 = performance.now();
    const fresh = await loadPlanInput({ db, bidId });
    if (!fresh.ok) throw new Error("input");
    stages.load.push(performance.now() - t0);
    t0 = performance.now();
    const planned = planJointBid(fresh.input);
    stages.plan.push(performance.now() - t0);
    t0 = performance.now();
    const stored = await storePlan({ db, viewer, bidId, loaded: fresh, plan: planned, pendingPlan: null });
    if (!stored.ok) throw new Error("store");
    stages.store.push(performance.now() - t0);
    t0 = performance.now();
    const access = await getBidAccess({ db, bidId, viewer });
    await loadBidPage({ db, access: access! });
    stages.page.push(performance.now() - t0);
  });

  const ms = (v: number) => `${v.toFixed(0)} ms`;
  console.log(`Joint-bid benchmark (seed ${seed}), medians of ${RUNS} runs after ${WARM_UP} warm-up`);
  console.log(`  participants 300, delivery dates ${slots}, items 3, sites 30`);
  console.log(
    `  demand lines ${input.demand.length}, capacity offers ${input.capacity.length}, coverage ${((plan.covered / plan.demanded) * 100).toFixed(1)} %`,
  );
  console.log(
    `  other bids holding capacity on the same lines: ${OTHER_BIDS}; offers capped at free capacity: ${input.capacity.filter((o) => o.capacity < (commitmentQuantity.get(o.id.slice(1, o.id.indexOf(":"))) ?? 0)).length}`,
  );
  console.log(`  planner alone:  ${ms(plannerAlone)}`);
  console.log(`  full path:      ${ms(fullPath)}  (${(fullPath / plannerAlone).toFixed(2)}× the planner; target ≤ 3× and < 2 s)`);
  console.log(
    `    load + expand ${ms(median(stages.load))}, plan ${ms(median(stages.plan))}, store ${ms(median(stages.store))}, page data ${ms(median(stages.page))}`,
  );
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
