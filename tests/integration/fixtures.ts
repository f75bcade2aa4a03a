import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Meilisearch } from "meilisearch";
import { inject } from "vitest";
import { createOffering, type OfferingInput } from "../../app/models/offering.server";
import { createOrganisation, type OrganisationProfileInput } from "../../app/models/organisation.server";
import { withCheckDigit } from "../../app/domain/org-number";
import { type DB, migrateToLatest, openDatabase, useDatabase } from "../../db/client.server";
import { createTestDatabase } from "../setup/postgres";
import type { OrganisationKind } from "../../app/domain/organisation";
import { type OrganisationSearchQuery, emptyQuery } from "../../search/documents";
import { buildOrganisationDocuments } from "../../search/documents.server";
import { createMeiliClient, type MeiliConnection } from "../../search/meilisearch.server";
import type { Logger } from "../../search/documents";
import { type MeiliOrganisationDocument, toMeiliDocument } from "../../search/settings";

const locations = new WeakMap<DB, string>();

/** Where a database from `openTestDatabase` lives, for another process to open it (`openDatabase`). */
export function testDatabaseLocation(db: DB): string {
  const location = locations.get(db);
  if (!location) throw new Error("Not a database from openTestDatabase().");
  return location;
}

/**
 * A migrated database of its own for one test file, used by the model functions: an SQLite file,
 * or with TEST_DATABASE=postgres a new database on the test run's PostgreSQL. A copy of the run's
 * migrated template (tests/setup/demo-database.ts); `{ demo: true }` a copy of the one with the
 * demo network.
 */
export async function openTestDatabase({ demo = false }: { demo?: boolean } = {}): Promise<{ db: DB; close(): Promise<void> }> {
  if (process.env.TEST_DATABASE === "postgres") {
    const url = await createTestDatabase(inject("postgresUrl"), undefined, inject(demo ? "demoPostgresTemplate" : "migratedPostgresTemplate"));
    const db = openDatabase(url);
    locations.set(db, url);
    useDatabase(db);
    return { db, close: () => db.destroy() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stl-search-db-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(inject(demo ? "demoSqliteFile" : "migratedSqliteFile"), file);
  const db = openDatabase(file);
  locations.set(db, file);
  useDatabase(db);
  return {
    db,
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated PostgreSQL database of its own for one test file, on the server of the test run
 * (tests/setup/postgres.ts). Not made the app's database: the model functions are given it.
 */
export async function openPostgresTestDatabase(): Promise<{ db: DB; close(): Promise<void> }> {
  const db = openDatabase(await createTestDatabase(inject("postgresUrl")));
  await migrateToLatest(db);
  return { db, close: () => db.destroy() };
}

/** The Meilisearch of the test run (tests/setup/meilisearch.ts) with an index uid of this file's own. */
export function sharedMeili(prefix: string): MeiliConnection {
  return { host: inject("meiliHost"), apiKey: inject("meiliMasterKey"), indexUid: uniqueIndexUid(prefix) };
}

export function uniqueIndexUid(prefix: string): string {
  return `test_${prefix}_${randomBytes(4).toString("hex")}`;
}

export function query(overrides: Partial<OrganisationSearchQuery>): OrganisationSearchQuery {
  return { ...emptyQuery, pageSize: 50, ...overrides };
}

/** Collects what the worker logs instead of printing it. */
export function quietLog(): Logger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, info: (m) => messages.push(m), warn: (m) => messages.push(m) };
}

export interface FixtureOrganisation {
  name: string;
  kind: OrganisationKind;
  description?: string;
  serviceAreas?: string[];
  targetGroups?: string[];
  workforceShare?: number | null;
  status?: "applicant" | "active";
  offerings?: OfferingInput[];
}

let orgNumberSeq = 100_000;

/** A whole profile for the model functions: the given fields, the rest empty. */
export function profileInput(
  fields: Pick<OrganisationProfileInput, "name" | "orgNumber" | "kind"> & Partial<OrganisationProfileInput>,
): OrganisationProfileInput {
  return {
    description: "",
    contactEmail: null,
    contactPhone: null,
    website: null,
    serviceAreas: [],
    targetGroups: [],
    workforceShare: null,
    workforceShareDate: null,
    ...fields,
  };
}

/** Creates an organisation and its offerings through the model functions, as the app does. */
export async function createFixtureOrganisation(db: DB, org: FixtureOrganisation): Promise<number> {
  orgNumberSeq += 1;
  const created = await createOrganisation({
    db,
    ownerUserId: null,
    status: org.status ?? "active",
    input: profileInput({
      name: org.name,
      orgNumber: withCheckDigit(`802${String(orgNumberSeq).padStart(6, "0")}`),
      kind: org.kind,
      description: org.description ?? "",
      serviceAreas: org.serviceAreas ?? ["Lund"],
      targetGroups: org.targetGroups ?? [],
      workforceShare: org.workforceShare ?? null,
      workforceShareDate: org.workforceShare == null ? null : "2026-01-01",
    }),
  });
  if (!created.ok) throw new Error(`Fixture ${org.name}: ${created.error.kind}`);
  // Listed fixtures are verified by a coordinator, as the reserved-contracts badge needs.
  // No change is recorded: the search documents are built from the row when the outbox is synced.
  if ((org.status ?? "active") === "active") {
    await db
      .updateTable("organisation")
      .set((eb) => ({
        verified_at: "2026-01-02T00:00:00.000Z",
        verified_kind: eb.ref("kind"),
        verified_org_number: eb.ref("org_number"),
        verified_workforce_share: eb.ref("workforce_share"),
        verified_workforce_share_date: eb.ref("workforce_share_date"),
      }))
      .where("id", "=", created.id)
      .execute();
  }
  for (const offering of org.offerings ?? []) await createOffering({ db, organisationId: created.id, input: offering });
  return created.id;
}

/**
 * The fixtures the behaviour suite runs against, the same for both engines. Each one is there for
 * a behaviour: names with å/ä/ö, synonyms only reachable through the synonym list, three levels
 * of "cykel" for ranking, markup in a name for escaping, an applicant that must stay hidden.
 */
export const behaviourFixtures: FixtureOrganisation[] = [
  {
    name: "Fontänhuset Lund",
    kind: "social_organisation",
    description: "Klubbhus för människor med erfarenhet av psykisk ohälsa.",
    serviceAreas: ["Lund", "Lomma"],
    workforceShare: 80,
    offerings: [{ title: "Sallader och lunchlådor", description: "Färska sallader från klubbhusets kök.", cpvCode: "15894200-3", unit: "portions" }],
  },
  {
    name: "Emmaus Lund",
    kind: "hybrid",
    description: "Second hand-butik som samlar in kläder och prylar.",
    serviceAreas: ["Lund"],
    workforceShare: 35,
    offerings: [{ title: "Textilinsamling", description: "Insamling av kläder och textilier.", cpvCode: "39500000-7", unit: "kilograms" }],
  },
  {
    name: "Klintens Webbauktioner",
    kind: "work_integrating",
    description: "Säljer begagnade inventarier från kommuner och företag.",
    serviceAreas: ["Lund", "Skåne"],
    workforceShare: 45,
    offerings: [{ title: "Auktioner av begagnade inventarier", description: "", cpvCode: "79990000-0", unit: "pieces" }],
  },
  {
    name: "Städkompaniet",
    kind: "work_integrating",
    description: "Städning av kontor och trapphus med handledda städlag.",
    serviceAreas: ["Malmö", "Lund"],
    workforceShare: 60,
    offerings: [{ title: "Kontorsstädning", description: "Dagligt eller veckovis.", cpvCode: "90919200-4", unit: "square_metres" }],
  },
  {
    name: "Gröna Händer",
    kind: "work_integrating",
    description: "Arbetsträning utomhus i parker och på gårdar.",
    serviceAreas: ["Eslöv"],
    workforceShare: 50,
    offerings: [{ title: "Stensättning av gångar", description: "Gångar och uteplatser i natursten.", cpvCode: "45112710-5", unit: "square_metres" }],
  },
  {
    name: "Catering Kooperativet Linero",
    kind: "social_organisation",
    description: "Arbetsträning i storkök.",
    serviceAreas: ["Lund"],
    workforceShare: 25,
    offerings: [{ title: "Smörgåsar med cykelbud", description: "Till möten och konferenser.", cpvCode: "15894000-1", unit: "portions" }],
  },
  {
    name: "Cykelköket Norra Fäladen",
    kind: "hybrid",
    description: "Ett kvarterskök som drivs av boende.",
    serviceAreas: ["Lund"],
    workforceShare: null,
    offerings: [{ title: "Catering till föreningar", description: "Buffé för större sällskap.", cpvCode: "55330000-2", unit: "portions" }],
  },
  {
    name: "Bageriet Kvarnen",
    kind: "social_organisation",
    description: "Bageri som även ordnar catering vid större evenemang och levererar med cykel.",
    serviceAreas: ["Kävlinge"],
    workforceShare: null,
    offerings: [{ title: "Bröd och bullar", description: "", cpvCode: "15894000-1", unit: "pieces" }],
  },
  {
    name: "Bröd & Bullar <i>AB</i>",
    kind: "support",
    description: 'Vi skriver "<script>alert(1)</script>" i vår beskrivning.',
    serviceAreas: ["Höör"],
    workforceShare: null,
    offerings: [],
  },
  {
    name: "Lunds kommun Upphandlingsenheten",
    kind: "buyer",
    description: "Köper in varor och tjänster åt Lunds stad.",
    serviceAreas: ["Lund"],
    workforceShare: null,
    offerings: [],
  },
  {
    name: "Dolda Sallader",
    kind: "work_integrating",
    description: "Ansökan är inte godkänd ännu.",
    serviceAreas: ["Lund"],
    workforceShare: 90,
    status: "applicant",
    offerings: [{ title: "Sallader", description: "", cpvCode: "15894200-3", unit: "portions" }],
  },
];

/** Every document in a Meilisearch index, by id. */
export async function allIndexedDocuments(client: Meilisearch, indexUid: string): Promise<MeiliOrganisationDocument[]> {
  const documents: MeiliOrganisationDocument[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await client.index<MeiliOrganisationDocument>(indexUid).getDocuments({ offset, limit: 1000 });
    documents.push(...page.results);
    if (page.results.length < 1000) break;
  }
  return documents.sort((a, b) => a.id - b.id);
}

/** What the index should hold for the database as it is now. */
export async function expectedIndexDocuments(db: DB): Promise<MeiliOrganisationDocument[]> {
  const ids = (await db.selectFrom("organisation").select("id").orderBy("id").execute()).map((r) => r.id);
  const documents = [];
  for (let i = 0; i < ids.length; i += 500) documents.push(...(await buildOrganisationDocuments(db, ids.slice(i, i + 500))));
  return documents.map(toMeiliDocument).sort((a, b) => a.id - b.id);
}

export function testClient(connection: MeiliConnection): Meilisearch {
  return createMeiliClient(connection, 30_000);
}
