import { cpvDivision, findCpvCode } from "../app/domain/cpv";
import { isEligibleForReservedContracts } from "../app/domain/organisation";
import type { DB } from "../db/client.server";
import { type OrganisationDocument, unique } from "./documents";

type Executor = Pick<DB, "selectFrom">;

/**
 * Builds the search documents of the given organisations from the database. Organisations that are
 * not listed in the directory (applicants, deactivated, missing) are left out of the result.
 */
export async function buildOrganisationDocuments(db: Executor, ids: number[]): Promise<OrganisationDocument[]> {
  if (ids.length === 0) return [];
  const orgs = await db
    .selectFrom("organisation")
    .leftJoin("organisation_logo", "organisation_logo.organisation_id", "organisation.id")
    .select(["organisation.id", "slug", "name", "kind", "description", "workforce_share", "verified_at", "organisation_logo.organisation_id as logo_org"])
    .where("organisation.id", "in", ids)
    .where("status", "=", "active")
    .execute();
  if (orgs.length === 0) return [];
  const listedIds = orgs.map((o) => o.id);
  const [offerings, areas, sites, targetGroups] = await Promise.all([
    db.selectFrom("offering").select(["organisation_id", "title", "description", "cpv_code"]).where("organisation_id", "in", listedIds).orderBy("id").execute(),
    db.selectFrom("organisation_service_area").select(["organisation_id", "area"]).where("organisation_id", "in", listedIds).orderBy("area").execute(),
    db
      .selectFrom("capacity_line_site")
      .innerJoin("capacity_line", "capacity_line.id", "capacity_line_site.capacity_line_id")
      .innerJoin("offering", "offering.id", "capacity_line.offering_id")
      .select(["offering.organisation_id", "capacity_line_site.site"])
      .where("offering.organisation_id", "in", listedIds)
      .orderBy("capacity_line.id")
      .orderBy("capacity_line_site.position")
      .execute(),
    // Read here, beside the other rows of the document, rather than through the organisation
    // model: search sits below the models, which call it to say what changed.
    db.selectFrom("organisation_target_group").select(["organisation_id", "name"]).where("organisation_id", "in", listedIds).orderBy("position").execute(),
  ]);
  const byId = new Map(ids.map((id, index) => [id, index]));
  return orgs
    .map((org) => {
      const own = offerings.filter((o) => o.organisation_id === org.id);
      const codes = unique(own.map((o) => o.cpv_code));
      return {
        id: org.id,
        slug: org.slug,
        name: org.name,
        kind: org.kind,
        description: org.description,
        targetGroups: targetGroups.filter((g) => g.organisation_id === org.id).map((g) => g.name),
        offeringTitles: own.map((o) => o.title),
        offeringDescriptions: own.map((o) => o.description).filter(Boolean),
        cpvCodes: codes,
        cpvLabels: codes.flatMap((c) => {
          const entry = findCpvCode(c);
          return entry ? [entry.sv, entry.en] : [];
        }),
        cpvCategories: unique(codes.map(cpvDivision)),
        serviceAreas: areas.filter((a) => a.organisation_id === org.id).map((a) => a.area),
        deliverySites: unique(sites.filter((s) => s.organisation_id === org.id).map((s) => s.site)),
        reservedEligible: isEligibleForReservedContracts(org),
        verified: org.verified_at !== null,
        hasLogo: org.logo_org !== null,
        offeringCount: own.length,
      } satisfies OrganisationDocument;
    })
    .sort((a, b) => (byId.get(a.id) ?? 0) - (byId.get(b.id) ?? 0));
}
