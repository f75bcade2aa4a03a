import { type Kysely, sql } from "kysely";
import type { DB } from "../db/client.server";
import type { Database } from "../db/schema";
import { buildOrganisationDocuments } from "./documents.server";
import type { OrganisationDocument, OrganisationSearchQuery, OrganisationSearchResult, SearchEngine } from "./documents";
import { compoundPartsOf } from "../app/domain/compound-words";
import { synonymMap } from "./synonyms";
import { queryTerms } from "./highlight";
import { searchListedOrganisations } from "./listed-organisations.server";

const synonyms = synonymMap();

/**
 * The embedded fallback on SQLite: FTS5 with diacritics folded (so "fontanhuset" finds Fontänhuset),
 * prefix matching for search-as-you-type, and synonyms expanded in the query. It has no typo
 * tolerance; Meilisearch adds that.
 */
export class FtsSearchEngine implements SearchEngine {
  readonly name = "fts5" as const;

  constructor(private readonly db: DB) {}

  async searchOrganisations(query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
    const match = ftsMatchExpression(query.q, organisationColumns);
    // Compound parts weigh least, so that whole words rank first (decision 017).
    const ranked = sql<{
      id: number;
      rank: number;
    }>`(select rowid as id, bm25(organisation_fts, 10.0, 5.0, 1.0, 1.0, 0.2) as rank from organisation_fts where organisation_fts match ${match})`;
    return searchListedOrganisations(this.db, query, match ? { ranked, highlightTerms: queryTerms(query.q) } : null);
  }
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
const organisationColumns = { withSynonyms: ["name", "offerings", "description", "parts"], literal: ["sites"] };

/** The FTS5 row of one organisation, written in the transaction of the change (none when unlisted). */
export async function writeFtsRow(trx: Kysely<Database>, organisationId: number, document: OrganisationDocument | undefined): Promise<void> {
  await sql`delete from organisation_fts where rowid = ${organisationId}`.execute(trx);
  if (!document) return;
  const fields = ftsFields(document);
  await sql`insert into organisation_fts (rowid, name, offerings, description, sites, parts)
    values (${organisationId}, ${fields.name}, ${fields.offerings}, ${fields.description}, ${fields.sites}, ${fields.parts})`.execute(trx);
}

/**
 * Five columns, weighted in that order: name, then offering titles and CPV labels, then the
 * descriptions and target groups, the delivery sites, and the compound parts of the words of all
 * but the sites. The parts go without their synonyms: FTS5 adds those to the query, and in a
 * column so short they would outweigh a whole word elsewhere.
 */
export function ftsFields(document: OrganisationDocument): { name: string; offerings: string; description: string; sites: string; parts: string } {
  const fields = {
    name: document.name,
    offerings: [...document.offeringTitles, ...document.cpvLabels].join("\n"),
    description: [document.description, ...document.offeringDescriptions, ...document.targetGroups].join("\n"),
    sites: document.deliverySites.join("\n"),
  };
  return { ...fields, parts: compoundPartsOf([fields.name, fields.offerings, fields.description].join("\n")).join(" ") };
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
  const listed = await db
    .selectFrom("organisation")
    .where("status", "=", "active")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  if (Number(rows.rows[0]?.n ?? 0) === Number(listed?.n ?? 0)) return false;
  await rebuildFts(db);
  return true;
}
