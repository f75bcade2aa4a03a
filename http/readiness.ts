import type { Request, Response } from "express";
import type { Kysely } from "kysely";
import { databaseWritability } from "../db/write-failures";

/**
 * GET /readyz: whether this server should be sent traffic. Not while it stops, and only while a
 * write to the database commits (a full disk lets every read through and fails every write, so a
 * read alone would say "ready"). Search does not decide readiness: FTS5 answers when Meilisearch
 * cannot. The reason is said in words a load balancer's log shows.
 */
export function readiness({ db, stopping, searchEngine }: { db: Kysely<any>; stopping: () => boolean; searchEngine: string }) {
  return (_req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store");
    if (stopping()) {
      res.status(503).json({ ready: false, reason: "stopping" });
      return;
    }
    databaseWritability(db).then(
      (writes) => {
        if (writes.ok) res.json({ ready: true, search: searchEngine });
        else res.status(503).json({ ready: false, reason: writes.reason === "full" ? "database disk full" : "database", detail: writes.message });
      },
      () => res.status(503).json({ ready: false, reason: "database" }),
    );
  };
}
