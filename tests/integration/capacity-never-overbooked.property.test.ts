/**
 * The promise a joint bid rests on, as a property over random networks on a real database: for any
 * organisations and capacity lines, several requests and several bids on them, commitments changed
 * to any quantity and confirmed in any order (one after another or all at once), and every bid then
 * planned, neither what is confirmed nor what the stored plans allocate ever exceeds a capacity
 * line's declared capacity on any date (or, for a weekly line, in any week), summed over every bid
 * that is not withdrawn or lost; and that stays so when members then change or remove capacity
 * lines in any way: a change that would cut below what is confirmed is refused, and one that would
 * not is accepted. Delivery dates and sums are worked out here, not by the code under test.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Plan } from "../../app/domain/planner";
import { changeBidStatus } from "../../app/models/joint-bid/status.server";
import { confirmCommitments, updateCommitment } from "../../app/models/joint-bid/commitments.server";
import { planBid } from "../../app/models/joint-bid/planning.server";
import { respondToInvitation, startJointBid } from "../../app/models/joint-bid/participants.server";
import type { Viewer } from "../../app/models/joint-bid/access.server";
import { removeCapacityLine, updateCapacityLine } from "../../app/models/offering.server";
import { replaceSites, replaceWeekdays, weekdaysOf } from "../../app/models/weekdays-and-sites.server";
import type { DB } from "../../db/client.server";
import { openTestDatabase } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
let coordinator: Viewer;
let buyerId: number;
let run = 0;

const stamp = () => new Date().toISOString();
const DAY = 86_400_000;

beforeAll(async () => {
  ({ db, close } = await openTestDatabase());
  await db
    .insertInto("user")
    .values({ id: "prop-coordinator", email: "prop-coordinator@example.org", name: "Samordnare", password_hash: "x", created_at: stamp() })
    .execute();
  coordinator = { id: "prop-coordinator", roles: ["coordinator"] };
  buyerId = (
    await db
      .insertInto("organisation")
      .values({ slug: "prop-buyer", name: "Köparen", org_number: "prop-buyer", kind: "buyer", status: "active", created_at: stamp(), updated_at: stamp() })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => close());

const lineSpec = fc.record({
  period: fc.constantFrom("weekday" as const, "week" as const),
  quantity: fc.integer({ min: 1, max: 40 }),
  weekdays: fc.subarray([1, 2, 3, 4, 5], { minLength: 1 }),
  sites: fc.subarray(["A", "B"]),
  // Valid from the first day, or from a later Monday.
  validFromWeek: fc.constantFrom(null, 1),
});

const network = fc.record({
  organisations: fc.array(fc.array(lineSpec, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 4 }),
  // Requests start 0–2 weeks apart and run 2–3 weeks, so their periods overlap.
  requests: fc.array(
    fc.record({ startWeek: fc.integer({ min: 0, max: 2 }), weeks: fc.integer({ min: 2, max: 3 }), quantity: fc.integer({ min: 5, max: 60 }) }),
    { minLength: 1, maxLength: 3 },
  ),
  bids: fc.array(
    fc.record({
      request: fc.nat(),
      participants: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      end: fc.constantFrom("open", "open", "open", "withdrawn", "lost"),
    }),
    { minLength: 2, maxLength: 5 },
  ),
  /** What each commitment is changed to, in turn: a quantity and which of its weekdays to keep. */
  changes: fc.array(fc.record({ quantity: fc.integer({ min: 0, max: 45 }), keep: fc.subarray([1, 2, 3, 4, 5]) }), { minLength: 1, maxLength: 30 }),
  order: fc.array(fc.nat(), { maxLength: 20 }),
  together: fc.boolean(),
  /** Changes members then make to their capacity lines, in turn: a new form of a line, or its removal. */
  edits: fc.array(fc.record({ line: fc.nat(), remove: fc.boolean(), to: lineSpec }), { maxLength: 4 }),
});

it("never lets confirmed commitments or stored plans exceed declared capacity, whatever the order of confirmations", async () => {
  await fc.assert(
    fc.asyncProperty(network, async (spec) => {
      run += 1;
      const firstMonday = Date.parse("2031-03-03T00:00:00Z");
      const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

      // Organisations, each with a member, salad offerings and capacity lines.
      const organisations: { id: number; viewer: Viewer }[] = [];
      const lines = new Map<
        number,
        { period: "weekday" | "week"; quantity: number; weekdays: number[]; validFrom: string | null; organisation: number; offering: number; sites: string[] }
      >();
      for (const [k, lineSpecs] of spec.organisations.entries()) {
        const key = `prop-${run}-${k}`;
        const { id } = await db
          .insertInto("organisation")
          .values({ slug: key, name: key, org_number: key, kind: "work_integrating", status: "active", created_at: stamp(), updated_at: stamp() })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("user")
          .values({ id: key, email: `${key}@example.org`, name: key, password_hash: "x", created_at: stamp() })
          .execute();
        await db.insertInto("membership").values({ user_id: key, organisation_id: id, role: "owner", status: "active", created_at: stamp() }).execute();
        const offering = await db
          .insertInto("offering")
          .values({ organisation_id: id, title: "Sallader", cpv_code: "15894200-3", unit: "portions", created_at: stamp(), updated_at: stamp() })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const l of lineSpecs) {
          const validFrom = l.validFromWeek === null ? null : iso(firstMonday + 7 * DAY * l.validFromWeek);
          const { id: lineId } = await db
            .insertInto("capacity_line")
            .values({ offering_id: offering.id, quantity: l.quantity, period: l.period, valid_from: validFrom, valid_to: null })
            .returning("id")
            .executeTakeFirstOrThrow();
          await replaceWeekdays(db, "capacity_line", lineId, l.period === "weekday" ? l.weekdays : []);
          await replaceSites(db, "capacity_line", lineId, l.sites);
          lines.set(lineId, {
            period: l.period,
            quantity: l.quantity,
            weekdays: l.weekdays,
            validFrom,
            organisation: id,
            offering: offering.id,
            sites: l.sites,
          });
        }
        organisations.push({ id, viewer: { id: key, roles: [] } });
      }

      // Requests for salad catering at two sites on weekdays, deliveries on holidays too.
      const requests: { id: number; from: string; to: string }[] = [];
      for (const [k, r] of spec.requests.entries()) {
        const from = iso(firstMonday + 7 * DAY * r.startWeek);
        const to = iso(firstMonday + 7 * DAY * (r.startWeek + r.weeks) - 3 * DAY);
        const { id } = await db
          .insertInto("request")
          .values({
            buyer_organisation_id: buyerId,
            kind: "direct_purchase",
            status: "published",
            title: `Förfrågan ${run}-${k}`,
            cpv_code: "55520000-1",
            period_from: from,
            period_to: to,
            deliver_on_holidays: true,
            deadline_at: new Date(Date.now() + 30 * DAY).toISOString(),
            contact_name: "B",
            contact_email: "b@example.org",
            created_at: stamp(),
            updated_at: stamp(),
            published_at: stamp(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [position, site] of ["A", "B"].entries()) {
          const { id: lineId } = await db
            .insertInto("demand_line")
            .values({ request_id: id, position, item: "Sallad", unit: "portions", quantity: r.quantity, site, cpv_code: "15894200-3" })
            .returning("id")
            .executeTakeFirstOrThrow();
          await replaceWeekdays(db, "demand_line", lineId, [1, 2, 3, 4, 5]);
        }
        requests.push({ id, from, to });
      }

      // Bids: a coordinator starts each with some of the organisations, who accept (and are prefilled).
      const bids: { id: number; requestId: number; participants: number[]; end: string }[] = [];
      for (const b of spec.bids) {
        const request = requests[b.request % requests.length];
        const participants = [...new Set(b.participants.map((p) => p % organisations.length))];
        const started = await startJointBid({
          db,
          viewer: coordinator,
          requestId: request.id,
          leadOrganisationId: null,
          inviteOrganisationIds: participants.map((p) => organisations[p].id),
        });
        if (!started.ok) throw new Error(started.error.kind);
        for (const p of participants) {
          const answered = await respondToInvitation({
            db,
            viewer: organisations[p].viewer,
            bidId: started.bidId,
            organisationId: organisations[p].id,
            accept: true,
          });
          if (!answered.ok) throw new Error(answered.error.kind);
        }
        bids.push({ id: started.bidId, requestId: request.id, participants, end: b.end });
      }

      // Every commitment changed to some quantity and some of its weekdays, asking for more than is free at will.
      const commitments = await db
        .selectFrom("joint_bid_commitment")
        .select(["id", "bid_id", "organisation_id", "capacity_line_id", "item"])
        .where(
          "bid_id",
          "in",
          bids.map((b) => b.id),
        )
        .orderBy("id")
        .execute();
      const weekdays = await weekdaysOf(
        db,
        "joint_bid_commitment",
        commitments.map((c) => c.id),
      );
      for (const [k, c] of commitments.entries()) {
        const change = spec.changes[k % spec.changes.length];
        const own = weekdays.get(c.id)!;
        const kept = own.filter((d) => change.keep.includes(d));
        const member = organisations.find((o) => o.id === c.organisation_id)!.viewer;
        await updateCommitment({
          db,
          viewer: member,
          bidId: c.bid_id,
          organisationId: c.organisation_id,
          commitmentId: c.id,
          input: { item: c.item, quantity: change.quantity, weekdays: kept.length ? kept : own, sites: [] },
        });
      }

      // Confirmations in a random order, one after another or all at once.
      const confirmations = bids.flatMap((b) => b.participants.map((p) => ({ bidId: b.id, organisation: organisations[p] })));
      const order = confirmations.map((_, k) => k);
      for (const [k, pick] of spec.order.entries()) {
        const j = k % order.length;
        const i = pick % order.length;
        [order[i], order[j]] = [order[j], order[i]];
      }
      const confirm = (k: number) =>
        confirmCommitments({
          db,
          viewer: confirmations[k].organisation.viewer,
          bidId: confirmations[k].bidId,
          organisationId: confirmations[k].organisation.id,
        });
      if (spec.together) await Promise.all(order.map(confirm));
      else for (const k of order) await confirm(k);

      // Every bid planned; then some are withdrawn or lost, which frees what they held.
      for (const b of bids) await planBid({ db, viewer: coordinator, bidId: b.id });
      for (const b of bids.filter((x) => x.end !== "open")) {
        if (b.end === "withdrawn") await changeBidStatus({ db, viewer: coordinator, bidId: b.id, action: "withdraw" });
        else await db.updateTable("joint_bid").set({ status: "lost" }).where("id", "=", b.id).execute();
      }

      // Members change or remove their lines. Worked out here: a change is refused exactly when some
      // confirmed commitment of a live bid was confirmed for a date the changed line no longer works,
      // or would then deliver on a date (week) whose confirmed total exceeds the changed quantity.
      for (const edit of spec.edits) {
        const ids = [...lines.keys()];
        if (ids.length === 0) break;
        const lineId = ids[edit.line % ids.length];
        const line = lines.get(lineId)!;
        const after = edit.remove
          ? null
          : {
              period: edit.to.period,
              quantity: edit.to.quantity,
              weekdays: edit.to.weekdays,
              validFrom: edit.to.validFromWeek === null ? null : iso(firstMonday + 7 * DAY * edit.to.validFromWeek),
              organisation: line.organisation,
              offering: line.offering,
              sites: edit.to.sites,
            };
        const held = await confirmedOnLines(bids.map((b) => b.id));
        const onLine = held.filter((c) => c.capacity_line_id === lineId && c.quantity > 0);
        const before = onLine
          .map((c) => ({
            ...c,
            dates: datesOf(
              requests.find((r) => r.id === c.request_id)!,
              line,
              c.weekdays,
            ),
          }))
          .filter((c) => c.dates.length > 0);
        let cut = before.length > 0;
        if (after) {
          const works = (date: string) => datesOf({ from: date, to: date }, after, [1, 2, 3, 4, 5, 6, 7]).length === 1;
          const load = new Map<string, number>();
          for (const c of onLine)
            for (const date of datesOf(
              requests.find((r) => r.id === c.request_id)!,
              after,
              c.weekdays,
            ))
              add(load, loadKey(lineId, after, date), c.quantity);
          cut = before.some((c) => c.dates.some((date) => !works(date))) || [...load.values()].some((units) => units > after.quantity);
        }
        const scope = { db, organisationId: line.organisation, offeringId: line.offering, capacityLineId: lineId };
        const result = after
          ? await updateCapacityLine({
              ...scope,
              input: {
                quantity: after.quantity,
                period: after.period,
                weekdays: after.weekdays,
                validFrom: after.validFrom,
                validTo: null,
                sites: after.sites,
              },
            })
          : await removeCapacityLine(scope);
        if (cut) {
          expect(result, `cutting line ${lineId}`).toMatchObject({ ok: false, error: "belowCommitments" });
          expect(new Set((result as { bids: { bidId: number }[] }).bids.map((b) => b.bidId)).size).toBeGreaterThan(0);
        } else {
          expect(result, `changing line ${lineId}`).toBe(true);
          if (after) lines.set(lineId, after);
          else lines.delete(lineId);
        }
      }

      // What live bids hold per line and date (or week), worked out from the stored rows.
      const live = await db
        .selectFrom("joint_bid")
        .select(["id", "request_id"])
        .where(
          "id",
          "in",
          bids.map((b) => b.id),
        )
        .where("status", "in", ["draft", "committed", "submitted", "won"])
        .execute();
      const periodOf = new Map(requests.map((r) => [r.id, r]));
      const confirmedRows = live.length
        ? await db
            .selectFrom("joint_bid_commitment as c")
            .innerJoin("joint_bid_participant as p", (join) => join.onRef("p.bid_id", "=", "c.bid_id").onRef("p.organisation_id", "=", "c.organisation_id"))
            .select(["c.id", "c.bid_id", "c.capacity_line_id", "c.quantity"])
            .where(
              "c.bid_id",
              "in",
              live.map((b) => b.id),
            )
            .where("p.status", "=", "accepted")
            .where("p.confirmed_at", "is not", null)
            .execute()
        : [];
      const confirmedDays = await weekdaysOf(
        db,
        "joint_bid_commitment",
        confirmedRows.map((c) => c.id),
      );
      const confirmedLoad = new Map<string, number>();
      for (const c of confirmedRows) {
        const request = periodOf.get(live.find((b) => b.id === c.bid_id)!.request_id)!;
        const line = lines.get(c.capacity_line_id)!;
        for (const date of datesOf(request, line, confirmedDays.get(c.id)!)) add(confirmedLoad, loadKey(c.capacity_line_id, line, date), c.quantity);
      }
      const lineOf = new Map(commitments.map((c) => [c.id, c.capacity_line_id]));
      const plans = live.length
        ? await db
            .selectFrom("joint_bid_plan")
            .select(["bid_id", "plan_json"])
            .where(
              "bid_id",
              "in",
              live.map((b) => b.id),
            )
            .execute()
        : [];
      const plannedLoad = new Map<string, number>();
      for (const stored of plans) {
        for (const a of (JSON.parse(stored.plan_json) as Plan).allocations) {
          const [, commitmentId, date] = /^c(\d+):(.+)$/.exec(a.capacityId)!;
          const lineId = lineOf.get(Number(commitmentId))!;
          add(plannedLoad, loadKey(lineId, lines.get(lineId)!, date), a.quantity);
        }
      }
      for (const [key, units] of [...confirmedLoad, ...plannedLoad]) {
        const lineId = Number(key.split("|")[0]);
        expect(units, `line ${lineId} at ${key.split("|")[1]}`).toBeLessThanOrEqual(lines.get(lineId)!.quantity);
      }
    }),
    { numRuns: 25 },
  );
}, 600_000);

/** The confirmed commitments of accepted participants in live bids among these, with their request and weekdays. */
async function confirmedOnLines(bidIds: number[]) {
  const rows = await db
    .selectFrom("joint_bid_commitment as c")
    .innerJoin("joint_bid as b", "b.id", "c.bid_id")
    .innerJoin("joint_bid_participant as p", (join) => join.onRef("p.bid_id", "=", "c.bid_id").onRef("p.organisation_id", "=", "c.organisation_id"))
    .select(["c.id", "c.capacity_line_id", "c.quantity", "b.request_id"])
    .where("c.bid_id", "in", bidIds)
    .where("b.status", "in", ["draft", "committed", "submitted", "won"])
    .where("p.status", "=", "accepted")
    .where("p.confirmed_at", "is not", null)
    .execute();
  const days = await weekdaysOf(
    db,
    "joint_bid_commitment",
    rows.map((c) => c.id),
  );
  return rows.map((c) => ({ ...c, weekdays: days.get(c.id) ?? [] }));
}

/** A commitment's delivery dates, worked out day by day: in the request's period and the line's validity, on its weekdays that the line works. */
function datesOf(request: { from: string; to: string }, line: { period: string; weekdays: number[]; validFrom: string | null }, weekdays: number[]): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${request.from}T00:00:00Z`); ms <= Date.parse(`${request.to}T00:00:00Z`); ms += DAY) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const weekday = new Date(ms).getUTCDay() || 7;
    if (line.validFrom !== null && date < line.validFrom) continue;
    if (!weekdays.includes(weekday)) continue;
    if (line.period === "weekday" && !line.weekdays.includes(weekday)) continue;
    dates.push(date);
  }
  return dates;
}

/** A weekday line is limited per date, a weekly line per ISO week (its Monday). */
function loadKey(lineId: number, line: { period: string }, date: string): string {
  if (line.period === "weekday") return `${lineId}|${date}`;
  const ms = Date.parse(`${date}T00:00:00Z`);
  const monday = new Date(ms - ((new Date(ms).getUTCDay() || 7) - 1) * DAY).toISOString().slice(0, 10);
  return `${lineId}|${monday}`;
}

function add(map: Map<string, number>, key: string, units: number) {
  map.set(key, (map.get(key) ?? 0) + units);
}
