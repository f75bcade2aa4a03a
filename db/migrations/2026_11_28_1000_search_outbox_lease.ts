import type { Kysely } from "kysely";
import { epochMillis } from "./database-kind";

// Frozen: never import app types here; a later change gets a new migration.
// Several app servers may each run the search sync: a worker leases the outbox rows it takes, so
// no other takes them meanwhile, and rows of a worker that died are taken again once the lease
// has run out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_outbox").addColumn("lease_until", epochMillis(db)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("search_outbox").dropColumn("lease_until").execute();
}
