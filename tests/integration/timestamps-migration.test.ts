/**
 * One timestamp convention (migration 2026_11_28_1400_timestamps_as_iso_text), on a copy of the
 * demo database, on SQLite and (with TEST_DATABASE=postgres) PostgreSQL: the session, throttle,
 * outbox, verification and search-marker times written as epoch milliseconds before become ISO
 * text with milliseconds, the same instants; taken back, they are the same milliseconds again.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, type DB, migrateToLatest } from "../../db/client.server";
import { getSession, createUserSession } from "../../app/utils/session.server";
import { openDemoDatabase } from "./support/app-database";
import { migrateBackBefore } from "./support/migrations";

let db: DB;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
});
afterAll(() => close());

// Instants with milliseconds, one far in the future so that the session is still valid.
const created = Date.UTC(2026, 10, 27, 8, 15, 30, 7);
const expires = Date.UTC(2099, 0, 2, 3, 4, 5, 999);
const iso = (ms: number) => new Date(ms).toISOString();

async function timesOf(table: string, columns: string[], id: string | number, key = "id") {
  const { rows } = await sql<
    Record<string, unknown>
  >`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)} where ${sql.ref(key)} = ${id}`.execute(db);
  return rows[0];
}

describe("times", () => {
  it("are ISO text with milliseconds after the migration, the same instants as the epoch numbers before", async () => {
    await migrateBackBefore(db, "2026_11_28_1400_timestamps_as_iso_text");

    // Written as the app wrote them before: epoch milliseconds.
    const user = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
    await sql`insert into session (id, user_id, expires_at, created_at) values ('old-session', ${user.id}, ${expires}, ${created})`.execute(db);
    await sql`insert into rate_event (key, at) values ('login:test', ${created})`.execute(db);
    await sql`insert into email_outbox (to_address, subject, body_text, created_at, next_attempt_at, lease_until, sent_at) values ('a@example.org', 'Old', 'x', ${created}, ${created + 1}, ${null}, ${expires})`.execute(
      db,
    );
    const mailBefore = (await sql<{ n: number | string }>`select count(*) as n from email_outbox`.execute(db)).rows[0].n;

    await migrateToLatest(db);
    expect(await timesOf("session", ["expires_at", "created_at"], "old-session")).toEqual({ expires_at: iso(expires), created_at: iso(created) });
    expect(await timesOf("rate_event", ["at"], "login:test", "key")).toEqual({ at: iso(created) });
    const mail = await db
      .selectFrom("email_outbox")
      .select(["created_at", "next_attempt_at", "lease_until", "sent_at"])
      .where("subject", "=", "Old")
      .executeTakeFirstOrThrow();
    expect(mail).toEqual({ created_at: iso(created), next_attempt_at: iso(created + 1), lease_until: null, sent_at: iso(expires) });
    expect((await sql<{ n: number | string }>`select count(*) as n from email_outbox`.execute(db)).rows[0].n).toEqual(mailBefore);
    // The demo's own outbox rows (written through the app before the migration ran) are ISO too.
    const outbox = await db.selectFrom("search_outbox").select(["created_at", "next_attempt_at"]).execute();
    expect(outbox.length).toBeGreaterThan(0);
    for (const row of outbox) {
      expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(row.next_attempt_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }

    const numeric =
      databaseKind(db) === "postgres"
        ? (
            await sql<{
              name: string;
            }>`select table_name || '.' || column_name as name from information_schema.columns where table_schema = current_schema() and data_type in ('bigint', 'integer') and (column_name like '%\\_at' or column_name in ('at', 'lease_until'))`.execute(
              db,
            )
          ).rows
        : [];
    expect(numeric).toEqual([]);
  });

  it("are the same milliseconds again on the way back", async () => {
    await migrateBackBefore(db, "2026_11_28_1400_timestamps_as_iso_text");
    const session = await timesOf("session", ["expires_at", "created_at"], "old-session");
    expect({ expires_at: Number(session.expires_at), created_at: Number(session.created_at) }).toEqual({ expires_at: expires, created_at: created });
    await migrateToLatest(db);
  });

  it("serve sessions as before: a new one is valid, one past its expiry is not", async () => {
    const user = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
    const cookie = await createUserSession(user.id, new Request("http://localhost/"));
    const request = (c: string) => new Request("http://localhost/", { headers: { Cookie: c.split(";")[0] } });
    expect((await getSession(request(cookie)))?.user.id).toBe(user.id);
    const stored = await db
      .selectFrom("session")
      .select(["expires_at", "created_at"])
      .where("user_id", "=", user.id)
      .where("id", "!=", "old-session")
      .executeTakeFirstOrThrow();
    expect(Date.parse(stored.expires_at)).toBeGreaterThan(Date.parse(stored.created_at));
    await db
      .updateTable("session")
      .set({ expires_at: iso(Date.now() - 1) })
      .where("user_id", "=", user.id)
      .where("id", "!=", "old-session")
      .execute();
    expect(await getSession(request(cookie))).toBeNull();
  });
});
