import { sql } from "kysely";
import type { DB } from "../../db/client.server";
import type { AuditEntity } from "../domain/audit";

export type { AuditEntity };

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

/** What the log can be narrowed to: an organisation, a person who acted, a kind of entry, a period (UTC instants). */
export interface AuditFilter {
  organisationId?: number | null;
  actorUserId?: string | null;
  entity?: AuditEntity | null;
  /** Inclusive. */
  from?: string | null;
  /** Exclusive. */
  until?: string | null;
}

function filtered(db: DB, filter: AuditFilter) {
  let q = db.selectFrom("audit_log");
  if (filter.organisationId) q = q.where("audit_log.organisation_id", "=", filter.organisationId);
  if (filter.actorUserId) q = q.where("audit_log.actor_user_id", "=", filter.actorUserId);
  if (filter.entity) q = q.where("audit_log.entity", "=", filter.entity);
  if (filter.from) q = q.where("audit_log.at", ">=", filter.from);
  if (filter.until) q = q.where("audit_log.at", "<", filter.until);
  return q;
}

/**
 * A page of the log, newest first, with what its sentence names: the actor's current name (null
 * once the account is gone), the organisation, the person a membership or role entry is about,
 * and the title of the request a request or bid entry is about.
 */
export async function listAuditLog({ db, page, pageSize, filter = {} }: { db: DB; page: number; pageSize: number; filter?: AuditFilter }) {
  const total = Number(
    (
      await filtered(db, filter)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const entries = await filtered(db, filter)
    .leftJoin("user", "user.id", "audit_log.actor_user_id")
    .leftJoin("organisation", "organisation.id", "audit_log.organisation_id")
    // Ids are kept as text in the log; the joins compare them as text on both databases.
    .leftJoin("user as subject", (join) => join.onRef("subject.id", "=", "audit_log.entity_id").on("audit_log.entity", "in", ["membership", "role"]))
    .leftJoin("joint_bid", (join) =>
      join.on(sql`cast(${sql.ref("joint_bid.id")} as text)`, "=", sql.ref("audit_log.entity_id")).on("audit_log.entity", "=", "bid"),
    )
    .leftJoin("request", (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb("audit_log.entity", "=", "request"), eb(sql`cast(${sql.ref("request.id")} as text)`, "=", sql.ref("audit_log.entity_id"))]),
          eb.and([eb("audit_log.entity", "=", "bid"), eb("request.id", "=", eb.ref("joint_bid.request_id"))]),
        ]),
      ),
    )
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.actor_user_id",
      "user.name as actor_name",
      "organisation.name as organisation_name",
      "subject.name as subject_name",
      "request.title as request_title",
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

/** The choices of the log's filters: the organisations and the people (with an account) that appear in it. */
export async function auditFilterChoices({ db }: { db: DB }) {
  const [organisations, people] = await Promise.all([
    db
      .selectFrom("organisation")
      .select(["organisation.id", "organisation.name"])
      .where((eb) => eb.exists(eb.selectFrom("audit_log").select("audit_log.id").whereRef("audit_log.organisation_id", "=", "organisation.id")))
      .orderBy("organisation.name")
      .execute(),
    db
      .selectFrom("user")
      .select(["user.id", "user.name"])
      .where((eb) => eb.exists(eb.selectFrom("audit_log").select("audit_log.id").whereRef("audit_log.actor_user_id", "=", "user.id")))
      .orderBy("user.name")
      .execute(),
  ]);
  return { organisations, people };
}
