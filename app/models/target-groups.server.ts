import type { DB } from "../../db/client.server";

// An organisation's target groups ("långtidsarbetslösa", "nyanlända"), one row each in the order
// written (migration 2026_11_28_1200_target_groups_as_rows). The profile and the search documents
// read them here; the organisation model writes them.

/** Replaces an organisation's target groups with these, in the order given, each once. */
export async function replaceTargetGroups(db: Pick<DB, "deleteFrom" | "insertInto">, organisationId: number, groups: string[]): Promise<void> {
  await db.deleteFrom("organisation_target_group").where("organisation_id", "=", organisationId).execute();
  const names = [...new Set(groups.map((g) => g.trim()).filter(Boolean))];
  if (names.length === 0) return;
  await db
    .insertInto("organisation_target_group")
    .values(names.map((name, position) => ({ organisation_id: organisationId, position, name })))
    .execute();
}

/** The target groups of each organisation asked for, in the order written. */
export async function targetGroupsOf(db: Pick<DB, "selectFrom">, organisationIds: number[]): Promise<Map<number, string[]>> {
  const groups = new Map<number, string[]>(organisationIds.map((id) => [id, []]));
  if (organisationIds.length === 0) return groups;
  const rows = await db
    .selectFrom("organisation_target_group")
    .select(["organisation_id", "name"])
    .where("organisation_id", "in", organisationIds)
    .orderBy("organisation_id")
    .orderBy("position")
    .execute();
  for (const row of rows) groups.get(row.organisation_id)?.push(row.name);
  return groups;
}
