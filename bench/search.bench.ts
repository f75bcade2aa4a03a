/**
 * `npm run bench:search`: indexes the seeded synthetic network (10,000 organisations, 50,000
 * offerings) with both engines and runs the same 500 representative directory queries (words,
 * typos, words typed without å/ä/ö, prefixes, facets, filters with text) through the app's
 * SearchEngine, one at a time, printing indexing time and p50/p95/p99 latency side by side.
 * Sizes: BENCH_ORGANISATIONS, BENCH_OFFERINGS, BENCH_QUERIES. Not a test: nothing is asserted.
 */
import fs from "node:fs";
import { sql } from "kysely";
import os from "node:os";
import path from "node:path";
import { cpvCategories } from "../app/domain/cpv";
import { organisationKinds, serviceAreas } from "../app/domain/organisation";
import { migrateToLatest, openDatabase } from "../db/client.server";
import { createRandom, type Random } from "../seed/random";
import { loadSyntheticNetwork } from "../seed/synthetic-network";
import { rebuildFts } from "../search/fts.server";
import { emptyQuery, type OrganisationSearchQuery, type SearchEngine } from "../search/documents";
import { FtsSearchEngine } from "../search/fts.server";
import { freePort, startMeiliProcess } from "../search/meili-process.server";
import { createMeiliClient, MeiliSearchEngine } from "../search/meilisearch.server";
import { reindexOrganisations } from "../search/reindex.server";
import { foldDiacritics } from "../search/highlight";

const organisations = Number(process.env.BENCH_ORGANISATIONS ?? 10_000);
const offerings = Number(process.env.BENCH_OFFERINGS ?? organisations * 5);
const queryCount = Number(process.env.BENCH_QUERIES ?? 500);

const words = [
  "sallader",
  "städning",
  "trädgårdsskötsel",
  "catering",
  "flytthjälp",
  "auktioner",
  "textilier",
  "målning",
  "stensättning",
  "fönsterputsning",
  "matlådor",
  "cykelreparationer",
  "tvätteri",
  "återvinning",
  "snickeri",
  "lunchcatering",
  "kontorsstädning",
  "grönyteskötsel",
  "budtjänster",
  "översättning",
  "sotning",
  "möbler",
  "arbetsträning",
  "lastcykel",
  "ekologiska",
  "skolmåltider",
  "lokalvård",
  "paving",
  "cleaning",
  "salad",
];
const places = ["lunds", "gröna", "södra", "fäladens", "dalby", "eslövs", "malmö", "höörs"];

type Category = "word" | "typo" | "folded" | "prefix" | "two words" | "text + facet" | "facets only" | "reserved + text";

function typo(random: Random, word: string): string {
  const i = random.int(1, word.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    default:
      return word.slice(0, i) + random.pick([..."aeiourstnl"]) + word.slice(i + 1);
  }
}

function facets(random: Random): Partial<OrganisationSearchQuery> {
  switch (random.int(0, 2)) {
    case 0:
      return { kind: random.sample(organisationKinds, random.int(1, 2)) };
    case 1:
      return { serviceArea: random.sample(serviceAreas, random.int(1, 2)) };
    default:
      return { cpvCategory: [random.pick(cpvCategories).division] };
  }
}

function representativeQueries(count: number): { category: Category; query: OrganisationSearchQuery }[] {
  const random = createRandom(500);
  const mix: [Category, number][] = [
    ["word", 20],
    ["typo", 15],
    ["folded", 10],
    ["prefix", 10],
    ["two words", 10],
    ["text + facet", 15],
    ["facets only", 10],
    ["reserved + text", 10],
  ];
  const categories = mix.flatMap(([category, share]) => Array<Category>(Math.round((share / 100) * count)).fill(category));
  while (categories.length < count) categories.push("word");
  return random.shuffle(categories.slice(0, count)).map((category) => {
    const word = random.pick(words);
    const q: Partial<OrganisationSearchQuery> = (() => {
      switch (category) {
        case "word":
          return { q: word };
        case "typo":
          return { q: typo(random, word) };
        case "folded":
          return { q: foldDiacritics(random.pick(words.filter((w) => foldDiacritics(w) !== w))) };
        case "prefix":
          return { q: word.slice(0, random.int(3, 5)) };
        case "two words":
          return { q: `${random.pick(places)} ${word}` };
        case "text + facet":
          return { q: word, ...facets(random) };
        case "facets only":
          return { ...facets(random), ...(random.chance(0.5) ? facets(random) : {}) };
        case "reserved + text":
          return { q: word, reservedEligible: true };
      }
    })();
    return { category, query: { ...emptyQuery, ...q, page: random.chance(0.1) ? 2 : 1 } };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(engine: SearchEngine, queries: { category: Category; query: OrganisationSearchQuery }[]) {
  for (const { query } of queries.slice(0, 50)) await engine.searchOrganisations(query); // warm-up
  const times: { category: Category; ms: number; hits: number }[] = [];
  for (const { category, query } of queries) {
    const started = performance.now();
    const result = await engine.searchOrganisations(query);
    times.push({ category, ms: performance.now() - started, hits: result.total });
  }
  return times;
}

function summary(times: { ms: number }[]) {
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-bench-"));
  const db = openDatabase(path.join(dir, "bench.db"));
  const meili = await startMeiliProcess({ dbPath: path.join(dir, "meili"), masterKey: "bench-master-key-0123456789", port: await freePort() });
  try {
    await migrateToLatest(db);
    console.info(`Loading ${organisations} organisations with ${offerings} offerings …`);
    const load = await loadSyntheticNetwork(db, { organisations, offerings, fts: false });

    // The FTS5 table's size: the database's pages before and after it is filled.
    const databaseBytes = async () => {
      const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0].page_count;
      const pageSize = (await sql<{ page_size: number }>`pragma page_size`.execute(db)).rows[0].page_size;
      return Number(pages) * Number(pageSize);
    };
    const beforeFts = await databaseBytes();
    let started = performance.now();
    await rebuildFts(db);
    const ftsIndexing = performance.now() - started;
    const ftsBytes = (await databaseBytes()) - beforeFts;

    const connection = { host: meili.host, apiKey: meili.masterKey, indexUid: "organisations" };
    started = performance.now();
    const meiliClient = createMeiliClient(connection, 120_000);
    await reindexOrganisations({ db, client: meiliClient, indexUid: connection.indexUid });
    const meiliIndexing = performance.now() - started;
    const meiliBytes = (await meiliClient.getStats()).usedDatabaseSize;

    const queries = representativeQueries(queryCount);
    const engines: [string, SearchEngine][] = [
      ["Meilisearch", new MeiliSearchEngine(connection)],
      ["FTS5", new FtsSearchEngine(db)],
    ];
    const results = new Map<string, Awaited<ReturnType<typeof measure>>>();
    for (const [name, engine] of engines) {
      console.info(`Running ${queries.length} queries through ${name} …`);
      results.set(name, await measure(engine, queries));
    }

    const meiliTimes = results.get("Meilisearch")!;
    const ftsTimes = results.get("FTS5")!;
    const m = summary(meiliTimes);
    const f = summary(ftsTimes);
    const lines = [
      "",
      `Search benchmark: ${load.organisations} organisations, ${load.offerings} offerings, ${queries.length} queries, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}`,
      `Database load (rows only): ${s(load.durationMs)}`,
      "",
      "| | Meilisearch | FTS5 | FTS5 / Meilisearch |",
      "|---|---:|---:|---:|",
      `| indexing (all organisations) | ${s(meiliIndexing)} | ${s(ftsIndexing)} | ${(ftsIndexing / meiliIndexing).toFixed(2)} |`,
      `| index size (Meilisearch's used database; the FTS5 table's pages) | ${mb(meiliBytes)} | ${mb(ftsBytes)} | ${(ftsBytes / meiliBytes).toFixed(2)} |`,
      `| p50 | ${ms(m.p50)} | ${ms(f.p50)} | ${(f.p50 / m.p50).toFixed(1)} |`,
      `| p95 | ${ms(m.p95)} | ${ms(f.p95)} | ${(f.p95 / m.p95).toFixed(1)} |`,
      `| p99 | ${ms(m.p99)} | ${ms(f.p99)} | ${(f.p99 / m.p99).toFixed(1)} |`,
      `| mean | ${ms(m.mean)} | ${ms(f.mean)} | ${(f.mean / m.mean).toFixed(1)} |`,
      "",
      "| query kind | n | Meilisearch p50 / p95 | FTS5 p50 / p95 | queries with hits (Meili / FTS5) |",
      "|---|---:|---:|---:|---:|",
    ];
    for (const category of [...new Set(queries.map((q) => q.category))].sort()) {
      const mc = meiliTimes.filter((t) => t.category === category);
      const fc = ftsTimes.filter((t) => t.category === category);
      const ms_ = summary(mc);
      const fs_ = summary(fc);
      lines.push(
        `| ${category} | ${mc.length} | ${ms(ms_.p50)} / ${ms(ms_.p95)} | ${ms(fs_.p50)} / ${ms(fs_.p95)} | ${mc.filter((t) => t.hits > 0).length} / ${fc.filter((t) => t.hits > 0).length} |`,
      );
    }
    lines.push("", `Meilisearch p95 target < 20 ms: ${m.p95 < 20 ? "met" : "NOT met"} (${ms(m.p95)}).`);
    console.info(lines.join("\n"));
  } finally {
    await meili.stop();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
