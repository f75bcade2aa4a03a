import type { DB } from "../../../db/client.server";
import { memberUserIds, notifyUsers } from "../notification.server";

/**
 * Notices about buyers' requests: responses and the public questions and answers (decision 020).
 * Each function is one event, decides who hears what, and is called inside the transaction of the
 * change. Amendments and closing are in `request-changes.server.ts`.
 */

const qa = (requestId: number) => `/requests/${requestId}#qa`;

/** Buyer-role users who are active members of the buyer organisation: they answer and read responses. */
async function buyerUserIds(db: DB, buyerOrganisationId: number): Promise<string[]> {
  const members = await memberUserIds({ db, organisationIds: [buyerOrganisationId] });
  if (members.length === 0) return [];
  const buyers = await db.selectFrom("user_role").select("user_id").where("role", "=", "buyer").where("user_id", "in", members).execute();
  return buyers.map((b) => b.user_id);
}

/**
 * Everyone who showed interest in a request: the members of every organisation that responded
 * (whatever the interest it stated) or takes part in a joint bid on it, and everyone who asked a
 * question about it.
 */
async function interestedUserIds(db: DB, requestId: number): Promise<string[]> {
  const responding = await db.selectFrom("request_response").select("organisation_id").where("request_id", "=", requestId).execute();
  const bidding = await db
    .selectFrom("joint_bid_participant")
    .innerJoin("joint_bid", "joint_bid.id", "joint_bid_participant.bid_id")
    .select("joint_bid_participant.organisation_id")
    .where("joint_bid.request_id", "=", requestId)
    .where("joint_bid_participant.status", "!=", "declined")
    .execute();
  const askers = await db.selectFrom("request_question").select("asked_by").where("request_id", "=", requestId).where("asked_by", "is not", null).execute();
  return [
    ...(await memberUserIds({ db, organisationIds: [...new Set([...responding, ...bidding].map((r) => r.organisation_id))] })),
    ...askers.map((a) => a.asked_by!),
  ];
}

async function requestOf(db: DB, requestId: number) {
  return db.selectFrom("request").select(["title", "buyer_organisation_id"]).where("id", "=", requestId).executeTakeFirstOrThrow();
}

/** An organisation responded (or changed its response): the buyer's people hear which, on which request. */
export async function responseReceived({ db, requestId, organisationId }: { db: DB; requestId: number; organisationId: number }) {
  const request = await requestOf(db, requestId);
  const organisation = await db.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
  await notifyUsers({
    db,
    userIds: await buyerUserIds(db, request.buyer_organisation_id),
    message: { key: "requests.notify.response", vars: { organisation: organisation.name, title: request.title }, link: `/requests/${requestId}` },
  });
}

/** A question in the public Q&A: the buyer's people hear what was asked. */
export async function questionAsked({ db, requestId, question }: { db: DB; requestId: number; question: string }) {
  const request = await requestOf(db, requestId);
  await notifyUsers({
    db,
    userIds: await buyerUserIds(db, request.buyer_organisation_id),
    message: {
      key: "requests.notify.question",
      vars: { title: request.title },
      details: [{ key: "requests.notice.question", vars: { question } }],
      link: qa(requestId),
    },
  });
}

/**
 * The buyer answered (or corrected its answer to) a question: the answer is public, and everyone who
 * showed interest in the request hears the question and the answer, except whoever wrote it.
 */
export async function questionAnswered({ db, requestId, questionId, answeredBy }: { db: DB; requestId: number; questionId: number; answeredBy: string }) {
  const request = await requestOf(db, requestId);
  const row = await db.selectFrom("request_question").select(["question", "answer"]).where("id", "=", questionId).executeTakeFirstOrThrow();
  const userIds = (await interestedUserIds(db, requestId)).filter((id) => id !== answeredBy);
  await notifyUsers({
    db,
    userIds,
    message: {
      key: "requests.notify.answer",
      vars: { title: request.title },
      details: [
        { key: "requests.notice.question", vars: { question: row.question } },
        { key: "requests.notice.answer", vars: { answer: row.answer ?? "" } },
      ],
      link: qa(requestId),
    },
  });
}
