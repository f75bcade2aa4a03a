/**
 * `npm run bench:requests`: the two request pages' loaders (`/requests` and `/requests/:id`, as a
 * visitor, through the app's own route modules and the FTS5 request search) at 1,000 organisations
 * and 5,000 requests with 20 demand lines each, and the time to compute the coverage summary of a
 * request with 200 responses (pure arithmetic, and loaded from the database). Prints p50/p95/p99.
 * Each request is about one to three items delivered to two to four sites, as real ones are.
 * Sizes: BENCH_ORGANISATIONS, BENCH_REQUESTS, BENCH_LINES, BENCH_RESPONSES, BENCH_RUNS.
 * Not a test: nothing is asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { responseCoverage } from "../app/domain/coverage";
import { requestKinds } from "../app/domain/request";
import { requestCoverage } from "../app/models/request-response.server";
import { writeRequestSites } from "../app/models/request.server";
import { loader as listLoader } from "../app/routes/requests._index";
import { loader as pageLoader } from "../app/routes/requests.$id";
import { migrateToLatest, openDatabase, useDatabase } from "../db/client.server";
import type { RequestStatus } from "../app/domain/request";
import { createRandom } from "../seed/random";
import { loadSyntheticNetwork, networkCpvCodes } from "../seed/synthetic-network";
import { buildRequestDocuments } from "../search/requests/documents.server";
import { useRequestSearch } from "../search/requests/index.server";
import { FtsRequestSearch, writeRequestFtsRow } from "../search/requests/fts.server";

const organisations = Number(process.env.BENCH_ORGANISATIONS ?? 1_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 5_000);
const linesPerRequest = Number(process.env.BENCH_LINES ?? 20);
const responsesForCoverage = Number(process.env.BENCH_RESPONSES ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 500);

const items = ["Sallad", "Lunchlåda", "Städning", "Fönsterputs", "Stensättning", "Sotning", "Byggstädning", "Catering", "Smörgåsar", "Transport"];
const sites = ["Stadshuset", "Kristallen", "Brunnshögs förskola", "Stadsparken", "Kommunhuset", "Vårdboendet Linero", "Dalby skola", "Genarps bibliotek"];
const words = ["sallad", "städning", "stensattning", "sotning", "catering", "fönsterputs", "kristallen", "lunch", "transport", "bygg"];

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `p50 ${at(50).toFixed(2)} ms · p95 ${at(95).toFixed(2)} ms · p99 ${at(99).toFixed(2)} ms (n=${samples.length})`;
}

async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-requests-"));
  const keep = process.env.BENCH_KEEP_DB === "1";
  const db = openDatabase(path.join(dir, "bench.db"));
  try {
    await migrateToLatest(db);
    useDatabase(db);
    useRequestSearch(new FtsRequestSearch(db));
    const random = createRandom(9);
    console.info(`Loading ${organisations} organisations and ${requests} requests × ${linesPerRequest} demand lines …`);
    const loadStarted = performance.now();
    await loadSyntheticNetwork(db, { organisations, fts: false });
    const orgIds = (await db.selectFrom("organisation").select("id").execute()).map((r) => r.id);
    const now = Date.now();
    const timestamp = new Date().toISOString();
    for (let start = 0; start < requests; start += 500) {
      await db.transaction().execute(async (trx) => {
        const ids: number[] = [];
        for (let i = start; i < Math.min(requests, start + 500); i++) {
          const roll = random.int(0, 9);
          const status: RequestStatus = roll < 7 ? "published" : roll < 8 ? "closed" : roll < 9 ? "awarded" : "draft";
          const deadline = new Date(now + (status === "published" ? random.int(1, 90) : -random.int(1, 200)) * 86_400_000).toISOString();
          const item = random.pick(items);
          // A request delivers to a few sites: its twenty lines are items spread over two to four of them.
          const ownSites = random.sample(sites, random.int(2, 4));
          const ownItems = [item, ...random.sample(items, random.int(1, 2))];
          const { id } = await trx
            .insertInto("request")
            .values({
              buyer_organisation_id: random.pick(orgIds),
              kind: random.pick(requestKinds),
              status,
              title: `${item} till ${random.pick(sites)} ${i}`,
              description: `Behov av ${item.toLowerCase()} under perioden.`,
              cpv_code: random.pick(networkCpvCodes),
              period_from: "2027-01-11",
              period_to: "2027-06-11",
              deadline_at: deadline,
              contact_name: "Bench",
              contact_email: "bench@example.org",
              created_at: timestamp,
              updated_at: timestamp,
              published_at: status === "draft" ? null : timestamp,
              is_example: true,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          ids.push(id);
          await trx
            .insertInto("demand_line")
            .values(
              Array.from({ length: linesPerRequest }, (_, p) => ({
                request_id: id,
                position: p + 1,
                item: random.pick(ownItems),
                unit: "portions",
                quantity: random.int(5, 200),
                site: random.pick(ownSites),
                weekdays: random.pick(["1,2,3,4", "1,3,5", "1,2,3,4,5", "2,4"]),
              })),
            )
            .execute();
        }
        for (const id of ids) await writeRequestSites(trx, id);
        for (const document of await buildRequestDocuments(trx, ids)) await writeRequestFtsRow(trx, document.id, document);
      });
    }
    console.info(`Loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s.`);

    const queries = [
      "",
      "?state=closed",
      "?within=7",
      "?page=5",
      ...requestKinds.map((k) => `?kind=${k}`),
      "?cpv=55",
      "?cpv=90&within=30",
      `?site=${encodeURIComponent("Stadshuset")}`,
      ...words.map((w) => `?q=${encodeURIComponent(w)}`),
      "?q=sallad&kind=reserved",
    ];
    const publishedIds = (await db.selectFrom("request").select("id").where("status", "!=", "draft").execute()).map((r) => r.id);
    const ctx = {} as never;
    for (let i = 0; i < 30; i++) {
      await listLoader({ request: new Request(`http://localhost/requests${queries[i % queries.length]}`), params: {}, context: ctx });
      const id = random.pick(publishedIds);
      await pageLoader({ request: new Request(`http://localhost/requests/${id}`), params: { id: String(id) }, context: ctx });
    }
    const list: number[] = [];
    const page: number[] = [];
    const byQuery = new Map<string, number[]>();
    for (let i = 0; i < runs; i++) {
      const q = queries[i % queries.length];
      const ms = await time(() => listLoader({ request: new Request(`http://localhost/requests${q}`), params: {}, context: ctx }));
      list.push(ms);
      byQuery.set(q, [...(byQuery.get(q) ?? []), ms]);
      const id = random.pick(publishedIds);
      page.push(await time(() => pageLoader({ request: new Request(`http://localhost/requests/${id}`), params: { id: String(id) }, context: ctx })));
    }
    console.info(`/requests loader      ${percentiles(list)}`);
    if (process.env.BENCH_DETAIL === "1") for (const [q, samples] of byQuery) console.info(`  /requests${q}: ${percentiles(samples)}`);
    console.info(`/requests/:id loader  ${percentiles(page)}`);

    // Coverage of one request with 200 responses.
    const target = publishedIds[0];
    const lineIds = (await db.selectFrom("demand_line").select("id").where("request_id", "=", target).execute()).map((l) => l.id);
    const responders = orgIds.slice(0, responsesForCoverage);
    await db.transaction().execute(async (trx) => {
      for (const orgId of responders) {
        const { id } = await trx
          .insertInto("request_response")
          .values({
            request_id: target,
            organisation_id: orgId,
            interest: random.pick(["yes", "maybe", "no"] as const),
            created_at: timestamp,
            updated_at: timestamp,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .insertInto("response_capacity")
          .values(lineIds.filter(() => random.int(0, 2) > 0).map((lineId) => ({ response_id: id, demand_line_id: lineId, quantity: random.int(1, 50) })))
          .execute();
      }
    });
    const { lines, responses } = await requestCoverage({ db, requestId: target, reserved: false });
    const pure: number[] = [];
    const loaded: number[] = [];
    for (let i = 0; i < 200; i++)
      pure.push(
        await time(() =>
          responseCoverage(
            lines,
            responses.map((r) => ({ ...r, counts: true })),
          ),
        ),
      );
    for (let i = 0; i < 50; i++) loaded.push(await time(() => requestCoverage({ db, requestId: target, reserved: false })));
    console.info(`coverage, ${responses.length} responses × ${lines.length} lines: arithmetic ${percentiles(pure)}`);
    console.info(`coverage, loaded from the database:                ${percentiles(loaded)}`);
  } finally {
    await db.destroy();
    if (keep) console.info(`Database kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
