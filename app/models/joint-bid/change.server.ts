/**
 * How a change to a joint bid is made and answered: the result type with its errors (one dialect
 * for every joint-bid change), one transaction that a refused change rolls back, and the event
 * that writes the change into the bid's history and the audit log.
 * See docs/decisions/008-commitments-overbooking-plan-storage.md.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../../db/schema";
import type { Overbooking, PlanProblem } from "../../domain/joint-bid";
import { recordAudit } from "../audit-log.server";

export type Db = Kysely<Database>;
export type Trx = Transaction<Database> | Db;

export const now = () => new Date().toISOString();

export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: ActionError };

export type ActionError =
  | { kind: "forbidden" }
  | { kind: "notFound" }
  | { kind: "closed" }
  | { kind: "invalid"; field: string }
  | { kind: "overbooked"; organisationName: string; offeringTitle: string; overbooking: Overbooking }
  | { kind: "notCommitted" }
  | { kind: "planStale" }
  | { kind: "changedWhilePlanning" }
  | { kind: "notEligible"; names: string[] }
  | { kind: "requestClosed" }
  | { kind: "awardedByBuyer" }
  | { kind: "lineDoesNotFit" }
  | { kind: "plan"; problem: PlanProblem; organisationName?: string };

export const fail = (error: ActionError) => ({ ok: false as const, error });

/** Thrown inside a transaction to roll it back and hand the error to the caller. */
class Rollback extends Error {
  constructor(readonly error: ActionError) {
    super(error.kind);
  }
}

export async function inTransaction<T extends object>(db: Db, run: (trx: Transaction<Database>) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await run(trx);
      if (!result.ok) throw new Rollback(result.error);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return fail(error.error);
    throw error;
  }
}

export async function recordEvent(
  db: Trx,
  event: { bidId: number; userId: string | null; kind: string; organisationId?: number | null; details?: string },
): Promise<void> {
  const at = now();
  await db
    .insertInto("joint_bid_event")
    .values({ bid_id: event.bidId, at, user_id: event.userId, kind: event.kind, organisation_id: event.organisationId ?? null, details: event.details ?? "" })
    .execute();
  await db.updateTable("joint_bid").set({ updated_at: at }).where("id", "=", event.bidId).execute();
  // The bid's own history is shown on its page; the audit log keeps the same change for coordinators.
  await recordAudit(db, {
    actorUserId: event.userId,
    organisationId: event.organisationId ?? null,
    entity: "bid",
    entityId: event.bidId,
    action: event.kind,
    details: event.details ? { details: event.details } : undefined,
  });
}

export async function organisationName(db: Trx, organisationId: number): Promise<string> {
  const row = await db.selectFrom("organisation").select("name").where("id", "=", organisationId).executeTakeFirstOrThrow();
  return row.name;
}
