import type { DB } from "../../db/client.server";

export type AuditEntity = "organisation" | "membership" | "role" | "offering" | "request" | "bid" | "account";

export interface AuditEntry {
  actorUserId: string | null;
  organisationId?: number | null;
  entity: AuditEntity;
  entityId: string | number;
  /** What happened, in a word: "created", "updated", "approved", "granted", … */
  action: string;
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Appends to the audit log. Pass the transaction of the change itself where there is one, so the
 * record and the change stand or fall together. The table refuses updates and deletes.
 */
export async function recordAudit(db: Pick<DB, "insertInto">, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: new Date().toISOString(),
      actor_user_id: entry.actorUserId,
      organisation_id: entry.organisationId ?? null,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** A page of the log, newest first, with the actor's current name (null once the account is gone). */
export async function listAuditLog({ db, page, pageSize }: { db: DB; page: number; pageSize: number }) {
  const total = Number((await db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0);
  const entries = await db
    .selectFrom("audit_log")
    .leftJoin("user", "user.id", "audit_log.actor_user_id")
    .leftJoin("organisation", "organisation.id", "audit_log.organisation_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.actor_user_id",
      "user.name as actor_name",
      "organisation.name as organisation_name",
      "audit_log.entity",
      "audit_log.entity_id",
      "audit_log.action",
      "audit_log.details",
    ])
    .orderBy("audit_log.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, entries };
}
