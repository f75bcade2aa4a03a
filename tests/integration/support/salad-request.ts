import type { DB } from "../../../db/client.server";
import { replaceWeekdays } from "../../../app/models/weekdays-and-sites.server";
import type { RequestKind } from "../../../app/domain/request";

/**
 * A minimal published salad request like the requests demo's, for tests on a branch or database
 * without it: three sites, Monday to Thursday, eight weeks from the Monday after next week; bought
 * as catering, its lines prepared meals (decision 018).
 */
export async function insertSaladRequest(db: DB, options: { kind?: RequestKind; title?: string; startInWeeks?: number } = {}): Promise<number> {
  const buyer = await db.selectFrom("organisation").select("id").where("kind", "=", "buyer").orderBy("id").executeTakeFirstOrThrow();
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 7 * (options.startInWeeks ?? 1)));
  start.setUTCDate(start.getUTCDate() + ((8 - (start.getUTCDay() || 7)) % 7));
  const end = new Date(start.getTime() + (8 * 7 - 3) * 86_400_000);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto("request")
    .values({
      buyer_organisation_id: buyer.id,
      kind: options.kind ?? "reserved",
      status: "published",
      title: options.title ?? "Sallader till kommunens verksamheter",
      cpv_code: "55520000-1",
      period_from: iso(start),
      period_to: iso(end),
      deadline_at: new Date(start.getTime() - 2 * 86_400_000).toISOString(),
      contact_name: "Bertil Inköpare",
      contact_email: "buyer@example.org",
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const lines = [
    { site: "Stadshuset", quantity: 60, weekdays: [1, 2, 3, 4] },
    { site: "Kristallen", quantity: 30, weekdays: [2, 3, 4] },
    { site: "Linero", quantity: 40, weekdays: [1, 2, 3, 4] },
  ];
  for (const [position, { weekdays, ...line }] of lines.entries()) {
    const { id: lineId } = await db
      .insertInto("demand_line")
      .values({ request_id: id, position, item: "Sallad", unit: "portions", cpv_code: "15894200-3", ...line })
      .returning("id")
      .executeTakeFirstOrThrow();
    await replaceWeekdays(db, "demand_line", lineId, weekdays);
  }
  return id;
}
