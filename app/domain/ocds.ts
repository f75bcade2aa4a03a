import type { JointBidStatus } from "./joint-bid";
import type { RequestFields, RequestStatus } from "./request";
import { findCpvCode, type CpvCode } from "./cpv";
import { deliveryCount, effectiveStatus } from "./request";
import { stockholmToUtc } from "./lund-time";

/**
 * Open Contracting Data Standard 1.1 releases of published requests, through a procurement's
 * whole life: the tender (tag "tender"; its id changes whenever the request does, as OCDS asks),
 * the joint bids once the response deadline has passed ("tenderUpdate", Bids extension), the award
 * ("award") and the contract ("contract", then "contractUpdate" when it starts and
 * "contractTermination" when its period ends). Reserved procurement (LOU 4 kap. 18 §) is marked
 * with the "Other requirements" extension's `reservedParticipation` and the "Contract terms"
 * extension's `reservedExecution`; a consortium's lead has the EU extension's `leadTenderer` role.
 * When the buyer made each demand line a lot, the Lots extension (with its dependency
 * submissionTerms) gives `tender.lots`, each item its `relatedLot`, and bids and the award the lots
 * they cover: all of them, as a joint bid bids for the whole request and a request is awarded whole.
 * Decisions 007 and 023.
 */
export const DEFAULT_OCDS_PREFIX = "ocds-stl000";
export const OTHER_REQUIREMENTS_EXTENSION =
  "https://raw.githubusercontent.com/open-contracting-extensions/ocds_otherRequirements_extension/master/extension.json";
export const CONTRACT_TERMS_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contractTerms_extension/master/extension.json";
export const BIDS_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/master/extension.json";
export const EU_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_eu_extension/1.1/extension.json";
export const SUBMISSION_TERMS_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_submissionTerms_extension/master/extension.json";
export const LOTS_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json";

/**
 * Codes of the open codelists used here, which the schema does not enforce: each is in its
 * codelist (otherRequirements' reservedParticipation.csv, the bids extension's statistic.csv, core
 * partyRole.csv with the EU extension's +partyRole.csv); a unit test checks them against the CSVs.
 */
export const RESERVED_PARTICIPATION = ["shelteredWorkshop", "publicServiceMissionOrganization"] as const;
export const BID_STATISTICS = ["bids", "bidders", "validBids", "lowestValidBidValue", "highestValidBidValue"] as const;
export const PARTY_ROLES = ["buyer", "tenderer", "supplier", "leadTenderer"] as const;
type PartyRole = (typeof PARTY_ROLES)[number];

export interface OcdsRequest extends RequestFields {
  id: number;
  status: RequestStatus;
  publishedAt: string | null;
  updatedAt: string;
  buyer: { name: string; orgNumber: string };
  /** Each demand line is a lot of its own. */
  linesAreLots: boolean;
  lines: { id: number; item: string; unit: string; quantity: number; site: string; cpvCode: string | null; weekdays: number[] }[];
}

const lotId = (lineId: number) => `lot-${lineId}`;

/** The request's lot ids, one per demand line, or none when it is bought whole. */
const lotsOf = (request: OcdsRequest): string[] => (request.linesAreLots ? request.lines.map((line) => lotId(line.id)) : []);

const tenderStatus = (status: RequestStatus): string =>
  ({ draft: "planning", published: "active", closed: "complete", awarded: "complete", cancelled: "cancelled" })[status];

/** Goods for the food and textile divisions, works for construction (45), services otherwise. */
function mainCategory(cpv: string): "goods" | "works" | "services" {
  const division = Number(cpv.slice(0, 2));
  if (division === 45) return "works";
  return division < 45 ? "goods" : "services";
}

/** An item's CPV classification: what is delivered, with the request's code beside it when that differs. */
function classifications(own: CpvCode | undefined, request: CpvCode | undefined) {
  const cpv = (entry: CpvCode) => ({ scheme: "CPV", id: entry.code.split("-")[0], description: entry.en });
  if (!own) return {};
  return { classification: cpv(own), ...(request && request.code !== own.code ? { additionalClassifications: [cpv(request)] } : {}) };
}

export function ocid(prefix: string, requestId: number): string {
  return `${prefix}-${requestId}`;
}

/** A party's id: its Swedish organisation number as an org-id.guide-style identifier. */
const partyId = (orgNumber: string) => `SE-ORG-${orgNumber.replace(/\D/g, "")}`;

/** A release id's time part: the digits of an ISO time to the second. */
const stamp = (iso: string) => iso.replace(/[^0-9]/g, "").slice(0, 14);

export function ocdsRelease(request: OcdsRequest, { prefix, now }: { prefix: string; now: Date }) {
  const releaseOcid = ocid(prefix, request.id);
  const buyerId = partyId(request.buyer.orgNumber);
  const cpv = findCpvCode(request.cpvCode);
  const status = effectiveStatus(request, now);
  const period = `${request.periodFrom}–${request.periodTo}`;
  return {
    ocid: releaseOcid,
    id: `${releaseOcid}-tender-${stamp(request.updatedAt)}`,
    date: request.updatedAt,
    tag: ["tender"],
    initiationType: "tender",
    language: "sv",
    parties: [
      {
        id: buyerId,
        name: request.buyer.name,
        identifier: { scheme: "SE-BLV", id: request.buyer.orgNumber.replace(/\D/g, ""), legalName: request.buyer.name },
        contactPoint: { name: request.contactName, email: request.contactEmail, ...(request.contactPhone ? { telephone: request.contactPhone } : {}) },
        roles: ["buyer"],
      },
    ],
    buyer: { id: buyerId, name: request.buyer.name },
    tender: {
      id: String(request.id),
      title: request.title,
      description: request.description || undefined,
      status: tenderStatus(status),
      mainProcurementCategory: mainCategory(request.cpvCode),
      tenderPeriod: { ...(request.publishedAt ? { startDate: request.publishedAt } : {}), endDate: request.deadlineAt },
      contractPeriod: { startDate: stockholmToUtc(request.periodFrom, "00:00") ?? undefined, endDate: stockholmToUtc(request.periodTo, "23:59") ?? undefined },
      ...(request.linesAreLots
        ? { lots: request.lines.map((line) => ({ id: lotId(line.id), title: `${line.item} – ${line.site}`, status: tenderStatus(status) })) }
        : {}),
      items: request.lines.map((line) => ({
        id: String(line.id),
        ...(request.linesAreLots ? { relatedLot: lotId(line.id) } : {}),
        description: `${line.item} – ${line.site} (${line.quantity} per delivery, ISO weekdays ${line.weekdays.join(",")}, ${period})`,
        ...classifications(line.cpvCode ? findCpvCode(line.cpvCode) : cpv, cpv),
        quantity: line.quantity * deliveryCount(request.periodFrom, request.periodTo, line.weekdays),
        unit: { name: line.unit },
        deliveryLocation: { description: line.site },
      })),
      // The platform's reserved kind reserves participation (LOU 4 kap. 18 § first paragraph); it
      // never restricts execution to sheltered employment programmes, which the same paragraph also allows.
      ...(request.kind === "reserved"
        ? { otherRequirements: { reservedParticipation: ["shelteredWorkshop"] }, contractTerms: { reservedExecution: false } }
        : {}),
    },
  };
}

/** A joint bid as open data: its consortium and, once submitted, the value of its tender. */
export interface OcdsBid {
  id: number;
  status: JointBidStatus;
  submittedAt: string;
  members: { name: string; orgNumber: string; isLead: boolean }[];
  /** The bid's value for the whole period excluding VAT, in öre; null when it was submitted without prices. */
  valueOre: number | null;
}

/** The outcome a buyer recorded. */
export interface OcdsAward {
  awardedAt: string;
  valueOre: number;
  contractFrom: string;
  contractTo: string;
  /** The winning joint bid, or null when a responding organisation won. */
  bidId: number | null;
  suppliers: { name: string; orgNumber: string; isLead: boolean }[];
}

export type OcdsReleaseObject = { ocid: string; id: string; date: string; tag: string[] } & Record<string, unknown>;

const sek = (ore: number) => ({ amount: ore / 100, currency: "SEK" });

const bidStatus = (status: JointBidStatus): string => (status === "withdrawn" ? "withdrawn" : status === "submitted" ? "pending" : "valid");

function partyOf(org: { name: string; orgNumber: string }, roles: PartyRole[]) {
  return { id: partyId(org.orgNumber), name: org.name, identifier: { scheme: "SE-BLV", id: org.orgNumber.replace(/\D/g, ""), legalName: org.name }, roles };
}

/** Each organisation once, with every role it has in these releases. */
function partiesOf(entries: { org: { name: string; orgNumber: string }; roles: PartyRole[] }[]) {
  const byId = new Map<string, { org: { name: string; orgNumber: string }; roles: Set<PartyRole> }>();
  for (const { org, roles } of entries) {
    const id = partyId(org.orgNumber);
    const entry = byId.get(id) ?? { org, roles: new Set<PartyRole>() };
    for (const role of roles) entry.roles.add(role);
    byId.set(id, entry);
  }
  return [...byId.values()].map(({ org, roles }) =>
    partyOf(
      org,
      PARTY_ROLES.filter((r) => roles.has(r)),
    ),
  );
}

/** A contract day starts at 00:00 and ends at 23:59 on Lund's clock. */
function contractPeriod(from: string, to: string) {
  return { startDate: stockholmToUtc(from, "00:00") ?? undefined, endDate: stockholmToUtc(to, "23:59") ?? undefined };
}

/**
 * Every release of one request, oldest first: the tender; the submitted joint bids, but only once
 * the response deadline has passed (a tender's prices are sealed until then); the award and the
 * contract with its later changes, once the buyer has recorded the outcome.
 */
export function ocdsReleases(
  request: OcdsRequest,
  { prefix, now, bids, award }: { prefix: string; now: Date; bids: readonly OcdsBid[]; award: OcdsAward | null },
): OcdsReleaseObject[] {
  const tender = ocdsRelease(request, { prefix, now }) as OcdsReleaseObject;
  const releases: OcdsReleaseObject[] = [tender];
  const releaseOcid = tender.ocid;
  const lots = lotsOf(request);
  const relatedLots = lots.length > 0 ? { relatedLots: lots } : {};
  const base = { ocid: releaseOcid, initiationType: "tender", language: "sv" };
  const buyer = { org: request.buyer, roles: ["buyer"] as PartyRole[] };
  const deadlinePassed = Date.parse(request.deadlineAt) <= now.getTime();
  const disclosed = deadlinePassed ? bids : [];
  const tenderers = disclosed.flatMap((b) =>
    b.members.map((m) => ({ org: m, roles: (m.isLead && b.members.length > 1 ? ["tenderer", "leadTenderer"] : ["tenderer"]) as PartyRole[] })),
  );
  if (disclosed.length > 0) {
    const values = disclosed.filter((b) => b.status !== "withdrawn" && b.valueOre !== null).map((b) => b.valueOre!);
    const statistics: Record<string, unknown>[] = [
      { id: "bids", measure: "bids", value: disclosed.length },
      { id: "bidders", measure: "bidders", value: disclosed.length },
      { id: "validBids", measure: "validBids", value: disclosed.filter((b) => b.status !== "withdrawn").length },
    ];
    if (values.length > 0) {
      statistics.push({ id: "lowestValidBidValue", measure: "lowestValidBidValue", value: Math.min(...values) / 100, currency: "SEK" });
      statistics.push({ id: "highestValidBidValue", measure: "highestValidBidValue", value: Math.max(...values) / 100, currency: "SEK" });
    }
    releases.push({
      ...base,
      id: `${releaseOcid}-bids-${stamp(request.deadlineAt)}`,
      date: request.deadlineAt,
      tag: ["tenderUpdate"],
      parties: partiesOf([buyer, ...tenderers]),
      buyer: { id: partyId(request.buyer.orgNumber), name: request.buyer.name },
      tender: { id: String(request.id) },
      bids: {
        statistics,
        details: disclosed.map((b) => ({
          id: `bid-${b.id}`,
          date: b.submittedAt,
          status: bidStatus(b.status),
          submissionType: "bid",
          tenderers: b.members.map((m) => ({ id: partyId(m.orgNumber), name: m.name })),
          ...(b.valueOre !== null ? { value: sek(b.valueOre) } : {}),
          ...relatedLots,
        })),
      },
    });
  }
  if (award) {
    const awardId = `${releaseOcid}-award-1`;
    const contractId = `${releaseOcid}-contract-1`;
    const suppliers = award.suppliers.map((s) => ({
      org: s,
      roles: (s.isLead && award.suppliers.length > 1 ? ["tenderer", "leadTenderer", "supplier"] : ["tenderer", "supplier"]) as PartyRole[],
    }));
    const parties = partiesOf([buyer, ...tenderers, ...suppliers]);
    const period = contractPeriod(award.contractFrom, award.contractTo);
    releases.push({
      ...base,
      id: `${releaseOcid}-award-${stamp(award.awardedAt)}`,
      date: award.awardedAt,
      tag: ["award"],
      parties,
      buyer: { id: partyId(request.buyer.orgNumber), name: request.buyer.name },
      awards: [
        {
          id: awardId,
          title: request.title,
          status: "active",
          date: award.awardedAt,
          value: sek(award.valueOre),
          suppliers: award.suppliers.map((s) => ({ id: partyId(s.orgNumber), name: s.name })),
          contractPeriod: period,
          ...(award.bidId !== null ? { relatedBids: [`bid-${award.bidId}`] } : {}),
          ...relatedLots,
        },
      ],
    });
    const contract = (status: "pending" | "active" | "terminated") => ({
      id: contractId,
      awardID: awardId,
      title: request.title,
      status,
      value: sek(award.valueOre),
      period,
    });
    const started = Date.parse(period.startDate ?? "") <= Date.parse(award.awardedAt);
    releases.push({
      ...base,
      id: `${releaseOcid}-contract-${stamp(award.awardedAt)}`,
      date: award.awardedAt,
      tag: ["contract"],
      contracts: [contract(started ? "active" : "pending")],
    });
    if (!started && period.startDate && Date.parse(period.startDate) <= now.getTime()) {
      releases.push({
        ...base,
        id: `${releaseOcid}-contract-${stamp(period.startDate)}`,
        date: period.startDate,
        tag: ["contractUpdate"],
        contracts: [contract("active")],
      });
    }
    if (period.endDate && Date.parse(period.endDate) <= now.getTime()) {
      releases.push({
        ...base,
        id: `${releaseOcid}-contract-${stamp(period.endDate)}`,
        date: period.endDate,
        tag: ["contractTermination"],
        contracts: [contract("terminated")],
      });
    }
  }
  return releases;
}

/** The package names the Lots extension, and submissionTerms on which it depends, only when a release has lots. */
export function ocdsReleasePackage(releases: readonly { date: string; tender?: unknown }[], { uri, publishedDate }: { uri: string; publishedDate: string }) {
  const withLots = releases.some((r) => typeof r.tender === "object" && r.tender !== null && "lots" in r.tender);
  return {
    uri,
    version: "1.1",
    extensions: [
      OTHER_REQUIREMENTS_EXTENSION,
      CONTRACT_TERMS_EXTENSION,
      BIDS_EXTENSION,
      EU_EXTENSION,
      ...(withLots ? [SUBMISSION_TERMS_EXTENSION, LOTS_EXTENSION] : []),
    ],
    publishedDate,
    publisher: { name: "Social Trade Lund" },
    license: "https://creativecommons.org/publicdomain/zero/1.0/",
    releases,
  };
}
