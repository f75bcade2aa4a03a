import type { EmbeddedEngineName } from "../documents";

/**
 * Requests in search. Kept apart from the directory's organisation search: the same
 * engines (Meilisearch, with the embedded index, FTS5 or PostgreSQL's, answering when it cannot),
 * their own index and full-text table, fed through the same durable `search_outbox` with entity
 * "request".
 *
 * The engines only match text: they return the ids of matching requests, best first. Filters,
 * facet counts and pages are counted in SQL over those ids (see app/models/request.server.ts),
 * so every engine gives the same filters and counts by construction.
 */
export interface RequestDocument {
  id: number;
  title: string;
  description: string;
  buyerName: string;
  kind: string;
  cpvCode: string;
  /** Swedish and English labels of the CPV code. */
  cpvLabels: string[];
  items: string[];
  sites: string[];
  questions: string[];
}

export interface RequestTextSearch {
  readonly name: "meilisearch" | EmbeddedEngineName;
  /** Ids of requests (published or later, never drafts) whose text matches `q`, best match first. */
  matchingIds(q: string, limit: number): Promise<number[]>;
}

/** Outbox entity of a request change; the organisation sync worker leaves these rows alone. */
export const REQUEST_OUTBOX_ENTITY = "request";

/** Suffix of the requests index beside the live organisations index. */
export const REQUESTS_INDEX_SUFFIX = "_requests";

/** The text of a request as one searchable body (everything but the title). */
export function requestBody(document: RequestDocument): string {
  return [
    document.items.join("\n"),
    document.cpvLabels.join("\n"),
    document.buyerName,
    document.sites.join("\n"),
    document.description,
    document.questions.join("\n"),
  ].join("\n");
}

/** The words whose compound parts a request is also found by: all but the buyer's name and the sites, which are names. */
export function requestCompoundText(document: RequestDocument): string {
  return [document.title, document.items.join("\n"), document.cpvLabels.join("\n"), document.description, document.questions.join("\n")].join("\n");
}
