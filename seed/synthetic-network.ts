/**
 * A seeded synthetic network at scale, for benchmarks and tests that need volume: by default
 * 10,000 organisations with 50,000 offerings, the same data on every machine for the same seed.
 * Names, texts and CPV codes come from the vocabulary the real network uses, so queries behave as
 * they would on real data (shared words, å/ä/ö, synonyms).
 */
import { cpvLabel } from "../app/domain/cpv";
import { withCheckDigit } from "../app/domain/org-number";
import { serviceAreas, slugify, splitList } from "../app/domain/organisation";
import type { OfferingInput } from "../app/models/offering.server";
import { replaceTargetGroups } from "../app/models/target-groups.server";
import type { DB } from "../db/client.server";
import type { OrganisationKind } from "../app/domain/organisation";
import { writeEmbeddedSearchRows } from "../search/embedded-index.server";
import { createRandom, type Random } from "./random";

export interface SyntheticOrganisation {
  name: string;
  slug: string;
  orgNumber: string;
  kind: OrganisationKind;
  description: string;
  serviceAreas: string[];
  targetGroups: string;
  workforceShare: number | null;
  offerings: OfferingInput[];
}

export interface SyntheticOptions {
  seed?: number;
  organisations?: number;
  offerings?: number;
}

const placePrefixes = [
  "Lunds",
  "Skånska",
  "Gröna",
  "Nya",
  "Södra",
  "Norra",
  "Östra",
  "Västra",
  "Fäladens",
  "Klosterns",
  "Lineros",
  "Genarps",
  "Dalby",
  "Veberöds",
  "Stångby",
  "Tornas",
  "Kävlinge",
  "Eslövs",
  "Lomma",
  "Höörs",
  "Malmö",
  "Burlövs",
  "Hörby",
  "Staffanstorps",
  "Sankt Lars",
  "Kristallens",
  "Brunnshögs",
  "Vallkärra",
];
const trades = [
  "Sallad",
  "Städ",
  "Trädgårds",
  "Snickeri",
  "Bygg",
  "Tvätt",
  "Flytt",
  "Catering",
  "Kök",
  "Återbruks",
  "Cykel",
  "Textil",
  "Måleri",
  "Bageri",
  "Café",
  "Omsorgs",
  "Transport",
  "Auktions",
  "Sömnads",
  "Data",
  "Fönsterputs",
  "Stensättnings",
  "Sotnings",
  "Möbel",
  "Lunch",
  "Park",
  "Reparations",
  "Bud",
];
const forms = [
  "kooperativet",
  "verkstaden",
  "gruppen",
  "kompaniet",
  "huset",
  "föreningen",
  " AB",
  " ekonomisk förening",
  "hjälpen",
  "boden",
  "laget",
  "centralen",
  " & Co",
  "service",
  "kollektivet",
];
const targetGroupWords = [
  "långtidsarbetslösa",
  "unga vuxna",
  "utrikesfödda kvinnor",
  "personer med funktionsnedsättning",
  "personer med psykisk ohälsa",
  "personer i missbruksrehabilitering",
  "nyanlända",
  "långtidssjukskrivna",
];
const sentences = [
  "Vi erbjuder arbetsträning och handledning i en riktig verksamhet.",
  "Verksamheten drivs tillsammans med medlemmarna och återinvesterar sitt överskott.",
  "Vi levererar med lastcykel och elbil inom kommunen.",
  "Alla medarbetare får stöd av en arbetsledare med lång erfarenhet.",
  "Vi samarbetar med Arbetsförmedlingen och kommunens arbetsmarknadsenhet.",
  "Kvalitet och miljö är certifierade, och vi har kollektivavtal.",
  "Vi tar uppdrag från både företag, föreningar och offentlig sektor.",
  "Målet är att deltagarna går vidare till arbete eller studier.",
  "Vi har lång erfarenhet av offentliga upphandlingar och ramavtal.",
  "Lokalerna ligger centralt med goda kommunikationer.",
  "Vi kan skala upp leveranserna tillsammans med andra medlemmar i nätverket.",
  "Råvarorna kommer i första hand från lokala odlare i Skåne.",
];
const offeringTitles: Record<string, string[]> = {
  "15": ["Sallader", "Matlådor", "Färdiga luncher", "Smörgåsar", "Vegetariska rätter", "Soppor"],
  "39": ["Textilier", "Begagnade möbler", "Arbetskläder", "Sömnad och lagning", "Gardiner"],
  "45": ["Stensättning", "Plattsättning", "Renovering", "Målning", "Byggnation", "Stenläggning av gångar"],
  "50": ["Reparationer", "Cykelreparationer", "Underhåll av fastigheter", "Service av maskiner"],
  "55": ["Catering", "Lunchcatering", "Kafé och fika", "Konferensmat", "Skolmåltider", "Frukost"],
  "60": ["Transporter", "Flytthjälp", "Budtjänster", "Varutransporter"],
  "64": ["Kurirtjänster", "Cykelbud", "Postutdelning"],
  "71": ["Brandskyddskontroll", "Besiktning", "Energirådgivning"],
  "77": ["Trädgårdsskötsel", "Grönyteskötsel", "Parkskötsel", "Plantering", "Snöröjning"],
  "79": ["Auktioner", "Marknadsföring", "Översättning", "Administration", "Skanning av dokument"],
  "80": ["Utbildning", "Kurser i svenska", "Arbetsmarknadsutbildning"],
  "85": ["Socialt stöd", "Boendestöd", "Mentorskap"],
  "90": ["Städning", "Kontorsstädning", "Fönsterputsning", "Återvinning", "Sotning", "Lokalvård"],
  "98": ["Boende", "Tvätteri", "Tvätt och mangling"],
};
const offeringPhrases = [
  "Leverans måndag till fredag.",
  "Kan levereras till flera adresser samma dag.",
  "Anpassas efter kundens behov.",
  "Ekologiska råvaror när säsongen tillåter.",
  "Utförs av handledda arbetslag.",
  "Med kort varsel vid behov.",
  "Ingår i vårt ramavtal med kommunen.",
  "Vi tar hand om allt från planering till uppföljning.",
];
const kindWeights: [OrganisationKind, number][] = [
  ["work_integrating", 40],
  ["social_organisation", 25],
  ["hybrid", 20],
  ["buyer", 10],
  ["support", 5],
];
const units = ["portions", "hours", "square_metres", "pieces", "kilograms", "visits", "deliveries"];

function weighted<T>(random: Random, options: [T, number][]): T {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let roll = random.next() * total;
  for (const [value, w] of options) {
    roll -= w;
    if (roll < 0) return value;
  }
  return options[options.length - 1][0];
}

/**
 * The CPV codes the synthetic network's offerings use: those the network's members sell (the
 * platform's list before it took the whole CPV 2008), so that benchmarks stay comparable.
 */
export const networkCpvCodes: readonly string[] = [
  "15894200-3",
  "15894210-6",
  "15894000-1",
  "55520000-1",
  "55523000-2",
  "55524000-9",
  "55321000-6",
  "55330000-2",
  "90910000-9",
  "90911200-8",
  "90919200-4",
  "90911300-9",
  "45233222-1",
  "45112710-5",
  "77310000-6",
  "77313000-7",
  "90915000-4",
  "71317100-4",
  "45000000-7",
  "45210000-2",
  "45453000-7",
  "45442100-8",
  "90514000-3",
  "90510000-5",
  "79990000-0",
  "79340000-9",
  "39500000-7",
  "39100000-3",
  "50800000-3",
  "60100000-9",
  "64120000-3",
  "79530000-8",
  "80500000-9",
  "85300000-2",
  "98341000-5",
];

function offeringFor(random: Random): OfferingInput {
  const code = random.pick(networkCpvCodes);
  const titles = offeringTitles[code.slice(0, 2)] ?? [cpvLabel(code, "sv")];
  return {
    title: random.chance(0.3) ? `${random.pick(titles)} – ${random.pick(placePrefixes).replace(/s$/, "")}` : random.pick(titles),
    description: random.chance(0.2) ? "" : random.sample(offeringPhrases, random.int(1, 2)).join(" "),
    cpvCode: code,
    unit: random.pick(units),
  };
}

/** The network as data; nothing is written. */
export function generateSyntheticNetwork(options: SyntheticOptions = {}): SyntheticOrganisation[] {
  const random = createRandom(options.seed ?? 20261126);
  const count = options.organisations ?? 10_000;
  const offeringTotal = Math.max(options.offerings ?? 50_000, count);

  // Every organisation offers at least one thing; the rest are spread unevenly.
  const offeringCounts = new Array<number>(count).fill(1);
  for (let i = count; i < offeringTotal; i++) offeringCounts[random.int(0, count - 1)] += 1;

  return offeringCounts.map((offeringCount, i) => {
    const kind = weighted(random, kindWeights);
    const name = `${random.pick(placePrefixes)} ${random.pick(trades)}${random.pick(forms)}`;
    const workforceShare =
      kind === "work_integrating" ? random.int(30, 95) : kind === "buyer" || kind === "support" ? null : random.chance(0.6) ? random.int(5, 80) : null;
    return {
      name,
      slug: `${slugify(name)}-${i + 1}`,
      // Group digit (legal form), then a third digit of at least 2, as real organisation numbers have.
      orgNumber: withCheckDigit(
        `${kind === "buyer" ? "2" : random.pick(["5", "7", "8"])}0${2 + Math.floor(i / 1_000_000)}${String(i % 1_000_000).padStart(6, "0")}`,
      ),
      kind,
      description: random.sample(sentences, random.int(2, 4)).join(" "),
      serviceAreas: random.sample(serviceAreas, random.int(1, 3)),
      targetGroups: kind === "buyer" ? "" : random.sample(targetGroupWords, random.int(1, 3)).join(", "),
      workforceShare,
      offerings: Array.from({ length: offeringCount }, () => offeringFor(random)),
    };
  });
}

export interface LoadResult {
  organisations: number;
  offerings: number;
  durationMs: number;
}

/**
 * Writes the network into the database in large transactions: organisations listed (active),
 * their service areas and offerings, and (unless `fts` is false) their embedded search rows. With
 * `recordChanges`, each organisation also gets an outbox row, as a model write would give it.
 */
export async function loadSyntheticNetwork(db: DB, options: SyntheticOptions & { fts?: boolean; recordChanges?: boolean } = {}): Promise<LoadResult> {
  const started = performance.now();
  const network = generateSyntheticNetwork(options);
  const timestamp = new Date().toISOString();
  let offerings = 0;
  for (let start = 0; start < network.length; start += 1_000) {
    const chunk = network.slice(start, start + 1_000);
    await db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (const org of chunk) {
        const { id } = await trx
          .insertInto("organisation")
          .values({
            slug: org.slug,
            name: org.name,
            org_number: org.orgNumber,
            kind: org.kind,
            description: org.description,
            workforce_share: org.workforceShare,
            workforce_share_date: org.workforceShare === null ? null : "2026-01-01",
            status: "active",
            approved_at: timestamp,
            // The reserved-contracts badge needs a verified organisation: synthetic
            // organisations that declare a share count as checked, so the facet has members.
            verified_at: org.workforceShare === null ? null : timestamp,
            ...(org.workforceShare === null
              ? {}
              : {
                  verified_kind: org.kind,
                  verified_org_number: org.orgNumber,
                  verified_workforce_share: org.workforceShare,
                  verified_workforce_share_date: "2026-01-01",
                }),
            is_example: true,
            created_at: timestamp,
            updated_at: timestamp,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        ids.push(id);
        await trx
          .insertInto("organisation_service_area")
          .values(org.serviceAreas.map((area) => ({ organisation_id: id, area })))
          .execute();
        await replaceTargetGroups(trx, id, splitList(org.targetGroups));
        for (let i = 0; i < org.offerings.length; i += 100) {
          await trx
            .insertInto("offering")
            .values(
              org.offerings.slice(i, i + 100).map((o) => ({
                organisation_id: id,
                title: o.title,
                description: o.description,
                cpv_code: o.cpvCode,
                unit: o.unit,
                created_at: timestamp,
                updated_at: timestamp,
              })),
            )
            .execute();
        }
        offerings += org.offerings.length;
      }
      if (options.fts !== false) await writeEmbeddedSearchRows(trx as unknown as DB, ids);
      if (options.recordChanges) {
        await trx
          .insertInto("search_outbox")
          .values(ids.map((id) => ({ entity: "organisation", entity_id: String(id), created_at: timestamp })))
          .execute();
      }
    });
  }
  return { organisations: network.length, offerings, durationMs: performance.now() - started };
}
