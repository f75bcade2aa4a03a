import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../db/client.server";
import type { Database } from "../db/schema";
import { buildOrganisationDocuments } from "./documents.server";
import type { OrganisationDocument, OrganisationSearchQuery, OrganisationSearchResult, SearchEngine } from "./documents";
import { ftsFields } from "./fts.server";
import { queryTerms, textWords } from "./highlight";
import { searchListedOrganisations } from "./listed-organisations.server";
import { synonymMap, synonymTerms } from "./synonyms";

/**
 * The embedded fallback on PostgreSQL, the same behaviour as FTS5 on SQLite: a weighted tsvector
 * per listed organisation (migration 2026_11_28_1100_postgres_search), diacritics folded with
 * `unaccent` on both sides, every term required as a prefix, synonyms OR-ed per term, delivery
 * sites (weight D) matched only by the term as typed. Unlike FTS5 it forgives typos: a term of
 * five letters or more that matches nothing is replaced by the indexed words most like it
 * (pg_trgm), as Meilisearch would.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;

  constructor(private readonly db: DB) {}

  async searchOrganisations(query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
    const match = await textQuery(this.db, organisationTable, query.q);
    return searchListedOrganisations(
      this.db,
      query,
      match && {
        // ts_rank's weights are {D, C, B, A}: 10 : 5 : 1 as FTS5's bm25 columns for name, offerings
        // and descriptions; D, the delivery sites and the compound parts, half a description, so
        // that whole words rank first (decision 017).
        ranked: sql<{ id: number; rank: number }>`(select organisation_id as id, -ts_rank('{0.05, 0.1, 0.5, 1.0}', document, ${match.tsquery}::tsquery) as rank
        from organisation_search where document @@ ${match.tsquery}::tsquery)`,
        highlightTerms: match.highlightTerms,
      },
    );
  }
}

/**
 * PostgreSQL's search tables: derived data, absent on SQLite, so `npm run db:copy-to-postgres`
 * does not copy them but fills them from the copied rows.
 */
export const postgresSearchTables: readonly string[] = ["organisation_search", "request_search"];

/** A search table of the migration: which words may be corrected, and where synonyms count. */
export interface SearchTable {
  table: "organisation_search" | "request_search";
  /** The text the trigram index covers (the expression of its index, so the index is used). */
  trigramText: RawBuilder<string>;
  /** The weights (columns) synonyms and corrections may match in; the term as typed matches in all. */
  synonymWeights: string;
}

const organisationTable: SearchTable = {
  table: "organisation_search",
  trigramText: sql`search_unaccent(name || ' ' || offerings || ' ' || description)`,
  synonymWeights: "ABC",
};

export const requestTable: SearchTable = {
  table: "request_search",
  trigramText: sql`search_unaccent(title || ' ' || body)`,
  synonymWeights: "",
};

const synonyms = synonymMap();

/** Terms shorter than this are never corrected, as in Meilisearch's settings (search/settings.ts). */
const MIN_TYPO_LENGTH = 5;
/** How alike a word must be to replace a term: pg_trgm's own default for strict word similarity. */
const MIN_SIMILARITY = 0.5;
/** At most this many words stand in for one mistyped term. */
const MAX_CORRECTIONS = 5;

export interface TextQuery {
  /** tsquery text as PostgreSQL printed it, so it always parses; bind it as `${tsquery}::tsquery`. */
  tsquery: string;
  highlightTerms: string[];
}

/**
 * The tsquery for a query's text, or null when it has no words. User input never becomes tsquery
 * syntax: each term is a bound parameter, split into lexemes by PostgreSQL's own parser, and every
 * lexeme is quoted before it is cast; the parts are joined from PostgreSQL's printed queries.
 */
export async function textQuery(db: DB, table: SearchTable, q: string): Promise<TextQuery | null> {
  const terms = queryTerms(q);
  if (terms.length === 0) return null;
  const perTerm = terms.map((term) =>
    [prefixQuery(term, ""), ...(synonyms.get(term) ?? []).map((synonym) => prefixQuery(synonym, table.synonymWeights))].reduce(
      (any, alternative) => sql`(${any} || ${alternative})`,
    ),
  );
  const found = sql`(select 1 from ${sql.table(table.table)} s where s.document @@ t.q)`;
  const { rows } = await sql<{ n: number; query: string; found: boolean }>`
    select t.n, t.q::text as query, exists ${found} as found
    from (values ${sql.join(perTerm.map((query, n) => sql`(${n}, ${query})`))}) as t (n, q)
    order by t.n`.execute(db);

  const highlightTerms = [...terms];
  const parts: string[] = [];
  for (const row of rows) {
    const term = terms[row.n];
    let query = row.query;
    if (!row.found && term.length >= MIN_TYPO_LENGTH) {
      const corrections = await similarWords(db, table, term);
      if (corrections.words.length) {
        query = corrections.query;
        highlightTerms.push(...corrections.words);
      }
    }
    // A term PostgreSQL finds no lexeme in (a word too long to index) asks for nothing.
    if (query) parts.push(`(${query})`);
  }
  if (parts.length === 0) return null;
  return { tsquery: parts.join(" & "), highlightTerms };
}

/** The lexemes of `word` as prefixes, restricted to `weights` ("" = all). */
function prefixQuery(word: string, weights: string): RawBuilder<unknown> {
  return sql`(select coalesce(string_agg(${quotedLexeme} || ':*' || ${weights}, ' & '), '')::tsquery
    from unnest(to_tsvector('simple', search_unaccent(${word}))))`;
}

/** The column `lexeme` in tsquery syntax: in quotes, with its quotes and backslashes escaped. */
const quotedLexeme = sql<string>`'''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || ''''`;

/**
 * Indexed words most like a term that matched nothing: candidate rows by the trigram index,
 * then their words (synonym columns only: a delivery site is matched only as typed) by similarity.
 */
async function similarWords(db: DB, table: SearchTable, term: string): Promise<{ words: string[]; query: string }> {
  const weights = table.synonymWeights ? table.synonymWeights.split("") : ["A", "B", "C", "D"];
  const { rows } = await sql<{ words: string[] | null; query: string }>`
    with candidate as (
      select distinct u.lexeme, similarity(u.lexeme, w.term) as similarity
      from (select search_unaccent(${term}) as term) w
      cross join ${sql.table(table.table)} s
      cross join lateral unnest(s.document) u
      where w.term <<% ${table.trigramText}
        and u.weights && ${weights}::text[]
        and similarity(u.lexeme, w.term) >= ${MIN_SIMILARITY}
      order by similarity desc, u.lexeme
      limit ${MAX_CORRECTIONS}
    )
    select array_agg(lexeme order by lexeme) as words,
      coalesce(string_agg(${quotedLexeme} || ${table.synonymWeights ? `:${table.synonymWeights}` : ""}, ' | '), '')::tsquery::text as query
    from candidate`.execute(db);
  return { words: rows[0]?.words ?? [], query: rows[0]?.query ?? "" };
}

/**
 * The PostgreSQL search row of one organisation, written in the transaction of the change (none
 * when unlisted). An upsert, not delete-then-insert: two transactions changing one organisation
 * at once (PostgreSQL has concurrent writers) would otherwise both insert, and one would fail.
 */
export async function writePostgresSearchRow(trx: Kysely<Database>, organisationId: number, document: OrganisationDocument | undefined): Promise<void> {
  if (!document) {
    await sql`delete from organisation_search where organisation_id = ${organisationId}`.execute(trx);
    return;
  }
  const fields = ftsFields(document);
  // The parts share weight D with the sites, which only the term as typed matches: their synonyms are stored with them.
  const partsWithSynonyms = [fields.parts, ...synonymTerms(fields.parts)].join(" ");
  await sql`insert into organisation_search (organisation_id, name, offerings, description, sites, parts)
    values (${organisationId}, ${searchWords(fields.name)}, ${searchWords(fields.offerings)}, ${searchWords(fields.description)}, ${searchWords(fields.sites)}, ${searchWords(partsWithSynonyms)})
    on conflict (organisation_id) do update
    set name = excluded.name, offerings = excluded.offerings, description = excluded.description, sites = excluded.sites, parts = excluded.parts`.execute(trx);
}

/** The PostgreSQL search rows of these organisations, in the caller's transaction. */
export async function writePostgresSearchRows(db: Kysely<Database>, ids: number[]): Promise<void> {
  const documents = new Map((await buildOrganisationDocuments(db, ids)).map((d) => [d.id, d]));
  for (const id of ids) await writePostgresSearchRow(db, id, documents.get(id));
}

/**
 * The words of a text as the query tokeniser splits them, one space apart. PostgreSQL's parser
 * would read "<script>" as a tag and "lund.se" as a host name and leave their words unindexed;
 * given only words, it indexes what FTS5 and the highlighter see.
 */
export function searchWords(text: string): string {
  return textWords(text).join(" ");
}
