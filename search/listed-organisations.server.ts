import { type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "../db/client.server";
import type { Database } from "../db/schema";
import { RESERVED_CONTRACT_THRESHOLD } from "../app/domain/organisation";
import { buildOrganisationDocuments } from "./documents.server";
import type { FacetCounts, OrganisationFacets, OrganisationSearchQuery, OrganisationSearchResult } from "./documents";
import { foldDiacritics, markMatchingTitles, markMatchingWords } from "./highlight";

/**
 * The part of directory search that both embedded engines (FTS5 on SQLite, tsvector on
 * PostgreSQL) share: filters, disjunctive facet counts, pages, documents and highlights, in plain
 * Kysely. An engine only says which organisations its text matches and how well.
 */

type FacetName = keyof OrganisationFacets;
type OrgQuery = SelectQueryBuilder<Database, "organisation", {}>;

export interface TextMatch {
  /** `select id, rank`: the organisations the text matches; a lower rank is a better match. */
  ranked: RawBuilder<{ id: number; rank: number }>;
  /** Words whose starts are marked in the hits: the query's terms, and any typo corrections. */
  highlightTerms: string[];
}

/**
 * Listed organisations matching the text and the query's filters, a page of them with facet
 * counts. `text` is null when the query has no words: then every listed organisation matches,
 * unless the query had text that was no word at all (a lone quote), which matches nothing.
 */
export async function searchListedOrganisations(db: DB, query: OrganisationSearchQuery, text: TextMatch | null): Promise<OrganisationSearchResult> {
  if (query.q.trim() && !text) return emptyResult(query);
  const filtered = (except?: FacetName) => filteredOrganisations(db, query, text, except);
  const total = Number(
    (
      await filtered()
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  let page = filtered().select("organisation.id");
  page = text
    ? page
        .innerJoin(text.ranked.as("m"), "m.id", "organisation.id")
        .orderBy(sql`m.rank`)
        .orderBy("organisation.name")
    : page.orderBy("organisation.name");
  const ids = (
    await page
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute()
  ).map((r) => r.id);
  const documents = await buildOrganisationDocuments(db, ids);
  return {
    hits: documents.map((document) => ({
      document,
      highlighted: text?.highlightTerms.length ? highlightFields(document, text.highlightTerms) : undefined,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    facets: await facets(db, filtered),
  };
}

function emptyResult(query: OrganisationSearchQuery): OrganisationSearchResult {
  return {
    hits: [],
    total: 0,
    page: query.page,
    pageSize: query.pageSize,
    facets: { kind: {}, cpvCategory: {}, serviceArea: {}, reservedEligible: {} },
  };
}

/** Listed organisations matching the text and every filter except the one named. */
function filteredOrganisations(db: DB, query: OrganisationSearchQuery, text: TextMatch | null, except?: FacetName): OrgQuery {
  let q = db.selectFrom("organisation").where("organisation.status", "=", "active");
  if (text) q = q.where("organisation.id", "in", sql<number>`(select m.id from ${text.ranked} as m)`);
  if (except !== "kind" && query.kind.length) q = q.where("organisation.kind", "in", query.kind as never[]);
  if (except !== "serviceArea" && query.serviceArea.length) {
    q = q.where("organisation.id", "in", (eb) => eb.selectFrom("organisation_service_area").select("organisation_id").where("area", "in", query.serviceArea));
  }
  if (except !== "cpvCategory" && query.cpvCategory.length) {
    q = q.where("organisation.id", "in", (eb) =>
      eb
        .selectFrom("offering")
        .select("organisation_id")
        .where(sql`substr(cpv_code, 1, 2)`, "in", query.cpvCategory),
    );
  }
  if (except !== "reservedEligible" && query.reservedEligible) {
    q = q.where("organisation.workforce_share", ">=", RESERVED_CONTRACT_THRESHOLD).where("organisation.verified_at", "is not", null);
  }
  return q;
}

/** Facet counts are disjunctive: a facet's own selection does not narrow its counts. */
async function facets(db: DB, filtered: (except?: FacetName) => OrgQuery): Promise<OrganisationFacets> {
  const toCounts = (rows: { value: string | null; n: number }[]): FacetCounts =>
    Object.fromEntries(rows.filter((r) => r.value !== null).map((r) => [String(r.value), Number(r.n)]));
  const ids = (except: FacetName) => filtered(except).select("organisation.id");

  const [kind, serviceArea, cpvCategory, reserved] = await Promise.all([
    filtered("kind")
      .select(["organisation.kind as value", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("organisation.kind")
      .execute(),
    db
      .selectFrom("organisation_service_area")
      .where("organisation_id", "in", ids("serviceArea"))
      .select(["area as value", (eb) => eb.fn.count<number>("organisation_id").distinct().as("n")])
      .groupBy("area")
      .execute(),
    db
      .selectFrom("offering")
      .where("organisation_id", "in", ids("cpvCategory"))
      .select([sql<string>`substr(cpv_code, 1, 2)`.as("value"), (eb) => eb.fn.count<number>("organisation_id").distinct().as("n")])
      .groupBy(sql`substr(cpv_code, 1, 2)`)
      .execute(),
    filtered("reservedEligible")
      .where("organisation.workforce_share", ">=", RESERVED_CONTRACT_THRESHOLD)
      .where("organisation.verified_at", "is not", null)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst(),
  ]);
  return {
    kind: toCounts(kind),
    serviceArea: toCounts(serviceArea),
    cpvCategory: toCounts(cpvCategory),
    reservedEligible: Number(reserved?.n ?? 0) > 0 ? { true: Number(reserved?.n) } : {},
  };
}

function highlightFields(document: { name: string; description: string; offeringTitles: string[] }, terms: string[]) {
  const folded = terms.map(foldDiacritics);
  const name = markMatchingWords(document.name, folded);
  const description = markMatchingWords(document.description, folded);
  const offeringTitles = markMatchingTitles(document.offeringTitles, (title) => markMatchingWords(title, folded));
  return { ...(name ? { name } : {}), ...(description ? { description } : {}), ...(offeringTitles ? { offeringTitles } : {}) };
}
