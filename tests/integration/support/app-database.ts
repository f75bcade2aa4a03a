import type { DB } from "../../../db/client.server";
import { createRequest } from "../../../app/models/request.server";
import type { RequestInput } from "../../../app/forms/request-form";
import { openTestDatabase } from "../fixtures";

/** A fresh database with the demo network, made the process's database for route and model calls. */
export function openDemoDatabase(): Promise<{ db: DB; close(): Promise<void> }> {
  return openTestDatabase({ demo: true });
}

export async function organisationIdBySlug(db: DB, slug: string): Promise<number> {
  const row = await db.selectFrom("organisation").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return row.id;
}

/** A draft request for window cleaning by the demo's buyer, titled as given (or of another CPV code and item); its id. */
export async function newDemoDraft(
  db: DB,
  title: string,
  { cpvCode = "90911300-9", item = "Fönsterputs" }: { cpvCode?: string; item?: string } = {},
): Promise<number> {
  const buyerOrganisationId = await organisationIdBySlug(db, "lunds-kommun-upphandlingsenheten");
  const buyer = await db.selectFrom("user").select("id").where("email", "=", "buyer@example.org").executeTakeFirstOrThrow();
  return createRequest({
    db,
    buyerOrganisationId,
    userId: buyer.id,
    input: windowCleaningInput({ title, cpvCode, lines: [{ ...windowCleaningInput().lines[0], item }] }),
  });
}

/** The demo's window-cleaning request as a buyer's form gives it to the model, with the changes given. */
export function windowCleaningInput(changes: Partial<RequestInput> = {}): RequestInput {
  return {
    kind: "direct_purchase",
    title: "Fönsterputs",
    description: "Fönsterputsning av kommunhusets fönster.",
    cpvCode: "90911300-9",
    periodFrom: "2031-01-06",
    periodTo: "2031-03-01",
    deadlineDate: "2030-12-01",
    deadlineTime: "12:00",
    deadlineAt: "2030-12-01T11:00:00.000Z",
    contactName: "B",
    contactEmail: "b@example.org",
    contactPhone: null,
    questions: [],
    changeNote: "",
    lines: [{ id: null, item: "Fönsterputs", unit: "visits", quantity: 2, site: "Kommunhuset", cpvCode: null, weekdays: [5] }],
    ...changes,
  };
}
