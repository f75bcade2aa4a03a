import { findCpvCode } from "../../app/domain/cpv";
import type { DB } from "../../db/client.server";
import type { RequestDocument } from "./documents";

type Executor = Pick<DB, "selectFrom">;

/** The search documents of the given requests; drafts (and missing ids) are left out. */
export async function buildRequestDocuments(db: Executor, ids: number[]): Promise<RequestDocument[]> {
  if (ids.length === 0) return [];
  const requests = await db
    .selectFrom("request")
    .innerJoin("organisation", "organisation.id", "request.buyer_organisation_id")
    .select(["request.id", "request.title", "request.description", "request.kind", "request.cpv_code", "organisation.name as buyer_name"])
    .where("request.id", "in", ids)
    .where("request.status", "!=", "draft")
    .execute();
  if (requests.length === 0) return [];
  const listed = requests.map((r) => r.id);
  const [lines, questions] = await Promise.all([
    db.selectFrom("demand_line").select(["request_id", "item", "site"]).where("request_id", "in", listed).orderBy("position").execute(),
    db.selectFrom("rfi_question").select(["request_id", "text"]).where("request_id", "in", listed).orderBy("position").execute(),
  ]);
  return requests.map((r) => {
    const own = lines.filter((l) => l.request_id === r.id);
    const cpv = findCpvCode(r.cpv_code);
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      buyerName: r.buyer_name,
      kind: r.kind,
      cpvCode: r.cpv_code,
      cpvLabels: cpv ? [cpv.sv, cpv.en] : [],
      items: [...new Set(own.map((l) => l.item))],
      sites: [...new Set(own.map((l) => l.site))],
      questions: questions.filter((q) => q.request_id === r.id).map((q) => q.text),
    };
  });
}
