import type { DB } from "../../../db/client.server";
import { coordinatorUserIds, memberUserIds, notifyUsers } from "../notification.server";

/**
 * Notices about organisations joining the network and who acts for them (decision 020). Each
 * function is one event, decides who hears what, and is called inside the transaction of the change.
 */

async function organisation(db: DB, organisationId: number) {
  return db.selectFrom("organisation").select(["name", "slug", "kind"]).where("id", "=", organisationId).executeTakeFirstOrThrow();
}

async function userName(db: DB, userId: string): Promise<string> {
  return (await db.selectFrom("user").select("name").where("id", "=", userId).executeTakeFirstOrThrow()).name;
}

/** A new organisation applied, or a rejected one applied again: the coordinators decide on it. */
export async function organisationApplied({ db, organisationId, userId, again }: { db: DB; organisationId: number; userId: string | null; again: boolean }) {
  const org = await organisation(db, organisationId);
  await notifyUsers({
    db,
    userIds: await coordinatorUserIds({ db }),
    message: {
      key: again ? "coordinator.appliedAgainNotice" : "coordinator.appliedNotice",
      vars: { organisation: org.name },
      details: [
        { key: "coordinator.appliedNoticeKind", vars: { kind: { key: `kind.${org.kind}` } } },
        ...(userId ? [{ key: "coordinator.appliedNoticeBy" as const, vars: { name: await userName(db, userId) } }] : []),
      ],
      link: "/coordinator",
    },
  });
}

/** The coordinators approved the application: its members hear that it is listed. */
export async function organisationApproved({ db, organisationId }: { db: DB; organisationId: number }) {
  const org = await organisation(db, organisationId);
  await notifyUsers({
    db,
    userIds: await memberUserIds({ db, organisationIds: [organisationId] }),
    message: {
      key: "coordinator.approvedNotice",
      vars: { organisation: org.name },
      details: [{ key: "coordinator.approvedNoticeNext" }],
      link: `/organisations/${org.slug}`,
    },
  });
}

/** A coordinator checked the organisation's details: its members hear when, and what the badge means. */
export async function organisationVerified({ db, organisationId, at }: { db: DB; organisationId: number; at: Date }) {
  const org = await organisation(db, organisationId);
  await notifyUsers({
    db,
    userIds: await memberUserIds({ db, organisationIds: [organisationId] }),
    message: {
      key: "coordinator.verifiedNotice",
      vars: { organisation: org.name },
      details: [{ key: "coordinator.verifiedNoticeWhen", vars: { at: { at: at.toISOString() } } }],
      link: `/organisations/${org.slug}`,
    },
  });
}

/** The application was turned down: its members hear why, and how to apply again. */
export async function applicationRejected({ db, organisationId, reason }: { db: DB; organisationId: number; reason: string }) {
  const org = await organisation(db, organisationId);
  await notifyUsers({
    db,
    userIds: await memberUserIds({ db, organisationIds: [organisationId] }),
    message: {
      key: "coordinator.rejectedNotice",
      vars: { name: org.name },
      details: [{ key: "coordinator.rejectedNoticeReason", vars: { reason } }, { key: "coordinator.rejectedNoticeAgain" }],
      link: `/organisations/${org.slug}/edit#apply-again`,
    },
  });
}

/** Someone asked to join: the owners decide, or, when it has none, the coordinators appoint one. */
export async function joinRequested({ db, organisationId, userId, owners }: { db: DB; organisationId: number; userId: string; owners: readonly string[] }) {
  const org = await organisation(db, organisationId);
  const name = await userName(db, userId);
  if (owners.length > 0) {
    // The owners are told where they will act on it: the organisation's members page.
    await notifyUsers({
      db,
      userIds: owners,
      message: { key: "members.joinRequestNotice", vars: { name, organisation: org.name }, link: `/organisations/${org.slug}/members` },
    });
  } else {
    await notifyUsers({
      db,
      userIds: await coordinatorUserIds({ db }),
      message: { key: "coordinator.joinWithoutOwnerNotice", vars: { name, organisation: org.name }, link: "/coordinator#owners" },
    });
  }
}

/** A coordinator made someone an owner: they hear it, and so do the organisation's other members. */
export async function ownerAppointed({ db, organisationId, userId, coordinatorId }: { db: DB; organisationId: number; userId: string; coordinatorId: string }) {
  const org = await organisation(db, organisationId);
  const by = await userName(db, coordinatorId);
  await notifyUsers({
    db,
    userIds: [userId],
    message: { key: "coordinator.ownerAppointedNotice", vars: { organisation: org.name, by }, link: `/organisations/${org.slug}/members` },
  });
  const others = (await memberUserIds({ db, organisationIds: [organisationId] })).filter((id) => id !== userId);
  await notifyUsers({
    db,
    userIds: others,
    message: {
      key: "coordinator.ownerAppointedOthersNotice",
      vars: { organisation: org.name, name: await userName(db, userId), by },
      link: `/organisations/${org.slug}`,
    },
  });
}

/** An owner who wants to leave asks the coordinators to appoint another owner. */
export async function ownerWanted({ db, organisationIds, userId }: { db: DB; organisationIds: readonly number[]; userId: string }) {
  const name = await userName(db, userId);
  for (const organisationId of organisationIds) {
    const org = await organisation(db, organisationId);
    await notifyUsers({
      db,
      userIds: await coordinatorUserIds({ db }),
      message: { key: "coordinator.ownerWantedNotice", vars: { name, organisation: org.name }, link: "/coordinator#owners" },
    });
  }
}
