/**
 * One member's ESPD Response (European Single Procurement Document, ESPD-EDM 4.1.0: a UBL 2.3
 * `QualificationApplicationResponse`) for a joint bid, prefilled from what the platform knows: the
 * economic operator, the buyer and the request, the group ("Economic operator together with
 * others", `C59_OT_eo-group`) and, for a reserved procurement, the sheltered-workshop criterion
 * (`C57_OT_shelt-worksh`) with the member's workforce share. Version 4.1.0 names the "other"
 * criteria by path-style identifiers (the business rules reject anything not in the taxonomy);
 * the two criteria below are copied from the taxonomy (`ESPD-criterion.xml`), which the tests
 * check every generated file against. Decision 023.
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import type { CompanySize } from "./tender";

const NS = {
  root: "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
} as const;

/** Who issues identifiers in these documents (`schemeAgencyID`, required on every identifier). */
export const ESPD_AGENCY = "SocialTradeLund";
const EDM_VERSION = "4.1.0";

export type EspdRole = "group-lead" | "group-mem";

type ValueType = "INDICATOR" | "PERCENTAGE" | "DESCRIPTION" | "CODE" | "EVIDENCE_IDENTIFIER";
interface Property {
  id: string;
  description: string;
  valueType: ValueType;
}
interface PropertyGroup {
  id: string;
  typeCode: "ON*" | "ONTRUE";
  properties: Property[];
  subgroups: PropertyGroup[];
}
interface Criterion {
  id: string;
  typeCode: string;
  name: string;
  description: string;
  groups: PropertyGroup[];
}

const question = (id: string, description: string, valueType: ValueType): Property => ({ id, description, valueType });

/** "Is this information available electronically?", with its evidence, as every "other" criterion has. */
function evidenceGroup(criterion: string): PropertyGroup {
  return {
    id: `${criterion}/QG2`,
    typeCode: "ON*",
    properties: [question(`${criterion}/QG2/Q1`, "Is this information available electronically?", "INDICATOR")],
    subgroups: [
      {
        id: `${criterion}/QG2/QSG1`,
        typeCode: "ONTRUE",
        properties: [question(`${criterion}/QG2/QSG1/Q1`, "Evidence Supplied", "EVIDENCE_IDENTIFIER")],
        subgroups: [],
      },
    ],
  };
}

const SHELTERED = "C57_OT_shelt-worksh";
const GROUP = "C59_OT_eo-group";

export const shelteredWorkshopCriterion: Criterion = {
  id: SHELTERED,
  typeCode: "shelt-worksh",
  name: "Economic operator is a sheltered workshop",
  description:
    "Only in case the procurement is reserved: is the economic operator a sheltered workshop, a 'social business' or will it provide for the performance of the contract in the context of sheltered employment programmes?",
  groups: [
    {
      id: `${SHELTERED}/QG1`,
      typeCode: "ON*",
      properties: [question(`${SHELTERED}/QG1/Q1`, "Your answer?", "INDICATOR")],
      subgroups: [
        {
          id: `${SHELTERED}/QG1/QSG1`,
          typeCode: "ONTRUE",
          properties: [
            question(`${SHELTERED}/QG1/QSG1/Q1`, "What is the corresponding percentage of disabled or disadvantaged workers?", "PERCENTAGE"),
            question(
              `${SHELTERED}/QG1/QSG1/Q2`,
              "If required, please provide details on whether the employees concerned belong to a specific category of disabled or disadvantaged workers?",
              "DESCRIPTION",
            ),
          ],
          subgroups: [],
        },
      ],
    },
    evidenceGroup(SHELTERED),
  ],
};

export const groupCriterion: Criterion = {
  id: GROUP,
  typeCode: "eo-group",
  name: "Economic Operator together with others",
  description: "Is the economic operator participating in the procurement procedure together with others?",
  groups: [
    {
      id: `${GROUP}/QG1`,
      typeCode: "ON*",
      properties: [question(`${GROUP}/QG1/Q1`, "Your answer?", "INDICATOR")],
      subgroups: [
        {
          id: `${GROUP}/QG1/QSG1`,
          typeCode: "ONTRUE",
          properties: [
            question(
              `${GROUP}/QG1/QSG1/Q1`,
              "Please indicate the role of the economic operator in the group (leader, responsible for specific tasks...)",
              "CODE",
            ),
            question(`${GROUP}/QG1/QSG1/Q2`, "Please identify the other economic operators participating in the procurement procedure together", "DESCRIPTION"),
            question(`${GROUP}/QG1/QSG1/Q3`, "Where applicable, name of the participating group:", "DESCRIPTION"),
          ],
          subgroups: [],
        },
      ],
    },
    evidenceGroup(GROUP),
  ],
};

export interface EspdOperator {
  name: string;
  /** Swedish organisationsnummer, NNNNNN-NNNN. */
  orgNumber: string;
  streetAddress: string;
  postalCode: string;
  city: string;
  size: CompanySize;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
}

export interface EspdInput {
  /** This document's own identifier and UUID (a member's file for one bid keeps them). */
  documentId: string;
  uuid: string;
  /** When the document was made: local date and time with the offset, e.g. 2026-11-29, 10:15:00+01:00. */
  issueDate: string;
  issueTime: string;
  procedure: {
    /** The request's OCDS identifier, used as the procedure's reference number. */
    ocid: string;
    title: string;
    description: string;
    buyer: { name: string; orgNumber: string; contactName: string; email: string; phone: string | null };
  };
  operator: EspdOperator;
  role: EspdRole;
  /** Spelled the same in every member's file. */
  groupName: string;
  /** The other members of the group. */
  others: { name: string; orgNumber: string }[];
  /** For a reserved procurement: the member's verified share of disabled or disadvantaged workers. */
  reserved: { sharePercent: number; shareDate: string; verifiedAt: string; targetGroups: string[] } | null;
}

/** The group's other members in one line: "EosCares (556677-8899); Emmaus Lund (…)". */
export function otherMembersText(others: EspdInput["others"]): string {
  return others.map((o) => `${o.name} (organisationsnummer ${o.orgNumber})`).join("; ");
}

/** The workforce share as ESPD's PERCENTAGE: a fraction written without "%" (45 % is 0.45), as the taxonomy's guidance writes 0.4. */
export function shareAsFraction(sharePercent: number): string {
  return (Math.round(sharePercent * 100) / 10000).toFixed(4).replace(/0+$/, "").replace(/\.$/, ".0");
}

function idAttributes(extra: Record<string, string> = {}) {
  return { schemeID: "Criterion", schemeAgencyID: "OP", schemeVersionID: EDM_VERSION, ...extra };
}

const listAttributes = (listID: string) => ({ listID, listAgencyID: "OP", listVersionID: EDM_VERSION });
const COUNTRY = { listID: "http://publications.europa.eu/resource/authority/country", listAgencyID: "OP", listVersionID: "20250924-0" };
const CRITERION_LIST = { listID: "http://publications.europa.eu/resource/authority/criterion", listAgencyID: "OP", listVersionID: "20240612-0" };
const ROLE_LIST = { listID: "http://publications.europa.eu/resource/authority/eo-role-type", listAgencyID: "OP", listVersionID: "20211208-0" };
const SIZE_LIST = { listID: "http://publications.europa.eu/resource/authority/economic-operator-size", listAgencyID: "OP", listVersionID: "20250924-0" };

function text(parent: XMLBuilder, name: string, value: string, attributes?: Record<string, string>): XMLBuilder {
  return parent.ele(name, attributes).txt(value).up();
}

function criterionElement(root: XMLBuilder, criterion: Criterion): void {
  const c = root.ele("cac:TenderingCriterion");
  text(c, "cbc:ID", criterion.id, idAttributes());
  text(c, "cbc:CriterionTypeCode", criterion.typeCode, CRITERION_LIST);
  text(c, "cbc:Name", criterion.name);
  text(c, "cbc:Description", criterion.description);
  const group = (parent: XMLBuilder, g: PropertyGroup, element: string) => {
    const e = parent.ele(element);
    text(e, "cbc:ID", g.id, idAttributes());
    text(e, "cbc:PropertyGroupTypeCode", g.typeCode, listAttributes("property-group-type"));
    for (const p of g.properties) {
      const pe = e.ele("cac:TenderingCriterionProperty");
      text(pe, "cbc:ID", p.id, idAttributes());
      pe.ele("cbc:Name").up();
      text(pe, "cbc:Description", p.description);
      text(pe, "cbc:TypeCode", "QUESTION", listAttributes("criterion-element-type"));
      text(pe, "cbc:ValueDataTypeCode", p.valueType, listAttributes("response-data-type"));
    }
    for (const s of g.subgroups) group(e, s, "cac:SubsidiaryTenderingCriterionPropertyGroup");
  };
  for (const g of criterion.groups) group(c, g, "cac:TenderingCriterionPropertyGroup");
}

type Answer = { indicator: boolean } | { percentage: string } | { description: string } | { code: string; list: Record<string, string> };

function responseElement(root: XMLBuilder, propertyId: string, answer: Answer): void {
  const r = root.ele("cac:TenderingCriterionResponse");
  const own = { schemeID: "Criterion", schemeAgencyID: ESPD_AGENCY, schemeVersionID: EDM_VERSION };
  text(r, "cbc:ID", `${propertyId}/R1`, own);
  text(r, "cbc:ValidatedCriterionPropertyID", propertyId, own);
  const v = r.ele("cac:ResponseValue");
  text(v, "cbc:ID", `${propertyId}/R1/RV`, own);
  if ("indicator" in answer) text(v, "cbc:ResponseIndicator", String(answer.indicator));
  else if ("percentage" in answer) text(v, "cbc:ResponseNumeric", answer.percentage, { format: "PERCENTAGE" });
  else if ("description" in answer) text(v, "cbc:Description", answer.description);
  else text(v, "cbc:ResponseCode", answer.code, answer.list);
}

function postalAddress(party: XMLBuilder, address: { street?: string; city?: string; postalCode?: string }): void {
  const a = party.ele("cac:PostalAddress");
  if (address.street) text(a, "cbc:StreetName", address.street);
  if (address.city) text(a, "cbc:CityName", address.city);
  if (address.postalCode) text(a, "cbc:PostalZone", address.postalCode);
  text(a.ele("cac:Country"), "cbc:IdentificationCode", "SWE", COUNTRY);
}

function contact(party: XMLBuilder, c: { name: string | null; phone: string | null; email: string | null }): void {
  if (!c.name && !c.phone && !c.email) return;
  const e = party.ele("cac:Contact");
  if (c.name) text(e, "cbc:Name", c.name);
  if (c.phone) text(e, "cbc:Telephone", c.phone);
  if (c.email) text(e, "cbc:ElectronicMail", c.email);
}

/** The member's ESPD Response as XML (UTF-8). */
export function espdResponseXml(input: EspdInput): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(NS.root, "QualificationApplicationResponse", {
    "xmlns:cac": NS.cac,
    "xmlns:cbc": NS.cbc,
  });
  text(root, "cbc:UBLVersionID", "2.3", { schemeAgencyID: "OASIS-UBL-TC" });
  text(root, "cbc:ProfileExecutionID", `ESPD-EDMv${EDM_VERSION}`, { schemeAgencyID: "OP", schemeVersionID: EDM_VERSION });
  text(root, "cbc:ID", input.documentId, { schemeAgencyID: ESPD_AGENCY });
  text(root, "cbc:CopyIndicator", "false");
  text(root, "cbc:UUID", input.uuid, { schemeID: "ISO/IEC 9834-8:2008 - 4UUID", schemeAgencyID: ESPD_AGENCY, schemeVersionID: EDM_VERSION });
  text(root, "cbc:ContractFolderID", input.procedure.ocid, { schemeAgencyID: ESPD_AGENCY });
  text(root, "cbc:IssueDate", input.issueDate);
  text(root, "cbc:IssueTime", input.issueTime);
  text(root, "cbc:EconomicOperatorGroupName", input.groupName);
  text(root, "cbc:VersionID", EDM_VERSION, { schemeAgencyID: "OP", schemeVersionID: EDM_VERSION });

  const buyer = root.ele("cac:ContractingParty").ele("cac:Party");
  text(buyer.ele("cac:PartyIdentification"), "cbc:ID", input.procedure.buyer.orgNumber, { schemeID: "NATIONAL", schemeAgencyID: "SE-BOLAGSVERKET" });
  text(buyer.ele("cac:PartyName"), "cbc:Name", input.procedure.buyer.name);
  postalAddress(buyer, {});
  contact(buyer, { name: input.procedure.buyer.contactName, phone: input.procedure.buyer.phone, email: input.procedure.buyer.email });

  const eo = root.ele("cac:EconomicOperatorParty");
  text(eo.ele("cac:EconomicOperatorRole"), "cbc:RoleCode", input.role, ROLE_LIST);
  const party = eo.ele("cac:Party");
  const op = input.operator;
  if (op.website) text(party, "cbc:WebsiteURI", op.website);
  text(party, "cbc:IndustryClassificationCode", op.size, SIZE_LIST);
  text(party.ele("cac:PartyIdentification"), "cbc:ID", op.orgNumber, { schemeID: "NATIONAL", schemeAgencyID: "SE-BOLAGSVERKET" });
  text(party.ele("cac:PartyName"), "cbc:Name", op.name);
  postalAddress(party, { street: op.streetAddress, city: op.city, postalCode: op.postalCode });
  contact(party, { name: op.contactName, phone: op.phone, email: op.email });

  const project = root.ele("cac:ProcurementProject");
  text(project, "cbc:Name", input.procedure.title);
  text(project, "cbc:Description", input.procedure.description || input.procedure.title);
  // One ESPD per lot (BR-LOT-10); a request on this platform is not divided into lots.
  text(root.ele("cac:ProcurementProjectLot"), "cbc:ID", "LOT-0000", idAttributes());

  const criteria = input.reserved ? [shelteredWorkshopCriterion, groupCriterion] : [groupCriterion];
  for (const criterion of criteria) criterionElement(root, criterion);

  if (input.reserved) {
    const { sharePercent, shareDate, verifiedAt, targetGroups } = input.reserved;
    responseElement(root, `${SHELTERED}/QG1/Q1`, { indicator: true });
    responseElement(root, `${SHELTERED}/QG1/QSG1/Q1`, { percentage: shareAsFraction(sharePercent) });
    const groups = targetGroups.length ? `Målgrupper: ${targetGroups.join(", ")}. ` : "";
    responseElement(root, `${SHELTERED}/QG1/QSG1/Q2`, {
      description: `${groups}Andel ${sharePercent} % per ${shareDate}, verifierad av Social Trade Lund ${verifiedAt} (LOU 4 kap. 18 §).`,
    });
    responseElement(root, `${SHELTERED}/QG2/Q1`, { indicator: false });
  }
  responseElement(root, `${GROUP}/QG1/Q1`, { indicator: true });
  responseElement(root, `${GROUP}/QG1/QSG1/Q1`, { code: input.role, list: ROLE_LIST });
  responseElement(root, `${GROUP}/QG1/QSG1/Q2`, { description: otherMembersText(input.others) });
  responseElement(root, `${GROUP}/QG1/QSG1/Q3`, { description: input.groupName });
  responseElement(root, `${GROUP}/QG2/Q1`, { indicator: false });

  return root.end({ prettyPrint: true });
}
