/**
 * A verification vouches for the facts a coordinator checked: an organisation's kind, its
 * organisation number and its workforce share with its date. When the owner changes one of them
 * the verification ends (no "verified" or "eligible for reserved contracts" badge, the share shown
 * as self-declared) and the coordinators' page shows what changed until someone verifies again.
 * Other edits leave it alone. Replayed with the probe's edit: the kind and a share of 95 %.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedProfileValues } from "../../app/components/organisation-profile-fields";
import { toOrganisationView } from "../../app/models/organisation.server";
import { listAuditLog } from "../../app/models/audit-log.server";
import { action as coordinatorAction, loader as coordinatorLoader } from "../../app/routes/coordinator";
import { loader as profileLoader } from "../../app/routes/organisations.$slug";
import { action as editAction } from "../../app/routes/organisations.$slug_.edit";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor } from "./support/requests";

let db: DB;
let close: () => Promise<void>;
let member: string;
let coordinator: string;
const slug = "fontanhuset-lund";

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  member = await sessionCookieFor(db, "member@example.org");
  coordinator = await sessionCookieFor(db, "coordinator@example.org");
});
afterAll(() => close());

/** The profile form as the edit page sends it, from what is stored, with `changes` typed over it. */
async function saveProfile(changes: Record<string, string>) {
  const org = await db.selectFrom("organisation").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
  const areas = await db.selectFrom("organisation_service_area").select("area").where("organisation_id", "=", org.id).execute();
  const fields = {
    intent: "profile",
    ...storedProfileValues(
      toOrganisationView(org),
      areas.map((a) => a.area),
      [],
    ),
    ...changes,
  };
  return answerOf(() => editAction({ request: formRequest(`/organisations/${slug}/edit`, fields, member), params: { slug }, context: {} }));
}

async function publicProfile() {
  const answer = await answerOf(() => profileLoader({ request: getRequest(`/organisations/${slug}`), params: { slug }, context: {} }));
  return answer.data as { organisation: { verifiedAt: string | null; workforceShare: number | null }; reservedEligible: boolean };
}

async function coordinatorView() {
  const answer = await answerOf(() => coordinatorLoader({ request: getRequest("/coordinator", coordinator), params: {}, context: {} }));
  const { organisations } = answer.data as { organisations: { slug: string; verifiedAt: string | null; changedSinceVerified: unknown[] }[] };
  return organisations.find((o) => o.slug === slug)!;
}

const toastKey = (answer: { headers: Headers }) =>
  JSON.parse(Buffer.from(/toast=([^;]+)/.exec(answer.headers.get("Set-Cookie") ?? "")![1], "base64url").toString()).key as string;

describe("a verified organisation's owner", () => {
  it("changing its kind and workforce share ends the verification, and the coordinator sees what changed", async () => {
    const before = await publicProfile();
    expect(before.organisation.verifiedAt).not.toBeNull();
    expect(before.reservedEligible).toBe(true);

    // A change to nothing verified keeps the verification.
    const description = await saveProfile({ description: "Klubbhus i Lund med kök och café." });
    expect(description.status).toBe(302);
    expect(toastKey(description)).toBe("edit.saved");
    expect((await publicProfile()).organisation.verifiedAt).not.toBeNull();

    const probe = await saveProfile({ kind: "work_integrating", workforceShare: "95" });
    expect(probe.status).toBe(302);
    expect(toastKey(probe)).toBe("edit.savedVerificationEnded");
    const after = await publicProfile();
    expect(after.organisation.workforceShare).toBe(95);
    expect(after.organisation.verifiedAt).toBeNull();
    expect(after.reservedEligible).toBe(false);

    expect((await coordinatorView()).changedSinceVerified).toEqual([
      { fact: "kind", verified: "social_organisation", now: "work_integrating" },
      { fact: "workforce_share", verified: 80, now: 95 },
    ]);
    const { entries } = await listAuditLog({ db, page: 1, pageSize: 5 });
    const ended = entries.find((e) => e.action === "verificationEnded")!;
    expect(JSON.parse(ended.details)).toEqual({ kind: "social_organisation → work_integrating", workforce_share: "80 → 95" });

    // Verified again: the new facts are the verified ones, and saving them unchanged keeps it.
    const organisationId = await organisationIdBySlug(db, slug);
    const verify = formRequest("/coordinator", { intent: "verify", organisationId: String(organisationId) }, coordinator);
    expect((await answerOf(() => coordinatorAction({ request: verify, params: {}, context: {} }))).status).toBe(302);
    expect(await coordinatorView()).toMatchObject({ changedSinceVerified: [] });
    expect((await publicProfile()).reservedEligible).toBe(true);
    expect(toastKey(await saveProfile({}))).toBe("edit.saved");
    expect((await publicProfile()).reservedEligible).toBe(true);

    // The date the share rests on is a verified fact too.
    expect(toastKey(await saveProfile({ workforceShareDate: "2026-12-01" }))).toBe("edit.savedVerificationEnded");
    expect((await coordinatorView()).changedSinceVerified).toEqual([{ fact: "workforce_share_date", verified: expect.any(String), now: "2026-12-01" }]);
  });
});
