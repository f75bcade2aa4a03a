import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { type EnqueuedTask, Meilisearch, MeilisearchApiError, type SearchParams, type Task } from "meilisearch";
import type { FacetCounts, OrganisationFacets, OrganisationHit, OrganisationSearchQuery, OrganisationSearchResult, SearchEngine } from "./documents";
import { documentAttributes, facetAttributes, fromMeiliDocument, ORGANISATIONS_INDEX, organisationIndexSettings } from "./settings";
import { escapeHtml, foldDiacritics, markMatchingTitles, markMatchingWords, queryTerms } from "./highlight";
import { compoundLexicon } from "../app/domain/compound-words";
import { synonymGroups } from "./synonyms";

type FacetName = keyof OrganisationFacets;
const facetNames = Object.keys(facetAttributes) as FacetName[];

/**
 * Bump when `toMeiliDocument` changes shape, so the next start rebuilds the index just as a change
 * of the settings does.
 */
const DOCUMENT_VERSION = 2;

/**
 * Fingerprint of what an index built by this code looks like: synonyms and compound parts go into
 * the documents, so their word lists count as settings.
 */
export function settingsHash(): string {
  return createHash("sha256")
    .update(JSON.stringify({ DOCUMENT_VERSION, settings: organisationIndexSettings, synonymGroups, compoundWords: compoundLexicon() }))
    .digest("hex")
    .slice(0, 16);
}

export interface MeiliConnection {
  host: string;
  apiKey?: string;
  /** Live index uid; tests give every file its own. */
  indexUid?: string;
}

export function createMeiliClient({ host, apiKey }: MeiliConnection, timeoutMs = 5_000): Meilisearch {
  return new Meilisearch({ host, apiKey, timeout: timeoutMs, httpClient: nodeHttpClient() });
}

/**
 * The client's default transport, Node's fetch (undici), stalls ~40 ms on most requests over a
 * reused connection to Meilisearch (measured: p50 45 ms against 1 ms with node:http for the same
 * search; a delayed-ACK interplay). node:http with a keep-alive agent sends each request in one
 * write and does not. The client hands a custom transport's result back as is, so API errors are
 * raised here, shaped as the client raises them (`cause.code`), and timeouts reject with the
 * abort reason the client recognises.
 */
function nodeHttpClient(): (input: RequestInfo | URL, init?: RequestInit) => Promise<unknown> {
  const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };
  return (input, init) =>
    new Promise((resolve, reject) => {
      const url = new URL(String(input));
      const body = init?.body;
      if (body !== undefined && body !== null && typeof body !== "string") {
        reject(new Error("Only string bodies are supported"));
        return;
      }
      const headers: Record<string, string> = Object.fromEntries(new Headers(init?.headers).entries());
      if (body) headers["content-length"] = String(Buffer.byteLength(body));
      const transport = url.protocol === "https:" ? https : http;
      const request = transport.request(url, { method: init?.method ?? "GET", headers, agent: agents[url.protocol as "http:" | "https:"] }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = text === "" ? undefined : JSON.parse(text);
          } catch (error) {
            reject(error);
            return;
          }
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(parsed);
            return;
          }
          const apiError = new MeilisearchApiError(
            new Response(text, { status, statusText: response.statusMessage }),
            parsed as ConstructorParameters<typeof MeilisearchApiError>[1],
          );
          reject(Object.assign(apiError, { code: (parsed as { code?: string } | undefined)?.code }));
        });
      });
      const signal = init?.signal;
      if (signal) {
        const abort = () => {
          request.destroy();
          reject(signal.reason);
        };
        if (signal.aborted) abort();
        else signal.addEventListener("abort", abort, { once: true });
        request.on("close", () => signal.removeEventListener("abort", abort));
      }
      request.on("error", reject);
      request.end(body ?? undefined);
    });
}

/** The client wraps what a custom transport throws; this is the Meilisearch error inside, if any. */
export function meiliApiError(error: unknown): MeilisearchApiError | null {
  if (error instanceof MeilisearchApiError) return error;
  if (error instanceof Error && error.cause instanceof MeilisearchApiError) return error.cause;
  return null;
}

/** A readable one-line description of a Meilisearch failure. */
export function describeMeiliError(error: unknown): string {
  const api = meiliApiError(error);
  if (api) return api.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** The connection the app is configured with (set by the search runtime or the operator). */
export function meiliConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): MeiliConnection | null {
  if (!env.MEILI_HOST) return null;
  return { host: env.MEILI_HOST, apiKey: env.MEILI_MASTER_KEY, indexUid: env.MEILI_INDEX || ORGANISATIONS_INDEX };
}

/**
 * Waits for a Meilisearch task and throws unless it succeeded. Polls itself, quickly at first and
 * then less often, rather than through `waitTask`, whose shared abort signal gains a listener per
 * poll (a MaxListenersExceededWarning on any task that runs for more than a moment).
 */
export async function taskSucceeded(client: Meilisearch, enqueued: Promise<EnqueuedTask>, timeoutMs = 120_000): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + timeoutMs;
  for (let interval = 10; ; interval = Math.min(interval * 2, 250)) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status === "succeeded") return task;
    if (task.status !== "enqueued" && task.status !== "processing") {
      throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no error given"}`);
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} did not finish within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export function isMeiliNotFound(error: unknown): boolean {
  const code = meiliApiError(error)?.cause?.code;
  return code === "index_not_found" || code === "document_not_found";
}

/** Index state the app keeps in Meilisearch itself, so it travels with Meilisearch's data. */
const META_INDEX = "app_meta";

export interface IndexState {
  id: string;
  settingsHash: string;
  builtAt: string;
}

export async function readIndexState(client: Meilisearch, indexUid: string): Promise<IndexState | null> {
  try {
    return (await client.index<IndexState>(META_INDEX).getDocument(indexUid)) as IndexState;
  } catch (error) {
    if (isMeiliNotFound(error)) return null;
    throw error;
  }
}

export async function writeIndexState(client: Meilisearch, indexUid: string): Promise<void> {
  const state: IndexState = { id: indexUid, settingsHash: settingsHash(), builtAt: new Date().toISOString() };
  await taskSucceeded(client, client.index<IndexState>(META_INDEX).addDocuments([state], { primaryKey: "id" }));
}

// Private-use characters mark matches; the text around them is HTML-escaped, then they become
// <mark> tags, so nothing from user content reaches the page as markup.
const PRE = "\uE000";
const POST = "\uE001";

export class MeiliSearchEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  readonly indexUid: string;
  private readonly client: Meilisearch;

  constructor(connection: MeiliConnection) {
    this.client = createMeiliClient(connection);
    this.indexUid = connection.indexUid ?? ORGANISATIONS_INDEX;
  }

  async searchOrganisations(query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
    const q = query.q.trim();
    const main: SearchParams & { indexUid: string } = {
      indexUid: this.indexUid,
      q,
      filter: filterFor(query),
      facets: facetNames.map((f) => facetAttributes[f]),
      page: query.page,
      hitsPerPage: query.pageSize,
      attributesToRetrieve: documentAttributes,
      attributesToHighlight: q ? ["name", "description", "offeringTitles"] : [],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      ...(q ? {} : { sort: ["name:asc"] }),
    };
    // Disjunctive facets: a facet with a selection is counted by a query without its own filter.
    const selected = facetNames.filter((f) => isSelected(query, f));
    const facetQueries = selected.map((f) => ({
      indexUid: this.indexUid,
      q,
      filter: filterFor(query, f),
      facets: [facetAttributes[f]],
      limit: 0,
    }));
    const { results } = await this.client.multiSearch({ queries: [main, ...facetQueries] });
    const [page, ...facetResults] = results;

    const facets = {} as OrganisationFacets;
    for (const f of facetNames) {
      const source = selected.includes(f) ? facetResults[selected.indexOf(f)] : page;
      facets[f] = facetCounts(f, source.facetDistribution?.[facetAttributes[f]] ?? {});
    }
    const terms = queryTerms(q)
      .map(foldDiacritics)
      .filter((t) => t.length > 1);
    return {
      hits: page.hits.map((hit): OrganisationHit => {
        const document = fromMeiliDocument(hit);
        if (!q) return { document };
        const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
        const highlighted: OrganisationHit["highlighted"] = {};
        for (const field of ["name", "description"] as const) {
          const html = highlightHtml(String(formatted[field] ?? document[field]), document[field], terms);
          if (html) highlighted[field] = html;
        }
        const formattedTitles = Array.isArray(formatted.offeringTitles) ? (formatted.offeringTitles as unknown[]) : [];
        const titles = markMatchingTitles(document.offeringTitles, (title, i) => highlightHtml(String(formattedTitles[i] ?? title), title, terms));
        if (titles) highlighted.offeringTitles = titles;
        return { document, highlighted };
      }),
      total: page.totalHits ?? page.estimatedTotalHits ?? 0,
      page: query.page,
      pageSize: query.pageSize,
      facets,
    };
  }

  /** For /healthz and the circuit breaker's probe: /health, waiting at most `timeoutMs`. */
  async ping(timeoutMs = 5_000): Promise<{ status: "ok" } | { status: "unreachable"; error: string }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.client.health(), late]);
      return { status: "ok" };
    } catch (error) {
      return { status: "unreachable", error: describeMeiliError(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function isSelected(query: OrganisationSearchQuery, facet: FacetName): boolean {
  return facet === "reservedEligible" ? query.reservedEligible : query[facet].length > 0;
}

/** Filter expressions (all must hold) for the query, leaving out one facet's own selection. */
export function filterFor(query: OrganisationSearchQuery, except?: FacetName): string[] {
  const filters: string[] = [];
  for (const facet of ["kind", "cpvCategory", "serviceArea"] as const) {
    if (facet !== except && query[facet].length) {
      filters.push(`${facetAttributes[facet]} IN [${query[facet].map(quoteFilterValue).join(", ")}]`);
    }
  }
  if (except !== "reservedEligible" && query.reservedEligible) filters.push(`${facetAttributes.reservedEligible} = true`);
  return filters;
}

function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function facetCounts(facet: FacetName, distribution: Record<string, number>): FacetCounts {
  // The reserved-contracts facet is a switch: only how many would remain when it is on counts.
  if (facet === "reservedEligible") return distribution.true ? { true: distribution.true } : {};
  return { ...distribution };
}

/**
 * The field as HTML with Meilisearch's matches in <mark>. Where Meilisearch marked nothing in the
 * field (the document matched through its folded copy, e.g. "bjorka" → Björkå), words that start
 * with a query word once diacritics are folded are marked instead. Undefined when nothing matched.
 */
export function highlightHtml(formatted: string, original: string, terms: string[]): string | undefined {
  // Text that itself holds the tag characters cannot be told apart from Meilisearch's marks.
  if (formatted.includes(PRE) && !original.includes(PRE) && !original.includes(POST)) {
    return escapeHtml(formatted).replaceAll(PRE, "<mark>").replaceAll(POST, "</mark>");
  }
  return markMatchingWords(original, terms);
}
