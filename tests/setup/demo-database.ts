/**
 * Vitest globalSetup of the end-to-end projects, after tests/setup/postgres.ts: the demo network,
 * migrated and loaded once per run, for every test server to start from a copy of (an SQLite file
 * copied into the server's folder, or a PostgreSQL database made with the demo as its template).
 * A server on a copy skips loading the demo itself, which took about two of its six seconds.
 * Servers that must load it themselves (the two-server test) pass a database of their own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateToLatest, openDatabase } from "../../db/client.server";
import { seedDemo } from "../../seed/demo.server";
import { createTestDatabase } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** An SQLite file with the demo network, to copy; never opened by a server. */
    demoSqliteFile: string;
    /** The name of a PostgreSQL database with the demo network, a template for `createTestDatabase`; "" when the project runs on SQLite. */
    demoPostgresTemplate: string;
  }
}

async function loadDemo(location: string): Promise<void> {
  const db = openDatabase(location);
  try {
    await migrateToLatest(db);
    await seedDemo(db);
  } finally {
    // Closed before anything copies it: SQLite folds its log into the file, and PostgreSQL makes
    // no copy of a template that has a connection.
    await db.destroy();
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-demo-"));
  const file = path.join(dir, "demo.sqlite");
  await loadDemo(file);
  project.provide("demoSqliteFile", file);
  let template = "";
  if (project.name.endsWith("postgres")) {
    template = "demo_template";
    await loadDemo(await createTestDatabase(project.getProvidedContext().postgresUrl, template));
  }
  project.provide("demoPostgresTemplate", template);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
