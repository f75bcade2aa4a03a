import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { DEFAULT_OCDS_PREFIX, ocid } from "../../domain/ocds";
import { espdResponseXml, type EspdInput } from "../../domain/tender/espd";
import type { TenderParticipant } from "../../domain/tender/tender";
import { lundTimeZone } from "../../domain/time-zone";
import type { BidAccess } from "../joint-bid/access.server";
import { type TenderData, acceptedOwnOrganisations, currentAgreement, loadTender, loadTenderPage } from "./tender.server";

/**
 * What leaves the service of a joint bid's tender: each member's ESPD Response, what the tender
 * pack holds, and the prices of the JSON export cut to what the viewer may see. Decision 023.
 */

type Db = Kysely<Database>;

/** The prefix of the requests' OCDS identifiers, which the ESPDs and the agreement cite. */
const ocdsPrefix = () => process.env.OCDS_PREFIX || DEFAULT_OCDS_PREFIX;

// --- ESPD ---------------------------------------------------------------------------------------

/** A UUID named by the bid and member (RFC 4122 version 5 layout over SHA-1): the same file keeps its UUID. */
function namedUuid(name: string): string {
  const hex = createHash("sha1").update(`social-trade-lund:espd:${name}`).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Date and time on Lund's clock with the offset, as ESPD writes them. */
function stockholmNow(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("sv-SE", {
      timeZone: lundTimeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === "GMT" ? "+00:00" : parts.timeZoneName.replace("GMT", "").replace("−", "-");
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}${offset}` };
}

export interface EspdFile {
  organisationId: number;
  name: string;
  fileName: string;
  xml: string;
}

/** Why a member's ESPD cannot be made yet: its details, or (reserved) a verified workforce share. */
export interface EspdProblem {
  problem: "details" | "share";
  name: string;
}

function espdFile(data: TenderData, participant: TenderParticipant, at: Date): EspdFile | EspdProblem {
  if (!participant.details) return { problem: "details", name: participant.name };
  const reserved = data.request.kind === "reserved";
  if (reserved && (participant.workforceShare === null || !participant.workforceShareDate || !participant.verifiedAt))
    return { problem: "share", name: participant.name };
  const { date, time } = stockholmNow(at);
  const digits = participant.orgNumber.replace(/\D/g, "");
  const input: EspdInput = {
    documentId: `STL-ESPD-${data.bidId}-${digits}`,
    uuid: namedUuid(`${data.bidId}:${participant.organisationId}`),
    issueDate: date,
    issueTime: time,
    procedure: {
      ocid: ocid(ocdsPrefix(), data.request.id),
      title: data.request.title,
      description: data.request.description,
      buyer: {
        name: data.request.buyer.name,
        orgNumber: data.request.buyer.orgNumber,
        contactName: data.request.contactName,
        email: data.request.contactEmail,
        phone: data.request.contactPhone,
      },
    },
    operator: {
      name: participant.name,
      orgNumber: participant.orgNumber,
      streetAddress: participant.details.streetAddress,
      postalCode: participant.details.postalCode,
      city: participant.details.city,
      size: participant.details.companySize,
      contactName: participant.details.signatoryName,
      email: participant.email,
      phone: participant.phone,
      website: participant.website,
    },
    role: participant.isLead ? "group-lead" : "group-mem",
    groupName: data.terms.groupName,
    others: data.participants.filter((p) => p !== participant).map((p) => ({ name: p.name, orgNumber: p.orgNumber })),
    reserved:
      reserved && participant.workforceShare !== null
        ? {
            sharePercent: participant.workforceShare,
            shareDate: participant.workforceShareDate!,
            verifiedAt: participant.verifiedAt!.slice(0, 10),
            targetGroups: participant.targetGroups,
          }
        : null,
  };
  return {
    organisationId: participant.organisationId,
    name: participant.name,
    fileName: `espd-${digits}-${participant.slug}.xml`,
    xml: espdResponseXml(input),
  };
}

/**
 * One member's ESPD Response for a viewer who may have it: a member its own organisation's, those
 * who manage the bid every member's. Null when the viewer may not, or the organisation takes no part.
 */
export async function espdForViewer({
  db,
  access,
  organisationId,
  at = new Date(),
}: {
  db: Db;
  access: BidAccess;
  organisationId: number;
  at?: Date;
}): Promise<EspdFile | EspdProblem | null> {
  const own = await acceptedOwnOrganisations(db, access);
  if (!access.permissions.manage && !own.includes(organisationId)) return null;
  const data = await loadTender({ db, bidId: access.bid.id });
  const participant = data.participants.find((p) => p.organisationId === organisationId);
  return participant ? espdFile(data, participant, at) : null;
}

/** What the tender pack holds, for those who manage the bid; the problems when it cannot be made. */
export async function tenderPackContent({ db, access, at = new Date() }: { db: Db; access: BidAccess; at?: Date }) {
  if (!access.permissions.manage) return { ok: false as const, error: "forbidden" as const };
  const data = await loadTender({ db, bidId: access.bid.id });
  if (data.problems.length > 0 || !data.figures || !data.plan) return { ok: false as const, error: "blocked" as const, problems: data.problems };
  const espd = data.participants.map((p) => espdFile(data, p, at)).filter((f): f is EspdFile => "xml" in f);
  return {
    ok: true as const,
    data,
    figures: data.figures,
    agreement: data.frozenAgreement?.content ?? currentAgreement(data),
    agreementFrozenAt: data.frozenAgreement?.frozenAt ?? null,
    espd,
  };
}

/** Prices of the bid for its JSON export, cut to what the viewer may see; null when none. */
export async function exportedPrices({ db, access, at = new Date() }: { db: Db; access: BidAccess; at?: Date }) {
  const page = await loadTenderPage({ db, access, at });
  if (!page.visibility.bid) return null;
  return {
    currency: "SEK",
    amountsIn: "öre",
    lines: page.lines.map((l) => ({
      demandLineId: l.demandLineId,
      item: l.item,
      site: l.site,
      quantity: l.quantity,
      ...(page.prices[l.demandLineId] ?? { unitPriceOre: null, vatRate: null }),
    })),
    adminShareBasisPoints: page.visibility.all ? (page.terms?.adminShareBasisPoints ?? 0) : undefined,
    figures: page.figures && (page.figures.leadShareVisible ? page.figures : withoutLeadShare(page.figures)),
  };
}

/** The figures without the lead's share, for those who may not see it. */
function withoutLeadShare<F extends { months: { leadShare: number }[]; total: { leadShare: number } }>(figures: F) {
  const strip = <M extends { leadShare: number }>({ leadShare: _, ...rest }: M) => rest;
  return { ...figures, months: figures.months.map(strip), total: strip(figures.total) };
}
