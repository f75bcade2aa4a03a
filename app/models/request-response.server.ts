import type { DB } from "../../db/client.server";
import { responseCoverage } from "../domain/coverage";
import { eligibilityReasons } from "../domain/joint-bid";
import type { ResponseView } from "../domain/request-view";
import { isOpenForResponses } from "../domain/request";
import type { ResponseInput } from "../forms/response-form";
import { questionAnswered, questionAsked, responseReceived } from "./notices/requests.server";
import { demandLinesOf, questionsOf, refused, type RequestResult } from "./request.server";

/**
 * Organisations' responses to a request and the public question-and-answer thread. Every read is
 * scoped: an organisation's response by that organisation, all responses only for callers the
 * route has checked are the buyer or a coordinator.
 */

async function responsesWhere(db: DB, requestId: number, organisationIds: number[] | null): Promise<ResponseView[]> {
  let q = db
    .selectFrom("request_response")
    .innerJoin("organisation", "organisation.id", "request_response.organisation_id")
    .leftJoin("user", "user.id", "request_response.updated_by")
    .select([
      "request_response.id",
      "request_response.organisation_id",
      "organisation.name as organisation_name",
      "organisation.org_number",
      "organisation.workforce_share",
      "organisation.workforce_share_date",
      "organisation.verified_at",
      "request_response.interest",
      "request_response.message",
      "request_response.version",
      "request_response.updated_at",
      "user.name as updated_by_name",
    ])
    .where("request_response.request_id", "=", requestId);
  if (organisationIds) q = q.where("request_response.organisation_id", "in", organisationIds.length ? organisationIds : [0]);
  const rows = await q.orderBy("organisation.name").execute();
  if (rows.length === 0) return [];
  // By the request rather than by a list of response ids: one indexed range instead of a long IN list.
  const own = (table: "response_capacity" | "response_answer") => {
    let q = db
      .selectFrom(table)
      .innerJoin("request_response", "request_response.id", `${table}.response_id`)
      .where("request_response.request_id", "=", requestId);
    if (organisationIds) q = q.where("request_response.organisation_id", "in", organisationIds.length ? organisationIds : [0]);
    return q;
  };
  const [capacity, answers] = await Promise.all([
    own("response_capacity").select(["response_capacity.response_id", "response_capacity.demand_line_id", "response_capacity.quantity"]).execute(),
    own("response_answer").select(["response_answer.response_id", "response_answer.question_id", "response_answer.answer"]).execute(),
  ]);
  const capacityBy = new Map<number, Record<number, number>>();
  for (const c of capacity) {
    const entry = capacityBy.get(c.response_id) ?? {};
    entry[c.demand_line_id] = c.quantity;
    capacityBy.set(c.response_id, entry);
  }
  const answersBy = new Map<number, Record<number, string>>();
  for (const a of answers) {
    const entry = answersBy.get(a.response_id) ?? {};
    entry[a.question_id] = a.answer;
    answersBy.set(a.response_id, entry);
  }
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    orgNumber: r.org_number,
    eligibility: eligibilityReasons(r),
    workforceShare: r.workforce_share,
    interest: r.interest,
    message: r.message,
    version: r.version,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    capacity: capacityBy.get(r.id) ?? {},
    answers: answersBy.get(r.id) ?? {},
  }));
}

/** Every response to a request. Only for the request's buyer organisation and coordinators. */
export function listAllResponses({ db, requestId }: { db: DB; requestId: number }): Promise<ResponseView[]> {
  return responsesWhere(db, requestId, null);
}

/** The responses of the given organisations (the caller's own) to a request. */
export function listOwnResponses({ db, requestId, organisationIds }: { db: DB; requestId: number; organisationIds: number[] }): Promise<ResponseView[]> {
  return responsesWhere(db, requestId, organisationIds);
}

/**
 * Coverage of the request's demand by its responses, "Ja", "Kanske" and "Nej" apart; for a reserved
 * procurement only eligible respondents count.
 */
export async function requestCoverage({ db, requestId, reserved }: { db: DB; requestId: number; reserved: boolean }) {
  const [lines, responses] = await Promise.all([demandLinesOf({ db, requestId }), listAllResponses({ db, requestId })]);
  return {
    lines,
    responses,
    coverage: responseCoverage(
      lines,
      responses.map((r) => ({ ...r, counts: !reserved || r.eligibility.length === 0 })),
    ),
  };
}

export type SaveResponseResult = RequestResult<{ created: boolean; overwrote: { name: string | null; at: string } | null }, "notFound" | "closed">;

/**
 * Creates or replaces an organisation's response while the request is open. The version the user
 * started from is compared with the stored one: the save goes through either way (the last save
 * wins), and the result says whose change it replaced, so the user sees that it had changed.
 */
export async function saveResponse({
  db,
  requestId,
  organisationId,
  userId,
  input,
  at = new Date(),
}: {
  db: DB;
  requestId: number;
  organisationId: number;
  userId: string;
  input: ResponseInput;
  at?: Date;
}): Promise<SaveResponseResult> {
  return db.transaction().execute(async (trx): Promise<SaveResponseResult> => {
    const request = await trx
      .selectFrom("request")
      .select(["id", "status", "deadline_at as deadlineAt", "title", "buyer_organisation_id"])
      .where("id", "=", requestId)
      .executeTakeFirst();
    if (!request || request.status === "draft") return refused("notFound");
    if (!isOpenForResponses(request, at)) return refused("closed");
    const lineIds = new Set((await demandLinesOf({ db: trx, requestId })).map((l) => l.id));
    const questionIds = new Set((await questionsOf({ db: trx, requestId })).map((q) => q.id));
    const existing = await trx
      .selectFrom("request_response")
      .leftJoin("user", "user.id", "request_response.updated_by")
      .select(["request_response.id", "request_response.version", "request_response.updated_at", "request_response.updated_by", "user.name"])
      .where("request_id", "=", requestId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    const timestamp = at.toISOString();
    let responseId: number;
    if (existing) {
      responseId = existing.id;
      await trx
        .updateTable("request_response")
        .set({ interest: input.interest, message: input.message, version: existing.version + 1, updated_by: userId, updated_at: timestamp })
        .where("id", "=", existing.id)
        .execute();
      await trx.deleteFrom("response_capacity").where("response_id", "=", existing.id).execute();
      await trx.deleteFrom("response_answer").where("response_id", "=", existing.id).execute();
    } else {
      responseId = (
        await trx
          .insertInto("request_response")
          .values({
            request_id: requestId,
            organisation_id: organisationId,
            interest: input.interest,
            message: input.message,
            created_by: userId,
            updated_by: userId,
            created_at: timestamp,
            updated_at: timestamp,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    const capacity = Object.entries(input.capacity)
      .map(([lineId, quantity]) => ({ response_id: responseId, demand_line_id: Number(lineId), quantity }))
      .filter((c) => lineIds.has(c.demand_line_id) && c.quantity > 0);
    if (capacity.length) await trx.insertInto("response_capacity").values(capacity).execute();
    const answers = Object.entries(input.answers)
      .map(([questionId, answer]) => ({ response_id: responseId, question_id: Number(questionId), answer }))
      .filter((a) => questionIds.has(a.question_id) && a.answer !== "");
    if (answers.length) await trx.insertInto("response_answer").values(answers).execute();

    await responseReceived({ db: trx, requestId, organisationId });
    const overwrote =
      existing && existing.version !== input.version && existing.updated_by !== userId ? { name: existing.name, at: existing.updated_at } : null;
    return { ok: true, created: !existing, overwrote };
  });
}

export async function withdrawResponse({
  db,
  requestId,
  organisationId,
  at = new Date(),
}: {
  db: DB;
  requestId: number;
  organisationId: number;
  at?: Date;
}): Promise<RequestResult<object, "notFound" | "closed">> {
  return db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom("request").select(["status", "deadline_at as deadlineAt"]).where("id", "=", requestId).executeTakeFirst();
    if (!request) return refused("notFound");
    if (!isOpenForResponses(request, at)) return refused("closed");
    const result = await trx
      .deleteFrom("request_response")
      .where("request_id", "=", requestId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) ? ({ ok: true } as const) : refused("notFound");
  });
}

// --- Public questions and answers ----------------------------------------------------------------

export async function askQuestion({
  db,
  requestId,
  userId,
  question,
  at = new Date(),
}: {
  db: DB;
  requestId: number;
  userId: string;
  question: string;
  at?: Date;
}): Promise<RequestResult<{ id: number }, "notFound" | "closed">> {
  return db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom("request").select(["status", "deadline_at as deadlineAt"]).where("id", "=", requestId).executeTakeFirst();
    if (!request || request.status === "draft") return refused("notFound");
    if (!isOpenForResponses(request, at)) return refused("closed");
    const { id } = await trx
      .insertInto("request_question")
      .values({ request_id: requestId, asked_by: userId, question, asked_at: at.toISOString() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await questionAsked({ db: trx, requestId, question });
    return { ok: true, id } as const;
  });
}

/** The buyer answers (or corrects its answer to) a question; everyone who showed interest in the request is told. */
export async function answerQuestion({
  db,
  requestId,
  buyerOrganisationId,
  questionId,
  userId,
  answer,
}: {
  db: DB;
  requestId: number;
  buyerOrganisationId: number;
  questionId: number;
  userId: string;
  answer: string;
}): Promise<RequestResult<object, "notFound">> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("request_question")
      .innerJoin("request", "request.id", "request_question.request_id")
      .select("request_question.id")
      .where("request_question.id", "=", questionId)
      .where("request.id", "=", requestId)
      .where("request.buyer_organisation_id", "=", buyerOrganisationId)
      .executeTakeFirst();
    if (!row) return refused("notFound");
    await trx
      .updateTable("request_question")
      .set({ answer, answered_by: userId, answered_at: new Date().toISOString() })
      .where("id", "=", questionId)
      .execute();
    await questionAnswered({ db: trx, requestId, questionId, answeredBy: userId });
    return { ok: true } as const;
  });
}
