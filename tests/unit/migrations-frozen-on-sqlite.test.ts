/**
 * Installations on SQLite have applied these migrations already, so what a migration sends to
 * SQLite may never change, not even when it learns a branch for PostgreSQL (decision 014). Each
 * migration's statements (SQL and parameters) are hashed and compared with the hash recorded when
 * it was frozen; a new migration adds its line here.
 */
import { createHash } from "node:crypto";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { expect, it } from "vitest";
import { migrations } from "../../db/migrations";

const frozen: Record<string, string> = {
  "2026_11_26_2000_initial": "73a55efa22c43db17a57b5901ab9e9e3360562b230f7f6169f3268673da6affa",
  "2026_11_27_1000_requests_and_mail": "740d12d25800f4bfa7568d7c9ea6f8490f8271cce0f081d8b478f0d65a8f0a0d",
  "2026_11_27_1100_request_responses": "1d00c887b4149ae9d0bb29ea11d037843107467c3aa42019a7997a98d975be30",
  "2026_11_27_1200_joint_bids": "8f3211bb990e9b4ef7abeaf76485259a3cc77f621dedeb8abed5ee7eb48e6105",
  "2026_11_27_1300_meetings": "12ee0cc389674760aad7243d9ff5cf596591fbeb79352471211b51258b151cba",
  "2026_11_27_1400_pilot": "277f4e0b9a90a33ab47167272045c8e09ba237b43799b8c25c41da734755e111",
  "2026_11_27_1500_account_and_review": "5089342a7aad37b0eaa0eedf4c22e1fd93037e243e6ec838f6d9ba1af02de06f",
  "2026_11_27_1600_security": "57f1eace6033fd5d0a0400c54c1a0404e72df38dd34f3a2be0ab02603bc4cf0f",
  "2026_11_27_1700_search_markers": "f1f60aaebe6186d2abe04e0275bf8c9d4d0fac673edc4af4b2d44a2853e1ee0c",
  "2026_11_28_0900_fts_delivery_sites": "dd07a0d66031c943c499b8e8c40854f7058f1df3040a2f0f5f81506a6e37fd4a",
  "2026_11_28_1000_search_outbox_lease": "1c992d9ddb9e59a2969b89eb89d009592692ca90e08dc902f86f8d83f1efb8d9",
  // PostgreSQL only: nothing at all is sent to SQLite (the hash of no statements).
  "2026_11_28_1100_postgres_search": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "2026_11_28_1200_target_groups_as_rows": "9057f98855ee4132c868dca46b05ebee5c8a7972f3967095736b658f692ea868",
  "2026_11_28_1300_booleans_as_booleans": "ab1a8c0ab6becf333dc4a41cec672522f42a6a806b0dec6fd3f2cb53874534e9",
  "2026_11_28_1400_timestamps_as_iso_text": "7154f730de766d15573d0789bb480efc08a179d89edb2a05d519988d42147b32",
  "2026_11_28_1500_weekdays_and_sites_as_rows": "b223afe2be71e965fd5b40fe6dba40475c77e553e42ebbb2b548b73adfb71e9f",
  "2026_12_07_1000_compound_word_parts": "b1e119201ffdba11528b03eecf76f319ac9c342c71f4705ef5f6108805272a4c",
  "2026_12_07_1100_demand_line_cpv": "1a1e96b04671c0242338fd3c10f76f8862369968dd6d2e338e4a3f66a17fdc06",
  "2026_12_07_1110_pilot_participation_and_parameter_periods": "7789c328b2dced07c7c73ef2cf0b1545eddf7747490cae04c7ed8a07ee732bc4",
  "2026_12_07_1120_notices": "d5562229fad5663e6b491217279ca745f0fee181fce8276a2f406d61ddf6ddba",
  "2026_12_07_1130_login_devices": "3e863cbca97f1747bafcba31877d0d54adbfdfb90e17e791df0abc5c7cca894a",
  "2026_12_07_1130_verified_facts": "812f77b8ea0682d2fe0c2f83509902215cfb8c0545140e348daf1c55ed1beb89",
  "2026_12_07_1131_readiness_probe": "e1d0a373b40cc1311f230bfcfb4927a538d8f603d55e27b9f9aac0c256231000",
  "2026_12_07_1140_tender_pack": "361e10921e395babf4adedfb23a1cd304e20d2a13a90d7873877763dbc458139",
  "2026_12_07_1530_request_lots": "0c9a96585490c5ff64553144734b86fbf1162834c5cec888b47f44cb79b85daa",
};

it("every migration sends SQLite exactly the statements it sent when it was frozen", async () => {
  const statements: string[] = [];
  const db = new Kysely<unknown>({
    dialect: new SqliteDialect({ database: new SQLite(":memory:") }),
    log: (event) => {
      statements.push(`${event.query.sql} ${JSON.stringify(event.query.parameters)}`);
    },
  });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  await db.destroy();
  expect(error).toBeUndefined();

  // The migrator records each migration right after running it; its bookkeeping (with the time of
  // day) is left out of the hashes.
  const sent: Record<string, string> = {};
  let current: string[] = [];
  for (const statement of statements) {
    const recorded = /^insert into "kysely_migration" .* \["([^"]+)",/.exec(statement);
    if (recorded) {
      sent[recorded[1]] = createHash("sha256").update(current.join("\n")).digest("hex");
      current = [];
    } else if (!statement.includes("kysely_migration")) {
      current.push(statement);
    }
  }
  expect(sent).toEqual(frozen);
});
