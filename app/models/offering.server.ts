import type { DB } from "../../db/client.server";
import type { CapacityPeriod } from "../../db/schema";
import { recordOrganisationChange } from "../../search/changes.server";

export interface OfferingInput {
  title: string;
  description: string;
  cpvCode: string;
  unit: string;
}

export interface CapacityLineInput {
  quantity: number;
  period: CapacityPeriod;
  /** ISO weekday numbers, 1 = Monday; only for period "weekday". */
  weekdays: number[];
  validFrom: string | null;
  validTo: string | null;
  sites: string[];
}

export interface CapacityLine extends CapacityLineInput {
  id: number;
}

const now = () => new Date().toISOString();

function capacityColumns(input: CapacityLineInput) {
  return {
    quantity: input.quantity,
    period: input.period,
    weekdays: input.period === "weekday" ? input.weekdays.join(",") : "",
    valid_from: input.validFrom,
    valid_to: input.validTo,
    sites: input.sites.join("\n"),
  };
}

function toCapacityLine(row: {
  id: number;
  quantity: number;
  period: CapacityPeriod;
  weekdays: string;
  valid_from: string | null;
  valid_to: string | null;
  sites: string;
}): CapacityLine {
  return {
    id: row.id,
    quantity: row.quantity,
    period: row.period,
    weekdays: row.weekdays ? row.weekdays.split(",").map(Number) : [],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    sites: row.sites ? row.sites.split("\n") : [],
  };
}

/** Offerings of one organisation (all, or the one asked for), each with its capacity lines. */
async function offeringsWithCapacity(db: DB, organisationId: number, offeringId?: number) {
  let query = db
    .selectFrom("offering")
    .select(["id", "title", "description", "cpv_code", "unit"])
    .where("organisation_id", "=", organisationId);
  if (offeringId !== undefined) query = query.where("id", "=", offeringId);
  const offerings = await query.orderBy("title").execute();
  const lines = offerings.length
    ? await db
        .selectFrom("capacity_line")
        .selectAll()
        .where("offering_id", "in", offerings.map((o) => o.id))
        .orderBy("id")
        .execute()
    : [];
  return offerings.map((o) => ({
    ...o,
    capacity: lines.filter((l) => l.offering_id === o.id).map(toCapacityLine),
  }));
}

/** An organisation's offerings, each with its capacity lines. */
export function listOfferings({ db, organisationId }: { db: DB; organisationId: number }) {
  return offeringsWithCapacity(db, organisationId);
}

/** One offering of the given organisation; a 404 for an id that belongs to another. */
export async function requireOffering({ db, organisationId, offeringId }: { db: DB; organisationId: number; offeringId: number }) {
  const [offering] = await offeringsWithCapacity(db, organisationId, offeringId);
  if (!offering) throw new Response("Not found", { status: 404 });
  return offering;
}

export async function createOffering({ db, organisationId, input }: { db: DB; organisationId: number; input: OfferingInput }) {
  return db.transaction().execute(async (trx) => {
    const timestamp = now();
    const { id } = await trx
      .insertInto("offering")
      .values({
        organisation_id: organisationId,
        title: input.title,
        description: input.description,
        cpv_code: input.cpvCode,
        unit: input.unit,
        created_at: timestamp,
        updated_at: timestamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordOrganisationChange(trx, organisationId);
    return id;
  });
}

export async function updateOffering({
  db,
  organisationId,
  offeringId,
  input,
}: {
  db: DB;
  organisationId: number;
  offeringId: number;
  input: OfferingInput;
}) {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("offering")
      .set({ title: input.title, description: input.description, cpv_code: input.cpvCode, unit: input.unit, updated_at: now() })
      .where("id", "=", offeringId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Response("Not found", { status: 404 });
    await recordOrganisationChange(trx, organisationId);
  });
}

export async function deleteOffering({ db, organisationId, offeringId }: { db: DB; organisationId: number; offeringId: number }) {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom("offering")
      .where("id", "=", offeringId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new Response("Not found", { status: 404 });
    await recordOrganisationChange(trx, organisationId);
  });
}

function ownedOffering(organisationId: number, offeringId: number) {
  return (db: Pick<DB, "selectFrom">) =>
    db.selectFrom("offering").select("id").where("id", "=", offeringId).where("organisation_id", "=", organisationId);
}

export async function addCapacityLine({
  db,
  organisationId,
  offeringId,
  input,
}: {
  db: DB;
  organisationId: number;
  offeringId: number;
  input: CapacityLineInput;
}) {
  return db.transaction().execute(async (trx) => {
    if (!(await ownedOffering(organisationId, offeringId)(trx).executeTakeFirst())) throw new Response("Not found", { status: 404 });
    const { id } = await trx
      .insertInto("capacity_line")
      .values({ offering_id: offeringId, ...capacityColumns(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("offering").set({ updated_at: now() }).where("id", "=", offeringId).execute();
    // Delivery sites are searchable: the organisation's search document changes with its lines.
    await recordOrganisationChange(trx, organisationId);
    return id;
  });
}

export async function updateCapacityLine({
  db,
  organisationId,
  offeringId,
  capacityLineId,
  input,
}: {
  db: DB;
  organisationId: number;
  offeringId: number;
  capacityLineId: number;
  input: CapacityLineInput;
}) {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("capacity_line")
      .set(capacityColumns(input))
      .where("id", "=", capacityLineId)
      .where("offering_id", "in", ownedOffering(organisationId, offeringId)(trx))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Response("Not found", { status: 404 });
    await recordOrganisationChange(trx, organisationId);
  });
}

export async function removeCapacityLine({
  db,
  organisationId,
  offeringId,
  capacityLineId,
}: {
  db: DB;
  organisationId: number;
  offeringId: number;
  capacityLineId: number;
}) {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom("capacity_line")
      .where("id", "=", capacityLineId)
      .where("offering_id", "in", ownedOffering(organisationId, offeringId)(trx))
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new Response("Not found", { status: 404 });
    await recordOrganisationChange(trx, organisationId);
  });
}
