/**
 * The award of a request: the buyer records which joint bid or responding organisation won, the
 * contract's value and period. In one transaction the request becomes awarded, the winning joint
 * bid won and every other submitted one lost, and their participants are told. Also what open data
 * says of a request's bids and award. Decision 023.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { effectiveStatus, nextStatus } from "../../domain/request";
import { refuse, type Outcome } from "../../domain/result";
import { ocdsReleases, type OcdsAward, type OcdsBid, type OcdsReleaseObject } from "../../domain/ocds";
import type { AgreementContent } from "../../domain/tender/tender";
import type { RecordedAward } from "../../domain/request-view";
import { recordEvent } from "../joint-bid/change.server";
import { notifyAward } from "../notices/award.server";
import { transitionInTransaction } from "../request.server";
import { ocdsRequests } from "../request-list.server";

type Db = Kysely<Database>;

export type Winner = { kind: "bid"; bidId: number } | { kind: "response"; organisationId: number };

export interface AwardInput {
  winner: Winner;
  valueOre: number;
  contractFrom: string;
  contractTo: string;
}

export interface AwardCandidates {
  bids: { id: number; leadName: string | null; members: string[]; valueOre: number | null }[];
  responses: { organisationId: number; name: string; interest: string }[];
}

/** The organisations taking part in each of the bids, by name. */
async function acceptedMembers(db: Db, bidIds: number[]) {
  if (bidIds.length === 0) return [];
  return db
    .selectFrom("joint_bid_participant as p")
    .innerJoin("organisation as o", "o.id", "p.organisation_id")
    .select(["p.bid_id", "p.organisation_id", "o.name", "o.org_number"])
    .where("p.bid_id", "in", bidIds)
    .where("p.status", "=", "accepted")
    .orderBy("o.name")
    .execute();
}

/** The submitted joint bids and the responses a request could be awarded to. */
async function candidates(db: Db, requestId: number): Promise<AwardCandidates> {
  const bids = await db
    .selectFrom("joint_bid as b")
    .leftJoin("organisation as lead", "lead.id", "b.lead_organisation_id")
    .leftJoin("joint_bid_agreement as a", "a.bid_id", "b.id")
    .select(["b.id", "lead.name as lead_name", "a.content_json"])
    .where("b.request_id", "=", requestId)
    .where("b.status", "in", ["submitted", "won", "lost"])
    .orderBy("b.id")
    .execute();
  const members = await acceptedMembers(
    db,
    bids.map((b) => b.id),
  );
  const responses = await db
    .selectFrom("request_response as r")
    .innerJoin("organisation as o", "o.id", "r.organisation_id")
    .select(["r.organisation_id", "o.name", "r.interest"])
    .where("r.request_id", "=", requestId)
    .where("r.interest", "!=", "no")
    .orderBy("o.name")
    .execute();
  return {
    bids: bids.map((b) => ({
      id: b.id,
      leadName: b.lead_name,
      members: members.filter((m) => m.bid_id === b.id).map((m) => m.name),
      valueOre: bidValue(b.content_json),
    })),
    responses: responses.map((r) => ({ organisationId: r.organisation_id, name: r.name, interest: r.interest })),
  };
}

/** A submitted bid's value for the whole period excluding VAT: the agreement frozen at submission says it. */
function bidValue(contentJson: string | null): number | null {
  if (!contentJson) return null;
  return (JSON.parse(contentJson) as AgreementContent).total?.exVat ?? null;
}

async function recordedAward(db: Db, requestId: number): Promise<RecordedAward | null> {
  const row = await db
    .selectFrom("request_award as a")
    .leftJoin("organisation as o", "o.id", "a.organisation_id")
    .leftJoin("joint_bid as b", "b.id", "a.joint_bid_id")
    .leftJoin("organisation as lead", "lead.id", "b.lead_organisation_id")
    .select([
      "a.joint_bid_id",
      "a.organisation_id",
      "a.value_ore",
      "a.contract_from",
      "a.contract_to",
      "a.awarded_at",
      "o.name as organisation_name",
      "lead.name as lead_name",
    ])
    .where("a.request_id", "=", requestId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    winner:
      row.joint_bid_id !== null
        ? { kind: "bid", bidId: row.joint_bid_id, name: row.lead_name ?? "" }
        : { kind: "response", organisationId: row.organisation_id!, name: row.organisation_name ?? "" },
    valueOre: Number(row.value_ore),
    contractFrom: row.contract_from,
    contractTo: row.contract_to,
    awardedAt: row.awarded_at,
  };
}

/** What a request shows of its award, to everyone who may see the request. */
export async function getAward({ db, requestId }: { db: Db; requestId: number }): Promise<RecordedAward | null> {
  return recordedAward(db, requestId);
}

/** The award page for the request's buyer: whether it can be awarded now, the candidates, and the award once made. */
export async function loadAwardPage({
  db,
  requestId,
  buyerOrganisationId,
  at = new Date(),
}: {
  db: Db;
  requestId: number;
  buyerOrganisationId: number;
  at?: Date;
}) {
  const request = await db
    .selectFrom("request")
    .select(["id", "title", "status", "deadline_at as deadlineAt", "period_from", "period_to"])
    .where("id", "=", requestId)
    .where("buyer_organisation_id", "=", buyerOrganisationId)
    .executeTakeFirst();
  if (!request) return null;
  const status = effectiveStatus(request, at);
  return {
    request: { id: request.id, title: request.title, status, deadlineAt: request.deadlineAt, periodFrom: request.period_from, periodTo: request.period_to },
    canAward: nextStatus(status, "award") !== null,
    candidates: await candidates(db, requestId),
    award: await recordedAward(db, requestId),
  };
}

/** Why an award is refused: no such request of the buyer's, a request not closed or already awarded, or a winner that cannot win. */
export type AwardError = { kind: "notFound" | "refused" | "winner" };
export type AwardResult = Outcome<AwardError>;

/**
 * Records the outcome. Refused unless the request is closed (its deadline passed) and not yet
 * awarded, and the winner is a joint bid submitted on it or an organisation that responded to it.
 */
export async function awardRequest({
  db,
  requestId,
  buyerOrganisationId,
  userId,
  input,
}: {
  db: Db;
  requestId: number;
  buyerOrganisationId: number;
  userId: string;
  input: AwardInput;
}): Promise<AwardResult> {
  return db
    .transaction()
    .execute(async (trx): Promise<AwardResult> => {
      // Writing first takes SQLite's write lock before anything is read (decision 008).
      const touched = await trx
        .updateTable("request")
        .set({ updated_at: new Date().toISOString() })
        .where("id", "=", requestId)
        .where("buyer_organisation_id", "=", buyerOrganisationId)
        .executeTakeFirst();
      if (Number(touched.numUpdatedRows) === 0) throw new AwardRefused({ kind: "notFound" });
      // The request must be closed and not yet awarded before a winner is looked at.
      const moved = await transitionInTransaction({ db: trx, requestId, buyerOrganisationId, userId, action: "award" });
      if (!moved.ok) throw new AwardRefused({ kind: moved.error.kind === "notFound" ? "notFound" : "refused" });
      const { winner } = input;
      let winningOrganisations: number[];
      if (winner.kind === "bid") {
        const bid = await trx
          .selectFrom("joint_bid")
          .select(["id", "status"])
          .where("id", "=", winner.bidId)
          .where("request_id", "=", requestId)
          .executeTakeFirst();
        if (bid?.status !== "submitted") throw new AwardRefused({ kind: "winner" });
        winningOrganisations = [];
      } else {
        const response = await trx
          .selectFrom("request_response")
          .select("id")
          .where("request_id", "=", requestId)
          .where("organisation_id", "=", winner.organisationId)
          .executeTakeFirst();
        if (!response) throw new AwardRefused({ kind: "winner" });
        winningOrganisations = [winner.organisationId];
      }
      const awardedAt = new Date().toISOString();
      await trx
        .insertInto("request_award")
        .values({
          request_id: requestId,
          joint_bid_id: winner.kind === "bid" ? winner.bidId : null,
          organisation_id: winner.kind === "response" ? winner.organisationId : null,
          value_ore: input.valueOre,
          contract_from: input.contractFrom,
          contract_to: input.contractTo,
          awarded_at: awardedAt,
          awarded_by: userId,
        })
        .execute();
      const submitted = await trx.selectFrom("joint_bid").select("id").where("request_id", "=", requestId).where("status", "=", "submitted").execute();
      const won = winner.kind === "bid" ? [winner.bidId] : [];
      const lost = submitted.map((b) => b.id).filter((id) => !won.includes(id));
      for (const [ids, status] of [
        [won, "won"],
        [lost, "lost"],
      ] as const) {
        if (ids.length === 0) continue;
        await trx.updateTable("joint_bid").set({ status }).where("id", "in", ids).execute();
        for (const bidId of ids) await recordEvent(trx, { bidId, userId, kind: `status.${status}` });
      }
      await notifyAward(trx, { requestId, wonBidIds: won, lostBidIds: lost, winningOrganisationIds: winningOrganisations });
      return { ok: true };
    })
    .catch((error: unknown) => {
      if (error instanceof AwardRefused) return refuse(error.error);
      throw error;
    });
}

/** Thrown inside the award's transaction to roll it back, the touch included. */
class AwardRefused extends Error {
  constructor(readonly error: AwardError) {
    super(error.kind);
  }
}

// --- Open data ------------------------------------------------------------------------------------

/** Per request: its submitted joint bids and its award, as open data shows them. */
export async function ocdsLife({ db, requestIds }: { db: Db; requestIds: number[] }): Promise<Map<number, { bids: OcdsBid[]; award: OcdsAward | null }>> {
  const life = new Map<number, { bids: OcdsBid[]; award: OcdsAward | null }>(requestIds.map((id) => [id, { bids: [], award: null }]));
  if (requestIds.length === 0) return life;
  const bids = await db
    .selectFrom("joint_bid as b")
    .leftJoin("joint_bid_agreement as a", "a.bid_id", "b.id")
    .select(["b.id", "b.request_id", "b.status", "b.submitted_at", "b.lead_organisation_id", "a.content_json"])
    .where("b.request_id", "in", requestIds)
    .where("b.submitted_at", "is not", null)
    .orderBy("b.id")
    .execute();
  const members = await acceptedMembers(
    db,
    bids.map((b) => b.id),
  );
  const membersOf = (bid: { id: number; lead_organisation_id: number | null }) =>
    members
      .filter((m) => m.bid_id === bid.id)
      .map((m) => ({ name: m.name, orgNumber: m.org_number, isLead: m.organisation_id === bid.lead_organisation_id }))
      .sort((a, b) => Number(b.isLead) - Number(a.isLead));
  for (const b of bids) {
    life.get(b.request_id)!.bids.push({ id: b.id, status: b.status, submittedAt: b.submitted_at!, members: membersOf(b), valueOre: bidValue(b.content_json) });
  }
  const awards = await db
    .selectFrom("request_award as a")
    .leftJoin("organisation as o", "o.id", "a.organisation_id")
    .select(["a.request_id", "a.joint_bid_id", "a.value_ore", "a.contract_from", "a.contract_to", "a.awarded_at", "o.name", "o.org_number"])
    .where("a.request_id", "in", requestIds)
    .execute();
  for (const a of awards) {
    const bid = bids.find((b) => b.id === a.joint_bid_id);
    life.get(a.request_id)!.award = {
      awardedAt: a.awarded_at,
      valueOre: Number(a.value_ore),
      contractFrom: a.contract_from,
      contractTo: a.contract_to,
      bidId: a.joint_bid_id,
      suppliers: bid ? membersOf(bid) : [{ name: a.name!, orgNumber: a.org_number!, isLead: false }],
    };
  }
  return life;
}

/**
 * Every release of the non-draft requests (one request, or all), oldest request first: the tender,
 * the bids after the deadline, the award and the contract. Null when the one request asked for is
 * not published.
 */
export async function openDataReleases({
  db,
  requestId,
  prefix,
  now,
}: {
  db: Db;
  requestId?: number;
  prefix: string;
  now: Date;
}): Promise<OcdsReleaseObject[] | null> {
  const requests = await ocdsRequests({ db, requestId });
  if (requestId !== undefined && requests.length === 0) return null;
  const life = await ocdsLife({ db, requestIds: requests.map((r) => r.id) });
  return requests.flatMap((r) => ocdsReleases(r, { prefix, now, ...life.get(r.id)! }));
}
