/**
 * Capacity lines and what holds them (decision 018): the one query of what confirmed commitments
 * hold, free capacity for prefilling commitments, the bids a cut of a line would leave without
 * capacity, and the no-over-booking check a confirmation and a submission run.
 */
import { proposeCommitments, type FitCapacityLine } from "../../domain/capacity-fit";
import {
  capacityHoldingStatuses,
  commitmentDates,
  commitmentsBeyondLine,
  findOverbooking,
  type HeldCommitment,
  type RequestPeriod,
  type StoredCapacityLine,
} from "../../domain/joint-bid";
import { capacityLinesOf } from "../offering.server";
import { replaceSites, replaceWeekdays, sitesOf, weekdaysOf } from "../weekdays-and-sites.server";
import { demandSources, requestPeriod } from "./candidates.server";
import { now, organisationName, type ActionError, type Trx } from "./change.server";

/** The weekdays and sites of each commitment asked for. */
export async function commitmentDays(db: Trx, ids: readonly number[]) {
  const [weekdays, sites] = await Promise.all([weekdaysOf(db, "joint_bid_commitment", ids), sitesOf(db, "joint_bid_commitment", ids)]);
  return { weekdays: (id: number) => weekdays.get(id) ?? [], sites: (id: number) => sites.get(id) ?? [] };
}

/** Replaces a commitment's weekdays and sites. */
export async function writeCommitmentDays(db: Trx, commitmentId: number, weekdays: readonly number[], sites: readonly string[]): Promise<void> {
  await replaceWeekdays(db, "joint_bid_commitment", commitmentId, weekdays);
  await replaceSites(db, "joint_bid_commitment", commitmentId, sites);
}

/** Adds a commitment on a capacity line with its weekdays and sites. */
async function insertCommitment(
  db: Trx,
  values: {
    bidId: number;
    organisationId: number;
    capacityLineId: number;
    item: string;
    quantity: number;
    weekdays: readonly number[];
    sites: readonly string[];
  },
): Promise<void> {
  const { id } = await db
    .insertInto("joint_bid_commitment")
    .values({
      bid_id: values.bidId,
      organisation_id: values.organisationId,
      capacity_line_id: values.capacityLineId,
      item: values.item,
      quantity: values.quantity,
      updated_at: now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeCommitmentDays(db, id, values.weekdays, values.sites);
}

export function lineQuery(db: Trx) {
  return db
    .selectFrom("capacity_line")
    .innerJoin("offering", "offering.id", "capacity_line.offering_id")
    .select([
      "capacity_line.id",
      "offering.organisation_id",
      "offering.title as offering_title",
      "offering.cpv_code",
      "capacity_line.quantity",
      "capacity_line.period",
      "capacity_line.valid_from",
      "capacity_line.valid_to",
    ]);
}

/** Whose holds free capacity leaves out: a bid's own (its page, its plan), or a request's bids (feasibility). */
type HeldExcept = { bidId: number } | { requestId: number } | null;

/**
 * What holds capacity on the given lines (decision 018): the commitments of confirmed participants
 * in bids that are not withdrawn or lost, each with the dates it delivers, apart from the bid or
 * the request named. Free capacity is a line's declared capacity minus this.
 */
export async function heldOnLines(
  db: Trx,
  lines: ReadonlyMap<number, StoredCapacityLine>,
  except: HeldExcept,
): Promise<Map<number, (HeldCommitment & { bidId: number })[]>> {
  const held = new Map<number, (HeldCommitment & { bidId: number })[]>();
  if (lines.size === 0) return held;
  let query = db
    .selectFrom("joint_bid_commitment as c")
    .innerJoin("joint_bid as b", "b.id", "c.bid_id")
    .innerJoin("joint_bid_participant as p", (join) => join.onRef("p.bid_id", "=", "c.bid_id").onRef("p.organisation_id", "=", "c.organisation_id"))
    .innerJoin("request as r", "r.id", "b.request_id")
    .select(["c.id", "c.bid_id", "c.capacity_line_id", "c.quantity", "r.period_from", "r.period_to", "r.deliver_on_holidays"])
    .where("c.capacity_line_id", "in", [...lines.keys()])
    .where("b.status", "in", [...capacityHoldingStatuses])
    .where("p.status", "=", "accepted")
    .where("p.confirmed_at", "is not", null);
  if (except && "bidId" in except) query = query.where("c.bid_id", "!=", except.bidId);
  if (except && "requestId" in except) query = query.where("b.request_id", "!=", except.requestId);
  const rows = await query.execute();
  const days = await commitmentDays(
    db,
    rows.map((r) => r.id),
  );
  for (const row of rows) {
    const line = lines.get(row.capacity_line_id)!;
    const period = { from: row.period_from, to: row.period_to, skipHolidays: !row.deliver_on_holidays };
    const list = held.get(line.id) ?? [];
    list.push({ bidId: row.bid_id, quantity: row.quantity, dates: commitmentDates(period, line, days.weekdays(row.id)) });
    held.set(line.id, list);
  }
  return held;
}

/** A bid whose confirmed commitments on a capacity line a cut of the line would leave without capacity. */
export interface BidBeyondLine {
  bidId: number;
  capacityLineId: number;
  requestTitle: string;
  leadName: string | null;
  /** What the bid's confirmed commitments on the line deliver, per delivery. */
  quantity: number;
}

/**
 * The bids whose confirmed commitments (in every live bid: decision 008's holding rule) the given
 * capacity lines could no longer carry after a change: `changed` maps a line to what it would
 * become, or to null when it is removed. Read in the transaction of the change, before it is
 * written; the change is refused when any is found (decision 018).
 */
export async function bidsBeyondChangedLines({ db, changed }: { db: Trx; changed: ReadonlyMap<number, StoredCapacityLine | null> }): Promise<BidBeyondLine[]> {
  if (changed.size === 0) return [];
  const lines = byLineId(
    await fitLinesOf(
      db,
      await lineQuery(db)
        .where("capacity_line.id", "in", [...changed.keys()])
        .execute(),
    ),
  );
  const kept = new Map([...changed].filter((entry): entry is [number, StoredCapacityLine] => entry[1] !== null));
  const heldAfter = await heldOnLines(db, kept, null);
  const beyond = new Map<string, BidBeyondLine>();
  for (const [lineId, held] of await heldOnLines(db, lines, null)) {
    // A bid is named once per line, with what it has confirmed there.
    const counted = new Set<number>();
    for (const c of commitmentsBeyondLine(changed.get(lineId) ?? null, held, heldAfter.get(lineId) ?? [])) {
      if (counted.has(c.bidId)) continue;
      counted.add(c.bidId);
      const key = `${c.bidId}:${lineId}`;
      const confirmed = held.filter((h) => h.bidId === c.bidId).reduce((sum, h) => sum + h.quantity, 0);
      beyond.set(key, { bidId: c.bidId, capacityLineId: lineId, requestTitle: "", leadName: null, quantity: confirmed });
    }
  }
  if (beyond.size === 0) return [];
  const bids = await db
    .selectFrom("joint_bid as b")
    .innerJoin("request as r", "r.id", "b.request_id")
    .leftJoin("organisation as o", "o.id", "b.lead_organisation_id")
    .select(["b.id", "r.title", "o.name as lead_name"])
    .where("b.id", "in", [...new Set([...beyond.values()].map((b) => b.bidId))])
    .execute();
  const bidOf = new Map(bids.map((b) => [b.id, b]));
  return [...beyond.values()]
    .map((b) => ({ ...b, requestTitle: bidOf.get(b.bidId)!.title, leadName: bidOf.get(b.bidId)!.lead_name }))
    .sort((a, b) => a.bidId - b.bidId || a.capacityLineId - b.capacityLineId);
}

/** Capacity lines as the fit rule reads them, with their organisation and offering title. */
export async function fitLinesOf(db: Trx, rows: Awaited<ReturnType<ReturnType<typeof lineQuery>["execute"]>>) {
  const lines = await capacityLinesOf(db, rows);
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    offeringTitle: r.offering_title,
    fit: { line: lines.get(r.id)!, cpvCode: r.cpv_code } satisfies FitCapacityLine,
  }));
}

/** The lines in a map by id, for the free-capacity arithmetic. */
export const byLineId = (lines: readonly { fit: FitCapacityLine }[]) => new Map(lines.map((l) => [l.fit.line.id, l.fit.line]));

/**
 * What the participant's own commitments in this bid take on the given lines, beside what other bids
 * hold: a new commitment is prefilled with what is left.
 */
async function heldWithOwn(
  db: Trx,
  bidId: number,
  organisationId: number,
  period: RequestPeriod,
  lines: ReadonlyMap<number, StoredCapacityLine>,
): Promise<Map<number, HeldCommitment[]>> {
  const held = await heldOnLines(db, lines, { bidId });
  if (lines.size === 0) return held;
  const own = await db
    .selectFrom("joint_bid_commitment")
    .select(["id", "capacity_line_id", "quantity"])
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .where("capacity_line_id", "in", [...lines.keys()])
    .execute();
  const days = await commitmentDays(
    db,
    own.map((c) => c.id),
  );
  for (const c of own) {
    held.set(c.capacity_line_id, [
      ...(held.get(c.capacity_line_id) ?? []),
      { bidId, quantity: c.quantity, dates: commitmentDates(period, lines.get(c.capacity_line_id)!, days.weekdays(c.id)) },
    ]);
  }
  return held;
}

/**
 * Prefills commitments from the given capacity lines of a participant (all of them when it joins,
 * one when it adds a line): per item of the request, only lines that serve its demand lines, with
 * what is free (decision 018). Returns how many commitments it added.
 */
export async function prefillCommitments(db: Trx, bidId: number, requestId: number, organisationId: number, capacityLineId?: number): Promise<number> {
  const period = (await requestPeriod(db, requestId))!;
  const demand = await demandSources(db, requestId);
  if (demand.length === 0) return 0;
  let query = lineQuery(db).where("offering.organisation_id", "=", organisationId);
  if (capacityLineId !== undefined) query = query.where("capacity_line.id", "=", capacityLineId);
  const lines = await fitLinesOf(db, await query.orderBy("capacity_line.id").execute());
  const held = await heldWithOwn(db, bidId, organisationId, period, byLineId(lines));
  const proposals = proposeCommitments({ capacity: lines.map((l) => l.fit), demand, period, held });
  for (const proposal of proposals) await insertCommitment(db, { bidId, organisationId, ...proposal });
  return proposals.length;
}

/**
 * Checks that the organisation's commitments in this bid fit on every date beside everything its
 * confirmed commitments hold in other bids. Runs inside the caller's write transaction.
 */
export async function checkNoOverbooking(trx: Trx, bidId: number, requestId: number, organisationId: number): Promise<ActionError | null> {
  const rows = await trx
    .selectFrom("joint_bid_commitment")
    .select(["id", "capacity_line_id", "quantity"])
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .execute();
  if (rows.length === 0) return null;
  const lineRows = await lineQuery(trx)
    .where("capacity_line.id", "in", [...new Set(rows.map((r) => r.capacity_line_id))])
    .execute();
  const lines = await capacityLinesOf(trx, lineRows);
  const days = await commitmentDays(
    trx,
    rows.map((r) => r.id),
  );
  const titles = new Map(lineRows.map((r) => [r.id, r.offering_title]));
  const held = await heldOnLines(trx, lines, { bidId });
  const period = (await requestPeriod(trx, requestId))!;
  for (const row of rows) {
    const line = lines.get(row.capacity_line_id)!;
    const candidate = { bidId, quantity: row.quantity, dates: commitmentDates(period, line, days.weekdays(row.id)) };
    const already = held.get(line.id) ?? [];
    const overbooking = findOverbooking(line, already, candidate);
    if (overbooking) {
      return { kind: "overbooked", organisationName: await organisationName(trx, organisationId), offeringTitle: titles.get(line.id)!, overbooking };
    }
    // Two commitments of this bid on one line add up.
    held.set(line.id, [...already, candidate]);
  }
  return null;
}
