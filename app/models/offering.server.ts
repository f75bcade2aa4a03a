import type { DB } from "../../db/client.server";
import { recordOrganisationChange } from "../../search/changes.server";
import type { Offering } from "../../db/schema";
import type { CapacityLine, CapacityLineInput, CapacityPeriod } from "../domain/capacity";
import type { OfferingView } from "../domain/organisation";
import { maxCapacityLinesPerOffering, maxOfferingsPerOrganisation } from "../domain/limits";
import { bidsBeyondChangedLines, type BidBeyondLine } from "./joint-bid/capacity.server";
import { replaceSites, replaceWeekdays, sitesOf, weekdaysOf } from "./weekdays-and-sites.server";

export type { BidBeyondLine, CapacityLine, CapacityLineInput };

/**
 * A change to capacity lines that was refused because confirmed commitments in joint bids hold more
 * than the lines would then carry (decision 018): the bids, and what each has confirmed.
 */
export type BelowCommitments = { ok: false; error: "belowCommitments"; bids: BidBeyondLine[]; narrowed: NarrowedField[] };

/** The fields of a capacity line whose change can take capacity away, as the refusal points at them. */
export type NarrowedField = "quantity" | "period" | "weekdays" | "validFrom" | "validTo";

/** Which of those fields the change narrows: fewer units, another period, fewer weekdays, a later start or an earlier end. */
function narrowedFields(before: CapacityLine, after: CapacityLine): NarrowedField[] {
  const fields: NarrowedField[] = [];
  if (after.quantity < before.quantity) fields.push("quantity");
  if (after.period !== before.period) fields.push("period");
  else if (before.weekdays.some((d) => !after.weekdays.includes(d))) fields.push("weekdays");
  if (after.validFrom !== null && (before.validFrom === null || after.validFrom > before.validFrom)) fields.push("validFrom");
  if (after.validTo !== null && (before.validTo === null || after.validTo < before.validTo)) fields.push("validTo");
  return fields;
}

/** The bids a change would leave without capacity, as the refusal names them; null when there are none. */
async function refusedBelowCommitments(db: DB, changed: Map<number, CapacityLine | null>, narrowed: NarrowedField[] = []): Promise<BelowCommitments | null> {
  const bids = await bidsBeyondChangedLines({ db, changed });
  return bids.length === 0 ? null : { ok: false, error: "belowCommitments", bids, narrowed };
}

export interface OfferingInput {
  title: string;
  description: string;
  cpvCode: string;
  unit: string;
}

const now = () => new Date().toISOString();

function capacityColumns(input: CapacityLineInput) {
  return { quantity: input.quantity, period: input.period, valid_from: input.validFrom, valid_to: input.validTo };
}

/** A line's weekdays (only for period "weekday") and sites, written beside its columns. */
async function writeWeekdaysAndSites(db: DB, capacityLineId: number, input: CapacityLineInput): Promise<void> {
  await replaceWeekdays(db, "capacity_line", capacityLineId, input.period === "weekday" ? input.weekdays : []);
  await replaceSites(db, "capacity_line", capacityLineId, input.sites);
}

/** Offerings of one organisation (all, or the one asked for), each with its capacity lines. */
async function offeringsWithCapacity(db: DB, organisationId: number, offeringId?: number): Promise<OfferingView[]> {
  let query = db.selectFrom("offering").select(["id", "title", "description", "cpv_code", "unit"]).where("organisation_id", "=", organisationId);
  if (offeringId !== undefined) query = query.where("id", "=", offeringId);
  const offerings = await query.orderBy("title").execute();
  const capacity = await capacityByOffering(
    db,
    offerings.map((o) => o.id),
  );
  return offerings.map((o) => toOfferingView(o, capacity.get(o.id) ?? []));
}

/**
 * An offering as pages read it: the stored row in the domain's words. Every read of offerings for a
 * page or an export goes through here, so the columns' names stay in this model.
 */
function toOfferingView(row: Pick<Offering, "id" | "title" | "description" | "cpv_code" | "unit">, capacity: CapacityLine[]): OfferingView {
  return { id: row.id, title: row.title, description: row.description, cpvCode: row.cpv_code, unit: row.unit, capacity };
}

/** Each offering's capacity lines, in the order they were added. */
export async function capacityByOffering(db: DB, offeringIds: readonly number[]): Promise<Map<number, CapacityLine[]>> {
  if (offeringIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("capacity_line")
    .select(["id", "offering_id", "quantity", "period", "valid_from", "valid_to"])
    .where("offering_id", "in", [...offeringIds])
    .orderBy("id")
    .execute();
  const lines = await capacityLinesOf(db, rows);
  const byOffering = new Map<number, CapacityLine[]>();
  for (const row of rows) byOffering.set(row.offering_id, [...(byOffering.get(row.offering_id) ?? []), lines.get(row.id)!]);
  return byOffering;
}

/** Stored capacity lines as pages and the bid's rules read them, each with its weekdays and sites. */
export async function capacityLinesOf(
  db: DB,
  rows: readonly { id: number; quantity: number; period: CapacityPeriod; valid_from: string | null; valid_to: string | null }[],
): Promise<Map<number, CapacityLine>> {
  const ids = rows.map((r) => r.id);
  const [weekdays, sites] = await Promise.all([weekdaysOf(db, "capacity_line", ids), sitesOf(db, "capacity_line", ids)]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        quantity: row.quantity,
        period: row.period,
        weekdays: weekdays.get(row.id) ?? [],
        validFrom: row.valid_from,
        validTo: row.valid_to,
        sites: sites.get(row.id) ?? [],
      },
    ]),
  );
}

/** An organisation's offerings, each with its capacity lines. */
export function listOfferings({ db, organisationId }: { db: DB; organisationId: number }) {
  return offeringsWithCapacity(db, organisationId);
}

/** One offering of the given organisation; null for an id that belongs to another. */
export async function getOffering({ db, organisationId, offeringId }: { db: DB; organisationId: number; offeringId: number }) {
  const [offering] = await offeringsWithCapacity(db, organisationId, offeringId);
  return offering ?? null;
}

/** A new offering, or `tooMany` when the organisation already has the most it may have. */
export async function createOffering({
  db,
  organisationId,
  input,
}: {
  db: DB;
  organisationId: number;
  input: OfferingInput;
}): Promise<{ ok: true; id: number } | { ok: false; error: "tooMany" }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("offering")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (Number(existing?.n ?? 0) >= maxOfferingsPerOrganisation) return { ok: false, error: "tooMany" } as const;
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
    return { ok: true, id } as const;
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
}): Promise<boolean> {
  // False when the organisation has no such offering.
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("offering")
      .set({ title: input.title, description: input.description, cpv_code: input.cpvCode, unit: input.unit, updated_at: now() })
      .where("id", "=", offeringId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordOrganisationChange(trx, organisationId);
    return true;
  });
}

/**
 * False when the organisation has no such offering; refused while confirmed commitments in live
 * joint bids draw on its lines, since removing it would remove them.
 */
export async function deleteOffering({
  db,
  organisationId,
  offeringId,
}: {
  db: DB;
  organisationId: number;
  offeringId: number;
}): Promise<boolean | BelowCommitments> {
  return db.transaction().execute(async (trx) => {
    const lines = await trx.selectFrom("capacity_line").select("id").where("offering_id", "in", ownedOffering(organisationId, offeringId)(trx)).execute();
    const refused = await refusedBelowCommitments(trx, new Map(lines.map((l) => [l.id, null])));
    if (refused) return refused;
    const result = await trx.deleteFrom("offering").where("id", "=", offeringId).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await recordOrganisationChange(trx, organisationId);
    return true;
  });
}

function ownedOffering(organisationId: number, offeringId: number) {
  return (db: Pick<DB, "selectFrom">) => db.selectFrom("offering").select("id").where("id", "=", offeringId).where("organisation_id", "=", organisationId);
}

/** The line as stored, when it is one of this organisation's offering's lines. */
async function ownedLine(db: DB, organisationId: number, offeringId: number, capacityLineId: number): Promise<CapacityLine | null> {
  const rows = await db
    .selectFrom("capacity_line")
    .select(["id", "quantity", "period", "valid_from", "valid_to"])
    .where("id", "=", capacityLineId)
    .where("offering_id", "in", ownedOffering(organisationId, offeringId)(db))
    .execute();
  return (await capacityLinesOf(db, rows)).get(capacityLineId) ?? null;
}

/** The new line's id, or null when the organisation has no such offering. */
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
}): Promise<{ ok: true; id: number } | { ok: false; error: "tooMany" } | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await ownedOffering(organisationId, offeringId)(trx).executeTakeFirst())) return null;
    const existing = await trx
      .selectFrom("capacity_line")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("offering_id", "=", offeringId)
      .executeTakeFirst();
    if (Number(existing?.n ?? 0) >= maxCapacityLinesPerOffering) return { ok: false, error: "tooMany" } as const;
    const { id } = await trx
      .insertInto("capacity_line")
      .values({ offering_id: offeringId, ...capacityColumns(input) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeWeekdaysAndSites(trx, id, input);
    await trx.updateTable("offering").set({ updated_at: now() }).where("id", "=", offeringId).execute();
    // Delivery sites are searchable: the organisation's search document changes with its lines.
    await recordOrganisationChange(trx, organisationId);
    return { ok: true, id } as const;
  });
}

/**
 * False when the line is not one of this organisation's offering's lines. Refused when it would
 * leave confirmed commitments in joint bids above what the line declares (fewer units, fewer
 * weekdays, a shorter validity).
 */
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
}): Promise<boolean | BelowCommitments> {
  return db.transaction().execute(async (trx) => {
    const after: CapacityLine = { id: capacityLineId, ...input, weekdays: input.period === "weekday" ? input.weekdays : [] };
    const before = await ownedLine(trx, organisationId, offeringId, capacityLineId);
    if (before) {
      const narrowed = narrowedFields(before, after);
      const refused = await refusedBelowCommitments(trx, new Map([[capacityLineId, after]]), narrowed.length > 0 ? narrowed : ["quantity"]);
      if (refused) return refused;
    }
    const result = await trx
      .updateTable("capacity_line")
      .set(capacityColumns(input))
      .where("id", "=", capacityLineId)
      .where("offering_id", "in", ownedOffering(organisationId, offeringId)(trx))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await writeWeekdaysAndSites(trx, capacityLineId, input);
    await recordOrganisationChange(trx, organisationId);
    return true;
  });
}

/** False when the line is not one of this organisation's offering's lines; refused while confirmed commitments draw on it. */
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
}): Promise<boolean | BelowCommitments> {
  return db.transaction().execute(async (trx) => {
    if (await ownedLine(trx, organisationId, offeringId, capacityLineId)) {
      const refused = await refusedBelowCommitments(trx, new Map([[capacityLineId, null]]));
      if (refused) return refused;
    }
    const result = await trx
      .deleteFrom("capacity_line")
      .where("id", "=", capacityLineId)
      .where("offering_id", "in", ownedOffering(organisationId, offeringId)(trx))
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await recordOrganisationChange(trx, organisationId);
    return true;
  });
}
