import { sql, type DatabaseConnection, type Kysely } from "kysely";

/**
 * A full disk, as the database reports it: SQLite's SQLITE_FULL (better-sqlite3 puts SQLite's
 * code on its errors) or PostgreSQL's disk_full (SQLSTATE 53100).
 */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_FULL" || code === "53100";
}

/**
 * What a statement throws when the database cannot write because its disk is full. It has the
 * shape of React Router's route error response (status, statusText, internal, data), so that any
 * page or data request whose loader or action hits it is answered with 503 and the error page's
 * "the disk is full" message, without each route catching it, and the framework still hands it to
 * the app's error handler (`error`), which logs the cause. Not an `Error`: the framework would
 * replace that by a bare "Unexpected Server Error". The database's own error is kept in `error`
 * and `message`, which are not enumerable, so they never reach a browser.
 */
export class DatabaseFullError {
  readonly status = 503;
  readonly statusText = "Service Unavailable";
  readonly internal = false;
  readonly data = { reason: "databaseFull" } as const;
  declare readonly error: unknown;
  declare readonly message: string;
  constructor(cause: unknown) {
    const code = String((cause as { code?: unknown } | null)?.code ?? "");
    const detail = cause instanceof Error ? cause.message : String(cause);
    Object.defineProperty(this, "error", { value: cause, enumerable: false });
    Object.defineProperty(this, "message", { value: `The database cannot write: its disk is full (${code}: ${detail}).`, enumerable: false });
  }
}

/**
 * Whether a thrown value is a `DatabaseFullError`, from this module's copy or another bundle's
 * (server.ts and the app's build each have one, so `instanceof` cannot tell).
 */
export function isDatabaseFullError(value: unknown): value is DatabaseFullError {
  const candidate = value as Partial<DatabaseFullError> | null;
  return candidate?.status === 503 && candidate.data?.reason === "databaseFull";
}

// --- What this process knows about writing ------------------------------------------------------

interface WriteHealth {
  /** The last failure for a full disk, if none has been followed by a successful probe. */
  full: { at: number; message: string } | null;
  /** When the readiness probe last committed, and whether it did. */
  probe: { at: number; ok: boolean; reason?: "full" | "error"; message?: string } | null;
}

// On globalThis: server.ts and the app's build each bundle a copy of this module, and a failure
// seen by either must show in the other's health answers (as `db()` is shared, db/client.server.ts).
const key = Symbol.for("social-trade-lund.write-health");
const holder = globalThis as { [key]?: WriteHealth };
const health = (): WriteHealth => (holder[key] ??= { full: null, probe: null });

function noteDiskFull(cause: unknown): void {
  health().full = { at: Date.now(), message: new DatabaseFullError(cause).message };
}

/**
 * A connection whose statements report a full disk as `DatabaseFullError` (and note it, so that
 * readiness says so at once) instead of the driver's error. Every other error passes unchanged.
 */
export function reportingDiskFull(connection: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery(query) {
      try {
        return await connection.executeQuery(query);
      } catch (error) {
        if (!isDiskFull(error)) throw error;
        noteDiskFull(error);
        throw new DatabaseFullError(error);
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

export type Writability = { ok: true } | { ok: false; reason: "full" | "error"; message: string };

/** How often the readiness probe writes, at most: each commit also empties the page caches. */
export const probeIntervalMs = 5_000;

/**
 * Whether a write to the database commits now: a one-row write in a transaction of its own (the
 * `readiness_probe` table), made at most every `probeIntervalMs`, the answer kept in between. A
 * full disk seen by any statement since the last probe answers "full" at once; the next probe
 * after it tells whether space is back. A read alone would succeed on a full disk.
 */
export async function databaseWritability(db: Kysely<any>, now = Date.now()): Promise<Writability> {
  const state = health();
  const probe = state.probe;
  const fresh = probe !== null && now - probe.at < probeIntervalMs;
  // A failure in the same millisecond as the probe counts as after it.
  if (fresh && !(state.full && state.full.at >= probe.at)) return answerOf(probe);
  if (fresh && state.full) return { ok: false, reason: "full", message: state.full.message };
  try {
    await db.transaction().execute((trx) =>
      sql`insert into readiness_probe (id, probed_at) values (1, ${new Date(now).toISOString()})
          on conflict (id) do update set probed_at = excluded.probed_at`.execute(trx),
    );
    state.probe = { at: now, ok: true };
    state.full = null;
  } catch (error) {
    const full = error instanceof DatabaseFullError;
    state.probe = { at: now, ok: false, reason: full ? "full" : "error", message: full ? error.message : String((error as Error)?.message ?? error) };
  }
  return answerOf(state.probe);
}

function answerOf(probe: NonNullable<WriteHealth["probe"]>): Writability {
  return probe.ok ? { ok: true } : { ok: false, reason: probe.reason ?? "error", message: probe.message ?? "" };
}
