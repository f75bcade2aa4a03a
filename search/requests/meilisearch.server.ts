import { createHash } from "node:crypto";
import type { Meilisearch, Settings } from "meilisearch";
import type { DB } from "../../db/client.server";
import { compoundLexicon } from "../../app/domain/compound-words";
import { compoundTerms } from "../compounds";
import { foldDiacritics } from "../highlight";
import { createMeiliClient, describeMeiliError, isMeiliNotFound, type MeiliConnection, taskSucceeded } from "../meilisearch.server";
import { ORGANISATIONS_INDEX } from "../settings";
import { buildRequestDocuments } from "./documents.server";
import { REQUEST_OUTBOX_ENTITY, REQUESTS_INDEX_SUFFIX, requestBody, requestCompoundText, type RequestDocument, type RequestTextSearch } from "./documents";
import { claimOutboxRows } from "../outbox-claims.server";
import { storedTime } from "../../db/timestamps";

export const requestIndexSettings = {
  // Parts of compound words last, so that whole words rank first (decision 017).
  searchableAttributes: [
    "title",
    "titleFolded",
    "items",
    "cpvLabels",
    "description",
    "buyerName",
    "sites",
    "questions",
    "textFolded",
    "compoundParts",
    "compoundPartsFolded",
  ],
  filterableAttributes: ["kind"],
  rankingRules: ["words", "typo", "proximity", "attribute", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["swe"] }],
  pagination: { maxTotalHits: 100_000 },
} satisfies Settings;

// The compound words' list shapes the documents, so a change to it rebuilds the index too.
const settingsVersion = () =>
  createHash("sha256")
    .update(JSON.stringify({ v: 2, requestIndexSettings, compoundWords: compoundLexicon() }))
    .digest("hex")
    .slice(0, 16);

/** The requests index that sits beside an organisations index. */
export function requestIndexUid(organisationsIndexUid: string = ORGANISATIONS_INDEX): string {
  return `${organisationsIndexUid}${REQUESTS_INDEX_SUFFIX}`;
}

/**
 * As stored: with folded copies of the text, so "sallad" typed as "salad" or "Lunds" as "lunds"
 * still finds it, and the compound parts of its words ("Lunchsallader" → "sallader").
 */
export function toMeiliRequestDocument(document: RequestDocument) {
  const compoundParts = compoundTerms(requestCompoundText(document));
  return {
    ...document,
    titleFolded: foldDiacritics(document.title),
    textFolded: foldDiacritics(requestBody(document)),
    compoundParts,
    compoundPartsFolded: [...new Set(compoundParts.map(foldDiacritics))],
  };
}

export class MeiliRequestSearch implements RequestTextSearch {
  readonly name = "meilisearch" as const;
  private readonly client: Meilisearch;
  readonly indexUid: string;

  constructor(connection: MeiliConnection) {
    this.client = createMeiliClient(connection);
    this.indexUid = requestIndexUid(connection.indexUid);
  }

  async matchingIds(q: string, limit: number): Promise<number[]> {
    if (!q.trim()) return [];
    const result = await this.client.index(this.indexUid).search(q.trim(), { limit, attributesToRetrieve: ["id"] });
    return result.hits.map((hit) => Number(hit.id)).filter(Number.isSafeInteger);
  }
}

/**
 * Makes the requests index exist with the current settings; builds it from the database when it
 * is new or its settings changed. The settings' fingerprint is kept in a document of its own.
 */
export async function ensureRequestIndex({
  db,
  client,
  indexUid,
  timeoutMs = 120_000,
}: {
  db: DB;
  client: Meilisearch;
  indexUid: string;
  timeoutMs?: number;
}): Promise<boolean> {
  const index = client.index(indexUid);
  let exists = true;
  let current = false;
  try {
    await index.getStats();
    const marker = await index.getDocument("settings").catch((error) => {
      if (isMeiliNotFound(error)) return null;
      throw error;
    });
    current = (marker as { version?: string } | null)?.version === settingsVersion();
  } catch (error) {
    if (!isMeiliNotFound(error)) throw error;
    exists = false;
  }
  if (current) return false;
  if (exists) await taskSucceeded(client, client.deleteIndex(indexUid), timeoutMs);
  await taskSucceeded(client, client.createIndex(indexUid, { primaryKey: "id" }), timeoutMs);
  await taskSucceeded(client, index.updateSettings(requestIndexSettings), timeoutMs);
  const ids = (await db.selectFrom("request").select("id").where("status", "!=", "draft").orderBy("id").execute()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const documents = await buildRequestDocuments(db, ids.slice(i, i + 500));
    if (documents.length) await taskSucceeded(client, index.addDocuments(documents.map(toMeiliRequestDocument)), timeoutMs);
  }
  await taskSucceeded(client, index.addDocuments([{ id: "settings", version: settingsVersion() }]), timeoutMs);
  return true;
}

/**
 * One round of the request sync: pushes the current documents of requests with outbox rows (and
 * removes drafts and deleted ones), then deletes exactly the rows it took (`claimOutboxRows`).
 * Failures hand the rows back for a later round, with backoff. No network call happens inside a transaction.
 */
export async function drainRequestOutbox({
  db,
  client,
  indexUid,
  batchSize = 500,
  leaseMs,
}: {
  db: DB;
  client: Meilisearch;
  indexUid: string;
  batchSize?: number;
  leaseMs?: number;
}): Promise<number> {
  const now = Date.now();
  const rows = await claimOutboxRows({ db, entity: REQUEST_OUTBOX_ENTITY, now, limit: batchSize, leaseMs });
  if (rows.length === 0) return 0;
  const ids = [...new Set(rows.map((r) => Number(r.entity_id)).filter(Number.isSafeInteger))];
  try {
    const documents = await buildRequestDocuments(db, ids);
    const listed = new Set(documents.map((d) => d.id));
    const unlisted = ids.filter((id) => !listed.has(id));
    const index = client.index(indexUid);
    if (documents.length) await taskSucceeded(client, index.addDocuments(documents.map(toMeiliRequestDocument)));
    if (unlisted.length) await taskSucceeded(client, index.deleteDocuments(unlisted));
  } catch (error) {
    const message = describeMeiliError(error).slice(0, 500);
    for (const row of rows) {
      await db
        .updateTable("search_outbox")
        .set({
          attempts: row.attempts + 1,
          next_attempt_at: storedTime(now + Math.min(300_000, 1_000 * 2 ** row.attempts)),
          last_error: message,
          lease_until: null,
        })
        .where("id", "=", row.id)
        .execute();
    }
    throw error;
  }
  await db
    .deleteFrom("search_outbox")
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.length;
}

export interface RequestSearchSync {
  stop(): Promise<void>;
}

/**
 * Keeps the requests index in step beside the organisation sync: with Meilisearch configured
 * (MEILI_HOST, set by the search runtime), builds the index if needed and drains request rows of
 * the outbox; without it, drops them (FTS5 is already current), and the index is rebuilt when
 * Meilisearch is next used since its settings marker is then checked again.
 */
export function startRequestSearchSync({
  db,
  connection,
  log = console,
  intervalMs = 1_000,
  leaseMs,
}: {
  db: DB;
  connection: MeiliConnection | null;
  log?: Pick<Console, "info" | "warn">;
  intervalMs?: number;
  /** How long a round holds the rows it took (`claimOutboxRows`). */
  leaseMs?: number;
}): RequestSearchSync {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let ready = false;
  let failing = false;
  let round: Promise<void> = Promise.resolve();
  const client = connection ? createMeiliClient(connection, 30_000) : null;
  const indexUid = requestIndexUid(connection?.indexUid);
  const tick = async () => {
    try {
      if (!client) {
        await db.deleteFrom("search_outbox").where("entity", "=", REQUEST_OUTBOX_ENTITY).execute();
        return;
      }
      if (!ready) {
        // Rows already waiting are covered by a rebuild, so they go before it starts.
        const pendingBefore = await db
          .selectFrom("search_outbox")
          .select((eb) => eb.fn.max("id").as("id"))
          .where("entity", "=", REQUEST_OUTBOX_ENTITY)
          .executeTakeFirst();
        if (await ensureRequestIndex({ db, client, indexUid })) {
          await db
            .deleteFrom("search_outbox")
            .where("entity", "=", REQUEST_OUTBOX_ENTITY)
            .where("id", "<=", Number(pendingBefore?.id ?? 0))
            .execute();
          log.info("Search: built the requests index.");
        }
        ready = true;
      }
      await drainRequestOutbox({ db, client, indexUid, leaseMs });
      if (failing) log.info("Search: request sync works again.");
      failing = false;
    } catch (error) {
      if (!failing) log.warn(`Search: request sync failed (${describeMeiliError(error).split("\n")[0]}); retrying.`);
      failing = true;
    }
  };
  const loop = () => {
    if (stopped) return;
    round = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, client ? intervalMs : 60_000);
    });
  };
  loop();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
