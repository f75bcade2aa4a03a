import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "../db/client.server";
import type { Database } from "../db/schema";
import { RESERVED_CONTRACT_THRESHOLD } from "../app/domain/organisation";
import { buildOrganisationDocuments } from "./documents.server";
import type {
  OrganisationDocument,
  FacetCounts,
  OrganisationFacets,
  OrganisationSearchQuery,
  OrganisationSearchResult,
  SearchEngine,
} from "./documents";
import { synonymMap } from "./synonyms";
import { foldDiacritics, markMatchingTitles, markMatchingWords, queryTerms } from "./highlight";

type FacetName = keyof OrganisationFacets;
type OrgQuery = SelectQueryBuilder<Database, "organisation", {}>;

const synonyms = synonymMap();

/**
 * The embedded fallback: SQLite FTS5 with diacritics folded (so "fontanhuset" finds Fontänhuset),
 * prefix matching for search-as-you-type, and synonyms expanded in the query. It has no typo
 * tolerance; Meilisearch adds that.
 */
export class FtsSearchEngine implements SearchEngine {
  readonly name = "fts5" as const;

  constructor(private readonly db: DB) {}

  async searchOrganisations(query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
    const match = ftsMatchExpression(query.q, organisationColumns);
    if (query.q.trim() && !match) return emptyResult(query);
    const filtered = (except?: FacetName) => this.filteredOrganisations(query, match, except);

    const total = Number(
      (await filtered().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0,
    );
    let page = filtered().select("organisation.id");
    page = match
      ? page
          .innerJoin(sql<{ rowid: number; rank: number }>`(select rowid, bm25(organisation_fts, 10.0, 5.0, 1.0, 1.0) as rank from organisation_fts where organisation_fts match ${match})`.as("m"), "m.rowid", "organisation.id")
          .orderBy(sql`m.rank`)
          .orderBy("organisation.name")
      : page.orderBy("organisation.name");
    const ids = (await page.limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute()).map((r) => r.id);
    const documents = await buildOrganisationDocuments(this.db, ids);
    const terms = queryTerms(query.q);
    return {
      hits: documents.map((document) => ({
        document,
        highlighted: terms.length ? highlightFields(document, terms) : undefined,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
      facets: await this.facets(filtered),
    };
  }

  /** Listed organisations matching the text and every filter except the one named. */
  private filteredOrganisations(query: OrganisationSearchQuery, match: string | null, except?: FacetName): OrgQuery {
    let q = this.db.selectFrom("organisation").where("organisation.status", "=", "active");
    if (match) {
      q = q.where("organisation.id", "in", sql<number>`(select rowid from organisation_fts where organisation_fts match ${match})`);
    }
    if (except !== "kind" && query.kind.length) q = q.where("organisation.kind", "in", query.kind as never[]);
    if (except !== "serviceArea" && query.serviceArea.length) {
      q = q.where("organisation.id", "in", (eb) =>
        eb.selectFrom("organisation_service_area").select("organisation_id").where("area", "in", query.serviceArea),
      );
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
  private async facets(filtered: (except?: FacetName) => OrgQuery): Promise<OrganisationFacets> {
    const toCounts = (rows: { value: string | null; n: number }[]): FacetCounts =>
      Object.fromEntries(rows.filter((r) => r.value !== null).map((r) => [String(r.value), Number(r.n)]));
    const ids = (except: FacetName) => filtered(except).select("organisation.id");

    const [kind, serviceArea, cpvCategory, reserved] = await Promise.all([
      filtered("kind")
        .select(["organisation.kind as value", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("organisation.kind")
        .execute(),
      this.db
        .selectFrom("organisation_service_area")
        .where("organisation_id", "in", ids("serviceArea"))
        .select(["area as value", (eb) => eb.fn.count<number>("organisation_id").distinct().as("n")])
        .groupBy("area")
        .execute(),
      this.db
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

/**
 * Every term must match (as a prefix, so typing "fontä" already finds Fontänhuset); a term with
 * synonyms matches any of them. Terms are quoted so FTS5 syntax in user input is inert.
 *
 * With `columns`, synonyms are matched only in `columns.withSynonyms`, and `columns.literal` only
 * by the term as typed: a delivery site is a name, and "städning" (whose synonyms include "städ",
 * folded to "stad") must not find everyone delivering to "Stadshuset".
 */
export function ftsMatchExpression(q: string, columns?: { withSynonyms: string[]; literal: string[] }): string | null {
  const terms = queryTerms(q);
  if (terms.length === 0) return null;
  const quoted = (t: string) => `"${t.replace(/"/g, "")}"*`;
  return terms
    .map((term) => {
      const alternatives = [term, ...(synonyms.get(term) ?? [])].map(quoted);
      const any = alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" OR ")})`;
      if (!columns) return any;
      return `({${columns.withSynonyms.join(" ")}} : ${any} OR {${columns.literal.join(" ")}} : ${quoted(term)})`;
    })
    .join(" AND ");
}

/** The organisation index's columns: synonyms apply to all but the delivery sites. */
const organisationColumns = { withSynonyms: ["name", "offerings", "description"], literal: ["sites"] };

function highlightFields(document: { name: string; description: string; offeringTitles: string[] }, terms: string[]) {
  const folded = terms.map(foldDiacritics);
  const name = markMatchingWords(document.name, folded);
  const description = markMatchingWords(document.description, folded);
  const offeringTitles = markMatchingTitles(document.offeringTitles, (title) => markMatchingWords(title, folded));
  return { ...(name ? { name } : {}), ...(description ? { description } : {}), ...(offeringTitles ? { offeringTitles } : {}) };
}

/** The FTS5 row of one organisation, written in the transaction of the change (none when unlisted). */
export async function writeFtsRow(
  trx: Kysely<Database>,
  organisationId: number,
  document: OrganisationDocument | undefined,
): Promise<void> {
  await sql`delete from organisation_fts where rowid = ${organisationId}`.execute(trx);
  if (!document) return;
  const fields = ftsFields(document);
  await sql`insert into organisation_fts (rowid, name, offerings, description, sites)
    values (${organisationId}, ${fields.name}, ${fields.offerings}, ${fields.description}, ${fields.sites})`.execute(trx);
}

/**
 * Four columns, weighted in that order: name, then offering titles and CPV labels, then the
 * descriptions and target groups, and the delivery sites.
 */
export function ftsFields(document: OrganisationDocument): { name: string; offerings: string; description: string; sites: string } {
  return {
    name: document.name,
    offerings: [...document.offeringTitles, ...document.cpvLabels].join("\n"),
    description: [document.description, ...document.offeringDescriptions, ...document.targetGroups].join("\n"),
    sites: document.deliverySites.join("\n"),
  };
}

/** Rebuilds the FTS5 rows of the given organisations (all of them if omitted), a thousand per transaction. */
export async function rebuildFts(db: DB, ids?: number[]): Promise<void> {
  const all = ids ?? (await db.selectFrom("organisation").select("id").orderBy("id").execute()).map((r) => r.id);
  if (!ids) await sql`delete from organisation_fts`.execute(db);
  for (let start = 0; start < all.length; start += 1_000) {
    await db.transaction().execute((trx) => writeFtsRows(trx as unknown as DB, all.slice(start, start + 1_000)));
  }
}

/** The FTS5 rows of these organisations, in the caller's transaction. */
export async function writeFtsRows(db: DB, ids: number[]): Promise<void> {
  const documents = new Map((await buildOrganisationDocuments(db, ids)).map((d) => [d.id, d]));
  for (const id of ids) await writeFtsRow(db, id, documents.get(id));
}

/**
 * Fills the FTS5 table when it lacks rows, as after a migration that made it anew: one row per
 * listed organisation. Run once the migrations are done, before the site serves.
 */
export async function ensureFtsRows(db: DB): Promise<boolean> {
  const rows = await sql<{ n: number }>`select count(*) as n from organisation_fts`.execute(db);
  const listed = await db.selectFrom("organisation").where("status", "=", "active").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  if (Number(rows.rows[0]?.n ?? 0) === Number(listed?.n ?? 0)) return false;
  await rebuildFts(db);
  return true;
}
