import { db } from "../db/client.server";
import { databaseWritability } from "../db/write-failures";
import type { DB } from "../db/client.server";
import type { EmbeddedEngineName, Logger, OrganisationSearchQuery, OrganisationSearchResult, SearchEngine } from "./documents";
import { embeddedEngineDescription, embeddedSearchEngine } from "./embedded-index.server";
import { describeMeiliError, meiliConnectionFromEnv, MeiliSearchEngine } from "./meilisearch.server";
import { outboxBacklog } from "./outbox-worker.server";

/**
 * Which engine searches, what happens when it cannot, and what /healthz says about it: one module.
 *
 * The engine of this process: Meilisearch when MEILI_HOST is set (key in MEILI_MASTER_KEY; the
 * search runtime sets both when it starts the bundled binary), behind a circuit breaker with the
 * embedded index as its stand-in (FTS5 on SQLite, tsvector tables on PostgreSQL); otherwise the
 * embedded index alone, announced once in the log.
 */
let engine: SearchEngine | undefined;

export function searchEngine(): SearchEngine {
  if (!engine) {
    const connection = meiliConnectionFromEnv();
    if (connection) {
      engine = new FallbackSearchEngine(new MeiliSearchEngine(connection), embeddedSearchEngine(db()));
    } else {
      engine = embeddedSearchEngine(db());
      console.info(`Search: no Meilisearch configured (MEILI_HOST unset); using the embedded ${embeddedEngineDescription(db())} fallback.`);
    }
  }
  return engine;
}

/** Lets tests choose the engine explicitly. */
export function useSearchEngine(instance: SearchEngine | undefined): void {
  engine = instance;
}

/** A primary engine the breaker can probe without running a search. */
export interface ProbedSearchEngine extends SearchEngine {
  readonly indexUid: string;
  ping(timeoutMs?: number): Promise<{ status: "ok" } | { status: "unreachable"; error: string }>;
}

export interface BreakerOptions {
  /** A primary answer slower than this is not waited for: the fallback answers and the breaker opens. */
  slowMs?: number;
  /** While open, the primary is probed in the background this often; the first good probe closes it. */
  probeIntervalMs?: number;
  /** Schedules the probes; tests pass their own. */
  setTimer?: (callback: () => void, ms: number) => { cancel(): void };
}

const defaultTimer: NonNullable<BreakerOptions["setTimer"]> = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

/**
 * Meilisearch first, behind a circuit breaker. When it fails or is slower than `slowMs`, the FTS5
 * index (which every write keeps current in its own transaction) answers at once, and the breaker
 * opens: every search goes to FTS5 without waiting on Meilisearch, while a background probe asks
 * Meilisearch's /health; the first good answer closes the breaker. A hung server (SIGSTOP, a
 * stalled disk) therefore costs one request `slowMs`, not every request the client's timeout.
 * Each change of state is logged once.
 */
export class FallbackSearchEngine implements SearchEngine {
  readonly name: SearchEngine["name"];
  private open = false;
  private probe: { cancel(): void } | undefined;
  private readonly slowMs: number;
  private readonly probeIntervalMs: number;
  private readonly setTimer: NonNullable<BreakerOptions["setTimer"]>;

  constructor(
    readonly primary: ProbedSearchEngine,
    private readonly fallback: SearchEngine,
    private readonly log: Logger = console,
    options: BreakerOptions = {},
  ) {
    this.name = primary.name;
    this.slowMs = options.slowMs ?? Number(process.env.SEARCH_SLOW_MS ?? 1_000);
    this.probeIntervalMs = options.probeIntervalMs ?? 1_000;
    this.setTimer = options.setTimer ?? defaultTimer;
  }

  get indexUid(): string {
    return this.primary.indexUid;
  }

  /** "open": searches go to the fallback without asking the primary. */
  get state(): "closed" | "open" {
    return this.open ? "open" : "closed";
  }

  async searchOrganisations(query: OrganisationSearchQuery): Promise<OrganisationSearchResult> {
    if (this.open) return this.fallback.searchOrganisations(query);
    const primary = this.primary.searchOrganisations(query);
    let timer: NodeJS.Timeout | undefined;
    // After the timer, one turn of the event loop: an answer that arrived while the process was
    // busy (its socket readable, not yet read) still counts; only a missing one trips the breaker.
    const slow = new Promise<"slow">((resolve) => {
      timer = setTimeout(() => setImmediate(() => resolve("slow")), this.slowMs);
    });
    try {
      const result = await Promise.race([primary, slow]);
      if (result !== "slow") return result;
      primary.catch(() => {}); // its late failure is not this request's concern
      this.trip(`no answer within ${this.slowMs} ms`);
    } catch (error) {
      this.trip(error instanceof Error ? describeMeiliError(error).split("\n")[0] : String(error));
    } finally {
      clearTimeout(timer);
    }
    return this.fallback.searchOrganisations(query);
  }

  /** Reports the primary's health without waiting longer than the breaker would. */
  async ping(_timeoutMs?: number): Promise<{ status: "ok" } | { status: "unreachable"; error: string }> {
    if (this.open) return { status: "unreachable", error: "circuit open: answering from the fallback" };
    return this.primary.ping(this.slowMs);
  }

  private trip(reason: string): void {
    if (this.open) return;
    this.open = true;
    this.log.warn(`Search: ${this.primary.name} did not answer (${reason}); answering from ${this.fallback.name} until it does.`);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    this.probe = this.setTimer(() => {
      void this.primary.ping(this.slowMs).then((ping) => {
        if (!this.open) return;
        if (ping.status !== "ok") return this.scheduleProbe();
        this.open = false;
        this.probe = undefined;
        this.log.info(`Search: ${this.primary.name} answers again.`);
      });
    }, this.probeIntervalMs);
  }

  /** Stops probing (tests; the process ending does not need it, the timer does not hold it open). */
  dispose(): void {
    this.probe?.cancel();
  }
}

export interface HealthReport {
  /** Whether a write commits (db/write-failures.ts): "full" when the database's disk is full. */
  database: "ok" | "full" | "error";
  search: { engine: EmbeddedEngineName; status: "ok" } | { engine: "meilisearch"; status: "ok" | "unreachable"; index: string; error?: string };
  /** Changes not yet in Meilisearch; null when the database could not be read. */
  outbox: { length: number; oldestAgeSeconds: number } | null;
}

/**
 * What /healthz reports. A database that cannot be read, or whose writes do not commit (a full
 * disk), makes the service unhealthy; an unreachable
 * Meilisearch does not (writes still succeed and queue in the outbox, searches answer from FTS5),
 * but it is reported, and a growing outbox age is the signal to alert on. Never waits on
 * Meilisearch longer than the circuit breaker does, and not at all while the breaker is open.
 */
export async function healthReport({ db, engine }: { db: DB; engine: SearchEngine }): Promise<HealthReport> {
  const probed = "ping" in engine ? (engine as ProbedSearchEngine) : null;
  const [database, outbox, search] = await Promise.all([
    databaseWritability(db).then((writes) => (writes.ok ? ("ok" as const) : writes.reason)),
    outboxBacklog(db).catch(() => null),
    probed && probed.name === "meilisearch"
      ? probed.ping(1_000).then((ping) => ({ engine: "meilisearch" as const, index: probed.indexUid, ...ping }))
      : Promise.resolve({ engine: engine.name === "postgres" ? ("postgres" as const) : ("fts5" as const), status: "ok" as const }),
  ]);
  return { database, search, outbox };
}
