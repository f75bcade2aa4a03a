import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as pageLoader } from "../../app/routes/requests.$id";
import { getRequest, transitionRequest, updateRequest } from "../../app/models/request.server";
import { ocdsRequests } from "../../app/models/request-list.server";
import { askQuestion, answerQuestion, saveResponse, withdrawResponse } from "../../app/models/request-response.server";
import type { RequestInput } from "../../app/forms/request-form";
import type { DB } from "../../db/client.server";
import { newDemoDraft, openDemoDatabase, organisationIdBySlug, windowCleaningInput } from "./support/app-database";
import { getRequest as httpGet, sessionCookieFor } from "./support/requests";

/**
 * The request aggregate as routes and pages read it: one mapping from a stored request to a
 * camelCase record, and refusals in one dialect ({ kind }), as joint bids give them.
 */

let db: DB;
let close: () => Promise<void>;
let buyerOrganisationId: number;
let buyerId: string;
let saladId: number;

/** Columns the record leaves out on purpose: who created it and when (the audit log has both), and a column only the planner reads. */
const internalColumns = new Set(["created_by", "created_at", "deliver_on_holidays"]);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
/** Every key of a value, nested objects and lists included. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : value && typeof value === "object"
      ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
      : [];

const input = (changes: Partial<RequestInput> = {}): RequestInput => windowCleaningInput({ title: "Fönsterputs, ändrad", ...changes });

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  buyerOrganisationId = await organisationIdBySlug(db, "lunds-kommun-upphandlingsenheten");
  buyerId = (await db.selectFrom("user").select("id").where("email", "=", "buyer@example.org").executeTakeFirstOrThrow()).id;
  saladId = (await db.selectFrom("request").select("id").where("title", "=", "Sallader till kommunens verksamheter, andra perioden").executeTakeFirstOrThrow())
    .id;
});
afterAll(() => close());

describe("a stored request as routes and pages read it", () => {
  it("has every column of its row under the column's camelCase name, with the row's value, and its buyer's name and number", async () => {
    const rows = await db.selectFrom("request").selectAll().orderBy("id").execute();
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      const record = (await getRequest({ db, requestId: row.id }))! as unknown as Record<string, unknown>;
      for (const [column, value] of Object.entries(row)) {
        if (internalColumns.has(column)) continue;
        // Booleans are 0/1 in SQLite rows read without the plugin's help; compare as the record types them.
        expect(record[camel(column)], `${column} of request ${row.id}`).toEqual(typeof record[camel(column)] === "boolean" ? Boolean(value) : value);
      }
      const buyer = await db.selectFrom("organisation").select(["name", "org_number"]).where("id", "=", row.buyer_organisation_id).executeTakeFirstOrThrow();
      expect(record).toMatchObject({ buyerName: buyer.name, buyerOrgNumber: buyer.org_number });
      expect(Object.keys(record).filter((key) => key.includes("_"))).toEqual([]);
    }
  });

  it("reaches the request page with no snake_case name in the request, its lines, its questions and answers or its changes", async () => {
    const asked = await askQuestion({ db, requestId: saladId, userId: buyerId, question: "Får salladerna levereras i returlådor?" });
    const salad = (await getRequest({ db, requestId: saladId }))!;
    if (asked.ok)
      await answerQuestion({ db, requestId: saladId, buyerOrganisationId: salad.buyerOrganisationId, questionId: asked.id, userId: buyerId, answer: "Ja." });
    const buyer = await sessionCookieFor(db, "buyer@example.org");
    const page = (await pageLoader({ request: httpGet(`/requests/${saladId}`, buyer), params: { id: String(saladId) }, context: {} })) as Record<
      string,
      unknown
    >;
    const read = { request: page.request, lines: page.lines, questions: page.questions, qa: page.qa, changes: page.changes };
    expect(page.qa, "the thread with its question answered").toEqual([expect.objectContaining({ answer: "Ja." })]);
    expect(keysOf(read).filter((key) => key.includes("_"))).toEqual([]);
  });

  it("is what open data is made from, buyer included", async () => {
    const [open] = await ocdsRequests({ db, requestId: saladId });
    const record = (await getRequest({ db, requestId: saladId }))!;
    expect(open).toMatchObject({ ...record, buyer: { name: record.buyerName, orgNumber: record.buyerOrgNumber } });
    expect(open.lines.length).toBeGreaterThan(0);
  });
});

describe("refusals of the request aggregate", () => {
  it("come as { kind } from changes of the request", async () => {
    const otherBuyer = await organisationIdBySlug(db, "lunds-kommun-serviceforvaltningen");
    const draft = await newDemoDraft(db, "Fönsterputs, dialekt");
    expect(await updateRequest({ db, requestId: draft, buyerOrganisationId: otherBuyer, userId: buyerId, input: input() })).toEqual({
      ok: false,
      error: { kind: "notFound" },
    });
    expect(await transitionRequest({ db, requestId: draft, buyerOrganisationId, userId: buyerId, action: "close" })).toEqual({
      ok: false,
      error: { kind: "refused" },
    });
    expect(await transitionRequest({ db, requestId: draft, buyerOrganisationId, userId: buyerId, action: "publish" })).toEqual({
      ok: true,
      status: "published",
    });
    expect(await updateRequest({ db, requestId: draft, buyerOrganisationId, userId: buyerId, input: input({ periodTo: "2031-03-08" }) })).toEqual({
      ok: false,
      error: { kind: "changeNoteRequired" },
    });
    expect(await transitionRequest({ db, requestId: draft, buyerOrganisationId, userId: buyerId, action: "cancel" })).toMatchObject({ ok: true });
    expect(await updateRequest({ db, requestId: draft, buyerOrganisationId, userId: buyerId, input: input() })).toEqual({
      ok: false,
      error: { kind: "notEditable" },
    });

    const late = await newDemoDraft(db, "Fönsterputs, sent");
    await db.updateTable("request").set({ deadline_at: "2020-01-01T00:00:00.000Z" }).where("id", "=", late).execute();
    expect(await transitionRequest({ db, requestId: late, buyerOrganisationId, userId: buyerId, action: "publish" })).toEqual({
      ok: false,
      error: { kind: "deadlinePassed" },
    });
  });

  it("come as { kind } from responses and questions", async () => {
    const draft = await newDemoDraft(db, "Fönsterputs, utkast");
    const responder = await organisationIdBySlug(db, "fontanhuset-lund");
    const response = { organisationId: responder, interest: "yes" as const, message: "", version: 0, capacity: {}, answers: {} };
    expect(await saveResponse({ db, requestId: draft, organisationId: responder, userId: buyerId, input: response })).toEqual({
      ok: false,
      error: { kind: "notFound" },
    });
    expect(await askQuestion({ db, requestId: draft, userId: buyerId, question: "?" })).toEqual({ ok: false, error: { kind: "notFound" } });
    expect(await withdrawResponse({ db, requestId: saladId, organisationId: responder, at: new Date("2999-01-01") })).toEqual({
      ok: false,
      error: { kind: "closed" },
    });
    expect(await answerQuestion({ db, requestId: saladId, buyerOrganisationId, questionId: 0, userId: buyerId, answer: "Ja" })).toEqual({
      ok: false,
      error: { kind: "notFound" },
    });
  });
});
