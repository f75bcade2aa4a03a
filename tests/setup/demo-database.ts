/**
 * Vitest globalSetup of the integration and end-to-end projects, after tests/setup/postgres.ts:
 * databases made once per run for every test database to start as a copy of, so that no file
 * migrates or loads the demo itself:
 * - migrated and empty, for `openTestDatabase()`;
 * - migrated with the demo network, for `openDemoDatabase()` and for every test server.
 * On SQLite each is a closed file to copy; on PostgreSQL (the projects named "…postgres") a
 * database to name as the template of `createTestDatabase`. Migrating and loading the demo took
 * one to two seconds per file and per server; a copy takes milliseconds.
 * Servers that must load the demo themselves (the two-server test) pass a database of their own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** An SQLite file with the demo network, to copy; never opened by a server. */
    demoSqliteFile: string;
    /** An SQLite file with the schema and no rows, to copy. */
    migratedSqliteFile: string;
    /** The name of a PostgreSQL database with the demo network, a template for `createTestDatabase`; "" when the project runs on SQLite. */
    demoPostgresTemplate: string;
    /** The name of a migrated, empty PostgreSQL database, a template; "" when the project runs on SQLite. */
    migratedPostgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // The demo's accounts are hashed at the test run's scrypt cost (their password is public, and
  // every login verifies it); servers still hash every new password at 2^15. The password module
  // reads the cost when it is first loaded, here.
  const asked = { NODE_ENV: process.env.NODE_ENV, SCRYPT_LOG2_COST: process.env.SCRYPT_LOG2_COST };
  Object.assign(process.env, { NODE_ENV: "test", SCRYPT_LOG2_COST: "10" });
  const { migrateToLatest, openDatabase } = await import("../../db/client.server");
  const { seedDemo } = await import("../../seed/demo.server");
  await import("../../app/utils/password.server");
  for (const [name, value] of Object.entries(asked)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const make = async (location: string, demo: boolean) => {
    const db = openDatabase(location);
    try {
      await migrateToLatest(db);
      if (demo) await seedDemo(db);
    } finally {
      // Closed before anything copies it: SQLite folds its log into the file, and PostgreSQL makes
      // no copy of a template that has a connection.
      await db.destroy();
    }
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-templates-"));
  const files = { demo: path.join(dir, "demo.sqlite"), migrated: path.join(dir, "migrated.sqlite") };
  const templates = { demo: "", migrated: "" };
  const onPostgres = project.name.endsWith("postgres");
  if (onPostgres) {
    const server = project.getProvidedContext().postgresUrl;
    templates.demo = "demo_template";
    templates.migrated = "migrated_template";
    await Promise.all([make(await createTestDatabase(server, templates.demo), true), make(await createTestDatabase(server, templates.migrated), false)]);
  }
  await Promise.all([make(files.demo, true), make(files.migrated, false)]);
  project.provide("demoSqliteFile", files.demo);
  project.provide("migratedSqliteFile", files.migrated);
  project.provide("demoPostgresTemplate", templates.demo);
  project.provide("migratedPostgresTemplate", templates.migrated);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
