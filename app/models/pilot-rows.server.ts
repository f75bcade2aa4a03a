import type { Selectable } from "kysely";
import type { Database } from "../../db/schema";
import type { ExtraCost, NotePoint, ParticipationCandidate, PilotChange, PilotNote, Procurement, RegisterRow, ReportVersionSummary } from "../domain/pilot";

/**
 * The pilot's stored rows as the domain names them: one function per shape a query of the pilot
 * selects, so that snake_case columns stop at the model and pages read one camelCase type.
 */

type Row<T extends keyof Database> = Selectable<Database[T]>;

/** A procurement row with the names of its supplier, request and last editor (`procurementQuery`). */
export type ProcurementRow = Row<"pilot_procurement"> & {
  supplier_organisation_name: string | null;
  supplier_organisation_slug: string | null;
  request_title: string | null;
  updated_by_name: string | null;
};

export function procurementFromRow(row: ProcurementRow): Procurement {
  return {
    id: row.id,
    title: row.title,
    buyingUnit: row.buying_unit,
    supplierOrganisationId: row.supplier_organisation_id,
    supplierOrganisationName: row.supplier_organisation_name,
    supplierOrganisationSlug: row.supplier_organisation_slug,
    supplierName: row.supplier_name,
    kind: row.kind,
    cpvCode: row.cpv_code,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    contractValueSek: row.contract_value_sek,
    requestId: row.request_id,
    requestTitle: row.request_title,
    isExample: Boolean(row.is_example),
    updated: { at: row.updated_at, byName: row.updated_by_name },
  };
}

/** Counts of one procurement, period and gender, as the report reads them (without the row's id, which a page adds). */
export function outcomeFromRow(row: Row<"pilot_outcome">): RegisterRow {
  return {
    procurementId: row.procurement_id,
    gender: row.gender,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    participants: row.participants,
    onSocialAssistance: row.on_social_assistance,
    outcomes: {
      work: row.work,
      studies: row.studies,
      unemployment_benefit: row.unemployment_benefit,
      social_assistance: row.social_assistance,
      other_unknown: row.other_unknown,
    },
  };
}

export function noteFromRow(row: Pick<Row<"pilot_note">, "point" | "body" | "updated_at"> & { updated_by_name: string | null }): PilotNote {
  return { point: row.point as NotePoint, body: row.body, updated: { at: row.updated_at, byName: row.updated_by_name } };
}

export function extraCostFromRow(
  row: Pick<Row<"pilot_extra_cost">, "id" | "description" | "amount_sek" | "proposal" | "created_at"> & { created_by_name: string | null },
): ExtraCost {
  return {
    id: row.id,
    description: row.description,
    amountSek: row.amount_sek,
    proposal: row.proposal,
    created: { at: row.created_at, byName: row.created_by_name },
  };
}

export function changeFromRow(
  row: Pick<Row<"pilot_change">, "id" | "entity" | "entity_id" | "action" | "summary" | "changed_at"> & { changed_by_name: string | null },
): PilotChange {
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    summary: row.summary,
    changed: { at: row.changed_at, byName: row.changed_by_name },
  };
}

export function participationCandidateFromRow(
  row: Pick<Row<"organisation">, "id" | "name" | "slug" | "kind" | "status" | "pilot_participant">,
): ParticipationCandidate {
  return { id: row.id, name: row.name, slug: row.slug, kind: row.kind, status: row.status, pilotParticipant: Boolean(row.pilot_participant) };
}

export function reportVersionFromRow(
  row: Pick<Row<"pilot_report_version">, "id" | "period_from" | "period_to" | "version" | "published_at"> & { published_by_name: string | null },
): ReportVersionSummary {
  return {
    id: row.id,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    version: row.version,
    published: { at: row.published_at, byName: row.published_by_name },
  };
}
