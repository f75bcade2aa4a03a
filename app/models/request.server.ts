import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import { recordAudit } from "./audit-log.server";
import type { RequestRow, RoleName } from "../../db/schema";
import type { RequestKind, RequestStatus } from "../domain/request";
import { classifyChange, describeAmendment, effectiveStatus, isEditable, nextStatus, type RequestAction, type RequestContent } from "../domain/request";
import type { RequestInput } from "../forms/request-form";
import { buyerOrganisations, can, supplierSideOrganisations, type RequestResource, type Viewer as PermissionViewer } from "../domain/permissions";
import { loadViewer } from "./acting-organisations.server";
import type { OcdsRequest } from "../domain/ocds";
import { recordRequestChange } from "../../search/requests/changes.server";
import { requestSearch } from "../../search/requests/index.server";
import { requestsFittingOrganisation } from "./capacity-fit.server";
import { bidsAfterAmendment } from "./joint-bid/planning.server";
import { requestAmended, requestCancelled, requestClosed, requestPublished } from "./notices/request-changes.server";
import { replaceWeekdays, weekdaysOf } from "./weekdays-and-sites.server";

/**
 * Buyers' requests: who may do what, creating and changing them through their life cycle, and
 * finding them. Every change of a request's content is one transaction with its search outbox row
 * and the notifications it causes.
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

/** A request row as the permission table reads it. */
export function requestResource(request: { status: RequestStatus; buyer_organisation_id: number }): RequestResource {
  return { status: request.status, buyerOrganisationId: request.buyer_organisation_id };
}

const now = () => new Date();

// --- Reading --------------------------------------------------------------------------------------

export interface DemandLine {
  id: number;
  position: number;
  item: string;
  unit: string;
  quantity: number;
  site: string;
  /** What is delivered, when the buyer named it besides the request's code. */
  cpvCode: string | null;
  weekdays: number[];
}

/** The columns of a request that its buyer writes, from the form's input. */
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

/** Adds a demand line with its weekdays. */
async function insertDemandLine(db: DB, requestId: number, line: RequestInput["lines"][number], index: number): Promise<void> {
  const { id } = await db
    .insertInto("demand_line")
    .values({ request_id: requestId, ...demandLineColumns(line, index) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceWeekdays(db, "demand_line", id, line.weekdays);
}

/** Demand lines as the domain reads them, each with its weekdays. */
async function withWeekdays<T extends { id: number }>(db: DB, rows: T[]): Promise<(T & { weekdays: number[] })[]> {
  const weekdays = await weekdaysOf(
    db,
    "demand_line",
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, weekdays: weekdays.get(r.id) ?? [] }));
}

/** The request, only if it belongs to this buyer organisation. */
async function ownRequest(db: DB, requestId: number, buyerOrganisationId: number) {
  return db.selectFrom("request").selectAll().where("id", "=", requestId).where("buyer_organisation_id", "=", buyerOrganisationId).executeTakeFirst();
}

export async function getRequest({ db, requestId }: { db: DB; requestId: number }) {
  const request = await db
    .selectFrom("request")
    .innerJoin("organisation", "organisation.id", "request.buyer_organisation_id")
    .selectAll("request")
    .select(["organisation.name as buyer_name", "organisation.org_number as buyer_org_number"])
    .where("request.id", "=", requestId)
    .executeTakeFirst();
  return request ?? null;
}

export async function demandLinesOf({ db, requestId }: { db: DB; requestId: number }): Promise<DemandLine[]> {
  const rows = await db.selectFrom("demand_line").selectAll().where("request_id", "=", requestId).orderBy("position").orderBy("id").execute();
  return (await withWeekdays(db, rows)).map((r) => ({
    id: r.id,
    position: r.position,
    item: r.item,
    unit: r.unit,
    quantity: r.quantity,
    site: r.site,
    cpvCode: r.cpv_code,
    weekdays: r.weekdays,
  }));
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
    db.selectFrom("request_change").select(["id", "kind", "note", "created_at"]).where("request_id", "=", requestId).orderBy("id").execute(),
    db
      .selectFrom("request_question")
      .select(["id", "question", "answer", "asked_at", "answered_at"])
      .where("request_id", "=", requestId)
      .orderBy("id")
      .execute(),
  ]);
  return { request, lines, questions, changes, qa };
}

export function contentOf(request: RequestRow, lines: DemandLine[], questions: { text: string }[]): RequestContent {
  return {
    kind: request.kind,
    title: request.title,
    description: request.description,
    cpvCode: request.cpv_code,
    periodFrom: request.period_from,
    periodTo: request.period_to,
    deadlineAt: request.deadline_at,
    contactName: request.contact_name,
    contactEmail: request.contact_email,
    contactPhone: request.contact_phone,
    demandLines: lines.map((l) => ({ id: l.id, item: l.item, unit: l.unit, quantity: l.quantity, site: l.site, cpvCode: l.cpvCode, weekdays: l.weekdays })),
    questions: questions.map((q) => q.text),
  };
}

function contentOfInput(input: RequestInput): RequestContent {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    cpvCode: input.cpvCode,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    deadlineAt: input.deadlineAt,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    demandLines: input.lines.map((l) => ({
      id: l.id,
      item: l.item,
      unit: l.unit,
      quantity: l.quantity,
      site: l.site,
      cpvCode: l.cpvCode,
      weekdays: l.weekdays,
    })),
    questions: input.kind === "rfi" ? input.questions : [],
  };
}

// --- Writing --------------------------------------------------------------------------------------

/** Rewrites the request's distinct delivery sites from its demand lines (call after changing them). */
export async function writeRequestSites(db: DB, requestId: number): Promise<void> {
  await db.deleteFrom("request_site").where("request_id", "=", requestId).execute();
  await sql`insert into request_site (request_id, site) select distinct request_id, site from demand_line where request_id = ${requestId}`.execute(db);
}

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
    const timestamp = now().toISOString();
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
    const questions = input.kind === "rfi" ? input.questions : [];
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

export type UpdateRequestResult =
  { ok: true; change: "none" | "correction" | "amendment" } | { ok: false; error: "not_found" | "not_editable" | "change_note_required" };

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
  return db.transaction().execute(async (trx) => {
    const request = await ownRequest(trx, requestId, buyerOrganisationId);
    if (!request) return { ok: false, error: "not_found" } as const;
    if (!isEditable(request.status)) return { ok: false, error: "not_editable" } as const;
    const lines = await demandLinesOf({ db: trx, requestId });
    const questions = await questionsOf({ db: trx, requestId });
    const before = contentOf(request, lines, questions);
    const after = contentOfInput(input);
    const change = request.status === "draft" ? "none" : classifyChange(before, after);
    if (request.status === "published" && change === "none") return { ok: true, change } as const;
    if (change !== "none" && !input.changeNote) return { ok: false, error: "change_note_required" } as const;
    const timestamp = now().toISOString();

    await trx
      .updateTable("request")
      .set({
        ...requestColumns(input),
        // Bids and open data refer to the lots: the choice is fixed once the request is published.
        lines_are_lots: request.status === "draft" ? (input.linesAreLots ?? false) : request.lines_are_lots,
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
    return { ok: true, change } as const;
  });
}

export type TransitionResult = { ok: true; status: RequestStatus } | { ok: false; error: "not_found" | "refused" | "deadline_passed" };

/** Moves a request of the buyer's organisation along its life cycle (see app/domain/request.ts). */
export async function transitionRequest(change: {
  db: DB;
  requestId: number;
  buyerOrganisationId: number;
  userId: string;
  action: RequestAction;
}): Promise<TransitionResult> {
  return change.db.transaction().execute((trx) => transitionInTransaction({ ...change, db: trx }));
}

/** The same move inside the caller's transaction, for a change that does more (an award). */
export async function transitionInTransaction({
  db: trx,
  requestId,
  buyerOrganisationId,
  userId,
  action,
}: {
  db: DB;
  requestId: number;
  buyerOrganisationId: number;
  userId: string;
  action: RequestAction;
}): Promise<TransitionResult> {
  const request = await ownRequest(trx, requestId, buyerOrganisationId);
  if (!request) return { ok: false, error: "not_found" } as const;
  const at = now();
  const status = nextStatus(effectiveStatus(request, at), action);
  if (!status) return { ok: false, error: "refused" } as const;
  if (action === "publish" && Date.parse(request.deadline_at) <= at.getTime()) return { ok: false, error: "deadline_passed" } as const;
  const timestamp = at.toISOString();
  await trx
    .updateTable("request")
    .set({
      status,
      updated_at: timestamp,
      ...(action === "publish" ? { published_at: timestamp } : {}),
      ...(status === "closed" ? { closed_at: timestamp } : {}),
      ...((status === "awarded" || status === "cancelled") && !request.closed_at ? { closed_at: timestamp } : {}),
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
  return { ok: true, status } as const;
}

// --- Finding --------------------------------------------------------------------------------------

export interface RequestListQuery {
  q: string;
  kind: RequestKind[];
  cpvCategory: string[];
  site: string[];
  /** Deadline within this many days; null for any. */
  within: 7 | 30 | null;
  state: "open" | "closed";
  /** Only requests this organisation's capacity fits (decision 018). */
  matchingOrganisationId: number | null;
  page: number;
  pageSize: number;
}

export interface RequestListItem {
  id: number;
  title: string;
  kind: RequestKind;
  status: RequestStatus;
  cpvCode: string;
  deadlineAt: string;
  periodFrom: string;
  periodTo: string;
  buyerName: string;
  sites: string[];
}

type Facet = "kind" | "cpvCategory" | "site" | "within";

/**
 * Open (or closed) requests, by deadline, with facet counts: each facet is counted with every
 * other filter applied but not its own, so choosing one kind still shows how many the others have.
 * Text search goes through the search engine, which returns matching ids; the rest is SQL.
 */
export async function listRequests({ db, query, at = now() }: { db: DB; query: RequestListQuery; at?: Date }) {
  const nowIso = at.toISOString();
  const matchIds = query.q.trim() ? await requestSearch().matchingIds(query.q, 2_000) : null;
  const inState = () => {
    const q = db.selectFrom("request").where("request.status", "!=", "draft");
    return query.state === "open"
      ? q.where("request.status", "=", "published").where("request.deadline_at", ">", nowIso)
      : q.where((eb) => eb.or([eb("request.status", "in", ["closed", "awarded", "cancelled"]), eb("request.deadline_at", "<=", nowIso)]));
  };
  const fitting =
    query.matchingOrganisationId === null
      ? null
      : await requestsFittingOrganisation({
          db,
          organisationId: query.matchingOrganisationId,
          candidateIds: (await inState().select("request.id").execute()).map((r) => r.id),
        });

  const base = (except?: Facet) => {
    let q = inState();
    if (matchIds) q = q.where("request.id", "in", matchIds.length ? matchIds : [0]);
    if (fitting) q = q.where("request.id", "in", fitting.length ? fitting : [0]);
    if (except !== "kind" && query.kind.length) q = q.where("request.kind", "in", query.kind);
    if (except !== "cpvCategory" && query.cpvCategory.length) q = q.where(sql<string>`substr(request.cpv_code, 1, 2)`, "in", query.cpvCategory);
    if (except !== "site" && query.site.length) {
      q = q.where("request.id", "in", db.selectFrom("request_site").select("request_id").where("site", "in", query.site));
    }
    if (except !== "within" && query.within !== null) {
      q = q.where("request.deadline_at", "<=", new Date(at.getTime() + query.within * 86_400_000).toISOString());
    }
    return q;
  };

  const [totalRow, rows, kind, cpvCategory, site, within] = await Promise.all([
    base()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
    base()
      .innerJoin("organisation", "organisation.id", "request.buyer_organisation_id")
      .select([
        "request.id",
        "request.title",
        "request.kind",
        "request.status",
        "request.cpv_code",
        "request.deadline_at",
        "request.period_from",
        "request.period_to",
        "organisation.name as buyer_name",
      ])
      .orderBy("request.deadline_at", query.state === "open" ? "asc" : "desc")
      .orderBy("request.id")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base("kind")
      .select(["request.kind as value", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("request.kind")
      .execute(),
    base("cpvCategory")
      .select([sql<string>`substr(request.cpv_code, 1, 2)`.as("value"), (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(sql`substr(request.cpv_code, 1, 2)`)
      .execute(),
    db
      .selectFrom("request_site")
      .where("request_id", "in", base("site").select("request.id"))
      .select(["site as value", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("site")
      .orderBy("site")
      .limit(50)
      .execute(),
    Promise.all(
      ([7, 30] as const).map(async (days) => {
        const row = await base("within")
          .where("request.deadline_at", "<=", new Date(at.getTime() + days * 86_400_000).toISOString())
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst();
        return { value: String(days), n: Number(row?.n ?? 0) };
      }),
    ),
  ]);
  const ids = rows.map((r) => r.id);
  const sites = ids.length ? await db.selectFrom("request_site").select(["request_id", "site"]).where("request_id", "in", ids).execute() : [];
  const counts = (list: { value: string; n: number }[]) => Object.fromEntries(list.map((r) => [r.value, Number(r.n)]));
  return {
    total: Number(totalRow?.n ?? 0),
    items: rows.map((r): RequestListItem => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: effectiveStatus({ status: r.status, deadline_at: r.deadline_at }, at),
      cpvCode: r.cpv_code,
      deadlineAt: r.deadline_at,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      buyerName: r.buyer_name,
      sites: [...new Set(sites.filter((s) => s.request_id === r.id).map((s) => s.site))],
    })),
    facets: { kind: counts(kind), cpvCategory: counts(cpvCategory), site: counts(site), within: counts(within) },
  };
}

/** A buyer organisation's own requests, drafts included, newest first. */
export async function listOwnRequests({ db, buyerOrganisationIds }: { db: DB; buyerOrganisationIds: number[] }) {
  if (buyerOrganisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("request")
    .select(["id", "title", "status", "deadline_at", "kind"])
    .where("buyer_organisation_id", "in", buyerOrganisationIds)
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  const at = now();
  return rows.map((r) => ({ ...r, status: effectiveStatus(r, at) }));
}

// --- Open data ------------------------------------------------------------------------------------

/** Requests as open data: published or later, never drafts; one request, or all of them. */
export async function ocdsRequests({ db, requestId }: { db: DB; requestId?: number }): Promise<OcdsRequest[]> {
  let q = db
    .selectFrom("request")
    .innerJoin("organisation", "organisation.id", "request.buyer_organisation_id")
    .selectAll("request")
    .select(["organisation.name as buyer_name", "organisation.org_number"])
    .where("request.status", "!=", "draft");
  if (requestId !== undefined) q = q.where("request.id", "=", requestId);
  const rows = await q.orderBy("request.id").execute();
  if (rows.length === 0) return [];
  const lines = await withWeekdays(
    db,
    await db
      .selectFrom("demand_line")
      .selectAll()
      .where(
        "request_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("request_id")
      .orderBy("position")
      .execute(),
  );
  const linesBy = new Map<number, typeof lines>();
  for (const l of lines) linesBy.set(l.request_id, [...(linesBy.get(l.request_id) ?? []), l]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    title: r.title,
    description: r.description,
    cpvCode: r.cpv_code,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    deadlineAt: r.deadline_at,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    buyer: { name: r.buyer_name, orgNumber: r.org_number },
    linesAreLots: r.lines_are_lots,
    lines: (linesBy.get(r.id) ?? []).map((l) => ({
      id: l.id,
      item: l.item,
      unit: l.unit,
      quantity: l.quantity,
      site: l.site,
      cpvCode: l.cpv_code,
      weekdays: l.weekdays,
    })),
  }));
}
