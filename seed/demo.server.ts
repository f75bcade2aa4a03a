import type { DB } from "../db/client.server";
import { createOrganisation, verifyOrganisation } from "../app/models/organisation.server";
import { addCapacityLine, createOffering } from "../app/models/offering.server";
import { createUser, grantRole } from "../app/models/user.server";
import { withCheckDigit } from "../app/domain/org-number";
import { splitList } from "../app/domain/organisation";
import { demoAccounts, demoOrganisations, demoPassword } from "./demo-network";
import { seedDemoSecurity } from "./demo-security.server";
import { seedDemoMeetings } from "./demo-meetings.server";
import { seedDemoPilot } from "./demo-pilot.server";
import { seedDemoRequests } from "./demo-requests.server";
import { seedDemoBids } from "./demo-bids.server";
import { seedDemoTender } from "./demo-tender.server";

/** Loads the demo network into an empty database. Returns false when there already was data. */
export async function seedDemoIfEmpty(db: DB): Promise<boolean> {
  const existing = await db.selectFrom("organisation").select("id").limit(1).executeTakeFirst();
  const anyUser = await db.selectFrom("user").select("id").limit(1).executeTakeFirst();
  if (existing || anyUser) return false;
  await seedDemo(db);
  return true;
}

export async function seedDemo(db: DB): Promise<void> {
  const outboxBefore = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const userIds = new Map<string, string>();
  for (const account of demoAccounts) {
    const created = await createUser({ db, email: account.email, name: account.name, password: demoPassword });
    if (!created) throw new Error(`Demo account ${account.email} exists already`);
    userIds.set(account.email, created.id);
  }
  const adminId = userIds.get("admin@example.org")!;
  const coordinatorId = userIds.get("coordinator@example.org")!;
  for (const account of demoAccounts) {
    for (const role of account.roles) await grantRole({ db, userId: userIds.get(account.email)!, role, grantedBy: adminId });
  }

  for (const org of demoOrganisations) {
    const owner = demoAccounts.find((a) => a.owns === org.name);
    const result = await createOrganisation({
      db,
      ownerUserId: owner ? userIds.get(owner.email)! : null,
      status: "active",
      isExample: true,
      input: {
        name: org.name,
        orgNumber: withCheckDigit(org.orgNumberStem),
        kind: org.kind,
        description: org.description,
        contactEmail: org.contactEmail,
        contactPhone: null,
        website: null,
        serviceAreas: org.serviceAreas,
        targetGroups: splitList(org.targetGroups),
        workforceShare: org.workforceShare,
        workforceShareDate: org.workforceShare === null ? null : "2026-09-30",
      },
    });
    if (!result.ok) throw new Error(`Demo organisation ${org.name}: ${result.error}`);
    if (org.verified) await verifyOrganisation({ db, organisationId: result.id, coordinatorId });
    for (const offering of org.offerings) {
      const created = await createOffering({ db, organisationId: result.id, input: offering });
      if (!created.ok) throw new Error(`Demo organisation ${org.name}: too many offerings`);
      const offeringId = created.id;
      for (const line of offering.capacity) {
        await addCapacityLine({ db, organisationId: result.id, offeringId, input: line });
      }
    }
  }
  // Requests first: meetings, the pilot and joint bids link to the salad-catering request.
  await seedDemoRequests(db);
  await seedDemoMeetings(db);
  await seedDemoPilot(db);
  await seedDemoBids(db);
  await seedDemoTender(db);
  await seedDemoSecurity(db);
  // The demo's notifications stay under the bell; its e-mails (registrations, approvals, …) are not sent.
  await db
    .deleteFrom("email_outbox")
    .where("id", ">", Number(outboxBefore?.id ?? 0))
    .execute();
}
