import type { RequestKind, RequestStatus } from "../../db/schema";
import { findCpvCode, type CpvCode } from "./cpv";
import { deliveryCount, effectiveStatus } from "./request";
import { stockholmToUtc } from "./request-form";

/**
 * Open Contracting Data Standard 1.1 releases of published requests. One release per request
 * (tag "tender"); its id changes whenever the request does, as OCDS asks. Reserved procurement
 * (LOU 4 kap. 18 §) is marked with the "Other requirements" extension's `reservedParticipation`.
 */
export const DEFAULT_OCDS_PREFIX = "ocds-stl000";
export const OTHER_REQUIREMENTS_EXTENSION =
  "https://raw.githubusercontent.com/open-contracting-extensions/ocds_otherRequirements_extension/master/extension.json";

export interface OcdsRequest {
  id: number;
  kind: RequestKind;
  status: RequestStatus;
  title: string;
  description: string;
  cpvCode: string;
  periodFrom: string;
  periodTo: string;
  deadlineAt: string;
  publishedAt: string | null;
  updatedAt: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  buyer: { name: string; orgNumber: string };
  lines: { id: number; item: string; unit: string; quantity: number; site: string; cpvCode: string | null; weekdays: number[] }[];
}

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

export function ocdsRelease(request: OcdsRequest, { prefix, now }: { prefix: string; now: Date }) {
  const releaseOcid = ocid(prefix, request.id);
  const buyerId = `SE-ORG-${request.buyer.orgNumber.replace(/\D/g, "")}`;
  const cpv = findCpvCode(request.cpvCode);
  const status = effectiveStatus({ status: request.status, deadline_at: request.deadlineAt }, now);
  const period = `${request.periodFrom}–${request.periodTo}`;
  return {
    ocid: releaseOcid,
    id: `${releaseOcid}-tender-${request.updatedAt.replace(/[^0-9]/g, "").slice(0, 14)}`,
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
      items: request.lines.map((line) => ({
        id: String(line.id),
        description: `${line.item} – ${line.site} (${line.quantity} per delivery, ISO weekdays ${line.weekdays.join(",")}, ${period})`,
        ...classifications(line.cpvCode ? findCpvCode(line.cpvCode) : cpv, cpv),
        quantity: line.quantity * deliveryCount(request.periodFrom, request.periodTo, line.weekdays),
        unit: { name: line.unit },
        deliveryLocation: { description: line.site },
      })),
      ...(request.kind === "reserved" ? { otherRequirements: { reservedParticipation: ["shelteredWorkshop"] } } : {}),
    },
  };
}

export function ocdsReleasePackage(releases: ReturnType<typeof ocdsRelease>[], { uri, publishedDate }: { uri: string; publishedDate: string }) {
  return {
    uri,
    version: "1.1",
    extensions: [OTHER_REQUIREMENTS_EXTENSION],
    publishedDate,
    publisher: { name: "Social Trade Lund" },
    license: "https://creativecommons.org/publicdomain/zero/1.0/",
    releases,
  };
}
