import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { recordAudit } from "./audit-log.server";
import type { RequestRow, RoleName } from "../../db/schema";
import type { RequestStatus } from "../domain/request";
import {
  classifyChange,
  describeAmendment,
  effectiveStatus,
  isEditable,
  nextStatus,
  requestContent,
  type ChangeKind,
  type RequestAction,
  type RequestContent,
} from "../domain/request";
import type { DemandLine, QuestionAndAnswer, RequestChangeEntry, RequestRecord } from "../domain/request-view";
import type { RequestInput } from "../forms/request-form";
import { buyerOrganisations, can, supplierSideOrganisations, type RequestResource, type Viewer as PermissionViewer } from "../domain/permissions";
import { loadViewer } from "./acting-organisations.server";
import { recordRequestChange } from "../../search/requests/changes.server";
import { bidsAfterAmendment } from "./joint-bid/planning.server";
import { requestAmended, requestCancelled, requestClosed, requestPublished } from "./notices/request-changes.server";
import { replaceWeekdays } from "./weekdays-and-sites.server";
import { demandLinesOfRequests } from "./demand-lines.server";

/**
 * Buyers' requests: who may do what, the one mapping between a stored request and what routes and
 * pages read, and creating and changing requests through their life cycle. Finding them (the list,
 * a buyer's own, open data) is `request-list.server.ts`; responses and questions are
 * `request-response.server.ts`. Every change of a request's content is one transaction with its
 * search outbox row and the notifications it causes.
 */

export interface Viewer {
  id: string;
  roles: readonly RoleName[];
}

export interface RequestAccess {
  userId: string | null;
  /** The viewer as the permission table sees them; null for a visitor. */
  viewer: PermissionViewer | null;
  /** Buyer organisations the user acts for: needs the buyer role and acting for a buyer-kind organisation. */
  buyerOrganisations: { id: number; name: string }[];
  /** Listed, non-buyer organisations the user acts for: those they may respond for. */
  responderOrganisations: { id: number; name: string }[];
  isCoordinator: boolean;
}

export async function viewerAccess({ db, user }: { db: DB; user: Viewer | PermissionViewer | null }): Promise<RequestAccess> {
  if (!user) return { userId: null, viewer: null, buyerOrganisations: [], responderOrganisations: [], isCoordinator: false };
  const viewer = await loadViewer({ db, user });
  const named = (orgs: readonly { id: number; name: string }[]) => orgs.map(({ id, name }) => ({ id, name }));
  return {
    userId: user.id,
    viewer,
    buyerOrganisations: named(buyerOrganisations(viewer)),
    responderOrganisations: named(supplierSideOrganisations(viewer)),
    isCoordinator: can(viewer, "coordinate"),
  };
}

/** A request as the permission table reads it. */
export function requestResource(request: { status: RequestStatus; buyerOrganisationId: number }): RequestResource {
  return { status: request.status, buyerOrganisationId: request.buyerOrganisationId };
}

// --- Results --------------------------------------------------------------------------------------

/** Why a change of a request, or of a response or question to it, was refused: one dialect for the request aggregate. */
export type RequestError =
  { kind: "notFound" } | { kind: "notEditable" } | { kind: "changeNoteRequired" } | { kind: "refused" } | { kind: "deadlinePassed" } | { kind: "closed" };

/** A change's answer: `ok` with what it reports, or one of the errors `K` it can give. */
export type RequestResult<T, K extends RequestError["kind"]> = ({ ok: true } & T) | { ok: false; error: Extract<RequestError, { kind: K }> };

export const refused = <K extends RequestError["kind"]>(kind: K) => ({ ok: false as const, error: { kind } as Extract<RequestError, { kind: K }> });

// --- Rows and records -----------------------------------------------------------------------------

/** The one mapping from a stored request (with its buyer's name and number) to what routes and pages read. */
export function requestRecord(row: RequestRow & { buyer_name: string; buyer_org_number: string }): RequestRecord {
  return {
    id: row.id,
    buyerOrganisationId: row.buyer_organisation_id,
    buyerName: row.buyer_name,
    buyerOrgNumber: row.buyer_org_number,
    kind: row.kind,
    status: row.status,
    title: row.title,
    description: row.description,
    cpvCode: row.cpv_code,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    deadlineAt: row.deadline_at,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    linesAreLots: row.lines_are_lots,
    publishedAt: row.published_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
    isExample: row.is_example,
  };
}

/** The columns of a request that its buyer writes, from the form's input: the mapping the other way. */
function requestColumns(input: RequestInput) {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    cpv_code: input.cpvCode,
    period_from: input.periodFrom,
    period_to: input.periodTo,
    deadline_at: input.deadlineAt,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    contact_phone: input.contactPhone,
    lines_are_lots: input.linesAreLots ?? false,
  };
}

/** A demand line's columns, at its place in the form (positions count from 1); its weekdays are rows. */
function demandLineColumns(line: RequestInput["lines"][number], index: number) {
  return { position: index + 1, item: line.item, unit: line.unit, quantity: line.quantity, site: line.site, cpv_code: line.cpvCode };
}

// --- Reading --------------------------------------------------------------------------------------

/** Requests with their buyers' names, for `requestRecord`. */
export function requestsWithBuyer(db: DB) {
  return db
    .selectFrom("request")
    .innerJoin("organisation", "organisation.id", "request.buyer_organisation_id")
    .selectAll("request")
    .select(["organisation.name as buyer_name", "organisation.org_number as buyer_org_number"]);
}

/** The request, only if it belongs to this buyer organisation. */
async function ownRequest(db: DB, requestId: number, buyerOrganisationId: number): Promise<RequestRecord | null> {
  const row = await requestsWithBuyer(db)
    .where("request.id", "=", requestId)
    .where("request.buyer_organisation_id", "=", buyerOrganisationId)
    .executeTakeFirst();
  return row ? requestRecord(row) : null;
}

export async function getRequest({ db, requestId }: { db: DB; requestId: number }): Promise<RequestRecord | null> {
  const row = await requestsWithBuyer(db).where("request.id", "=", requestId).executeTakeFirst();
  return row ? requestRecord(row) : null;
}

export async function demandLinesOf({ db, requestId }: { db: DB; requestId: number }): Promise<DemandLine[]> {
  return (await demandLinesOfRequests({ db, requestIds: [requestId] })).map(({ requestId: _request, ...line }) => line);
}

export async function questionsOf({ db, requestId }: { db: DB; requestId: number }) {
  return db.selectFrom("rfi_question").select(["id", "position", "text"]).where("request_id", "=", requestId).orderBy("position").execute();
}

/** The request with everything a visitor may see: lines, RFI questions, dated changes, public Q&A. */
export async function getRequestPage({ db, requestId }: { db: DB; requestId: number }) {
  const request = await getRequest({ db, requestId });
  if (!request) return null;
  const [lines, questions, changes, qa] = await Promise.all([
    demandLinesOf({ db, requestId }),
    questionsOf({ db, requestId }),
    db
      .selectFrom("request_change")
      .select(["id", "kind", "note", "created_at as createdAt"])
      .where("request_id", "=", requestId)
      .orderBy("id")
      .execute() satisfies Promise<RequestChangeEntry[]>,
    db
      .selectFrom("request_question")
      .select(["id", "question", "answer", "asked_at as askedAt", "answered_at as answeredAt"])
      .where("request_id", "=", requestId)
      .orderBy("id")
      .execute() satisfies Promise<QuestionAndAnswer[]>,
  ]);
  return { request, lines, questions, changes, qa };
}

// --- Writing --------------------------------------------------------------------------------------

/** Adds a demand line with its weekdays. */
async function insertDemandLine(db: DB, requestId: number, line: RequestInput["lines"][number], index: number): Promise<void> {
  const { id } = await db
    .insertInto("demand_line")
    .values({ request_id: requestId, ...demandLineColumns(line, index) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceWeekdays(db, "demand_line", id, line.weekdays);
}

/** Rewrites the request's distinct delivery sites from its demand lines (call after changing them). */
export async function writeRequestSites(db: DB, requestId: number): Promise<void> {
  await db.deleteFrom("request_site").where("request_id", "=", requestId).execute();
  await sql`insert into request_site (request_id, site) select distinct request_id, site from demand_line where request_id = ${requestId}`.execute(db);
}

const rfiQuestions = (input: RequestInput) => (input.kind === "rfi" ? input.questions : []);

export async function createRequest({
  db,
  buyerOrganisationId,
  userId,
  input,
  isExample = false,
}: {
  db: DB;
  buyerOrganisationId: number;
  userId: string | null;
  input: RequestInput;
  isExample?: boolean;
}): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const timestamp = new Date().toISOString();
    const { id } = await trx
      .insertInto("request")
      .values({
        buyer_organisation_id: buyerOrganisationId,
        status: "draft",
        ...requestColumns(input),
        created_by: userId,
        created_at: timestamp,
        updated_at: timestamp,
        is_example: isExample,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, line] of input.lines.entries()) await insertDemandLine(trx, id, line, i);
    await writeRequestSites(trx, id);
    const questions = rfiQuestions(input);
    if (questions.length) {
      await trx
        .insertInto("rfi_question")
        .values(questions.map((text, i) => ({ request_id: id, position: i + 1, text })))
        .execute();
    }
    await recordAudit(trx, { actorUserId: userId, organisationId: buyerOrganisationId, entity: "request", entityId: id, action: "created" });
    return id;
  });
}

export type UpdateRequestResult = RequestResult<{ change: ChangeKind }, "notFound" | "notEditable" | "changeNoteRequired">;

/**
 * A draft is rewritten freely. A published request keeps its line and question ids (responses
 * refer to them): a wording change is recorded as a dated correction, a change of what is bought
 * or when as a dated amendment that notifies every respondent. Both need a note.
 */
export async function updateRequest({
  db,
  requestId,
  buyerOrganisationId,
  userId,
  input,
}: {
  db: DB;
  requestId: number;
  buyerOrganisationId: number;
  userId: string;
  input: RequestInput;
}): Promise<UpdateRequestResult> {
  return db.transaction().execute(async (trx): Promise<UpdateRequestResult> => {
    const request = await ownRequest(trx, requestId, buyerOrganisationId);
    if (!request) return refused("notFound");
    if (!isEditable(request.status)) return refused("notEditable");
    const lines = await demandLinesOf({ db: trx, requestId });
    const questions = await questionsOf({ db: trx, requestId });
    const before: RequestContent = requestContent(
      request,
      lines,
      questions.map((q) => q.text),
    );
    const after: RequestContent = requestContent(input, input.lines, rfiQuestions(input));
    const change = request.status === "draft" ? "none" : classifyChange(before, after);
    if (request.status === "published" && change === "none") return { ok: true, change };
    if (change !== "none" && !input.changeNote) return refused("changeNoteRequired");
    const timestamp = new Date().toISOString();

    await trx
      .updateTable("request")
      .set({
        ...requestColumns(input),
        // Bids and open data refer to the lots: the choice is fixed once the request is published.
        lines_are_lots: request.status === "draft" ? (input.linesAreLots ?? false) : request.linesAreLots,
        updated_at: timestamp,
      })
      .where("id", "=", requestId)
      .execute();

    // Lines: the ones sent with an id of this request are updated in place, the others inserted;
    // lines no longer sent are removed.
    const existing = new Set(lines.map((l) => l.id));
    const kept = new Set<number>();
    for (const [i, line] of input.lines.entries()) {
      if (line.id !== null && existing.has(line.id) && !kept.has(line.id)) {
        kept.add(line.id);
        await trx.updateTable("demand_line").set(demandLineColumns(line, i)).where("id", "=", line.id).where("request_id", "=", requestId).execute();
        await replaceWeekdays(trx, "demand_line", line.id, line.weekdays);
      } else {
        await insertDemandLine(trx, requestId, line, i);
      }
    }
    const removed = lines.filter((l) => !kept.has(l.id)).map((l) => l.id);
    if (removed.length) await trx.deleteFrom("demand_line").where("id", "in", removed).execute();
    await writeRequestSites(trx, requestId);

    // Questions by position, so answers already given stay with their question.
    const wanted = after.questions;
    for (const [i, text] of wanted.entries()) {
      const at = questions[i];
      if (at) {
        if (at.text !== text) await trx.updateTable("rfi_question").set({ text }).where("id", "=", at.id).execute();
      } else {
        await trx
          .insertInto("rfi_question")
          .values({ request_id: requestId, position: i + 1, text })
          .execute();
      }
    }
    if (questions.length > wanted.length) {
      await trx
        .deleteFrom("rfi_question")
        .where(
          "id",
          "in",
          questions.slice(wanted.length).map((q) => q.id),
        )
        .execute();
    }

    if (change !== "none") {
      await trx
        .insertInto("request_change")
        .values({ request_id: requestId, kind: change, note: input.changeNote, created_by: userId, created_at: timestamp })
        .execute();
    }
    if (change === "amendment") {
      await bidsAfterAmendment({ db: trx, requestId, userId });
      await requestAmended({ db: trx, requestId, title: input.title, note: input.changeNote ?? "", changes: describeAmendment(before, after) });
    }
    if (request.status !== "draft") await recordRequestChange(trx, requestId);
    await recordAudit(trx, {
      actorUserId: userId,
      organisationId: buyerOrganisationId,
      entity: "request",
      entityId: requestId,
      action: change === "none" ? "edited" : change,
      details: { note: input.changeNote ?? null },
    });
    return { ok: true, change };
  });
}

export type TransitionResult = RequestResult<{ status: RequestStatus }, "notFound" | "refused" | "deadlinePassed">;

/** A buyer's move of their organisation's request along its life cycle (see app/domain/request.ts). */
export interface Transition {
  db: DB;
  requestId: number;
  buyerOrganisationId: number;
  userId: string;
  action: RequestAction;
}

/** Moves a request of the buyer's organisation along its life cycle, in a transaction of its own. */
export async function transitionRequest(change: Transition): Promise<TransitionResult> {
  return change.db.transaction().execute((trx) => transitionInTransaction({ ...change, db: trx }));
}

/** The same move inside the caller's transaction, for a change that does more (an award). */
export async function transitionInTransaction({ db: trx, requestId, buyerOrganisationId, userId, action }: Transition): Promise<TransitionResult> {
  const request = await ownRequest(trx, requestId, buyerOrganisationId);
  if (!request) return refused("notFound");
  const at = new Date();
  const status = nextStatus(effectiveStatus(request, at), action);
  if (!status) return refused("refused");
  if (action === "publish" && Date.parse(request.deadlineAt) <= at.getTime()) return refused("deadlinePassed");
  const timestamp = at.toISOString();
  await trx
    .updateTable("request")
    .set({
      status,
      updated_at: timestamp,
      ...(action === "publish" ? { published_at: timestamp } : {}),
      ...(status === "closed" ? { closed_at: timestamp } : {}),
      ...((status === "awarded" || status === "cancelled") && !request.closedAt ? { closed_at: timestamp } : {}),
    })
    .where("id", "=", requestId)
    .execute();
  if (action !== "publish") {
    await trx.insertInto("request_change").values({ request_id: requestId, kind: "status", note: status, created_by: userId, created_at: timestamp }).execute();
  }
  const notice = { publish: requestPublished, close: requestClosed, cancel: requestCancelled, award: null }[action];
  if (notice) await notice({ db: trx, requestId, title: request.title });
  await recordRequestChange(trx, requestId);
  await recordAudit(trx, { actorUserId: userId, organisationId: buyerOrganisationId, entity: "request", entityId: requestId, action: status });
  return { ok: true, status };
}
