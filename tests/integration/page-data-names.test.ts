import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportPersonalData } from "../../app/models/account.server";
import { loader as accountLoader } from "../../app/routes/account";
import { loader as meetingLoader } from "../../app/routes/meetings.$id";
import { loader as profileLoader } from "../../app/routes/organisations.$slug";
import { loader as editLoader } from "../../app/routes/organisations.$slug_.edit";
import { loader as membersLoader } from "../../app/routes/organisations.$slug_.members";
import { loader as offeringLoader } from "../../app/routes/organisations.$slug_.offerings.$offeringId";
import { loader as onboardingLoader } from "../../app/routes/organisations.new";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { storedNames } from "./support/page-data";
import { getRequest, sessionCookieFor } from "./support/requests";

/**
 * Members, a user's memberships, offerings, attendance and the account as pages read them: each
 * model maps its stored rows to the domain's camelCase names in one place, so no column's name
 * reaches a page. The values are checked against the stored rows, read here on their own.
 */

let db: DB;
let close: () => Promise<void>;
let member: string;
let memberId: string;
let fontanhuset: number;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  member = await sessionCookieFor(db, "member@example.org");
  memberId = (await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow()).id;
  fontanhuset = await organisationIdBySlug(db, "fontanhuset-lund");
});
afterAll(() => close());

type PageData = Record<string, unknown>;
const load = async (loader: (args: never) => unknown, url: string, params: Record<string, string> = {}): Promise<PageData> =>
  (await loader({ request: getRequest(url, member), params, context: {} } as never)) as PageData;

describe("the organisation pages' data", () => {
  it("lists the members under the domain's names, with the stored users and memberships", async () => {
    const page = await load(membersLoader, "/organisations/fontanhuset-lund/members", { slug: "fontanhuset-lund" });
    expect(storedNames(page, "members")).toEqual([]);
    const stored = await db
      .selectFrom("membership")
      .innerJoin("user", "user.id", "membership.user_id")
      .select(["user.id", "user.name", "user.email", "membership.role", "membership.status"])
      .where("membership.organisation_id", "=", fontanhuset)
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(page.members).toEqual(
      expect.arrayContaining(stored.map((row) => ({ userId: row.id, name: row.name, email: row.email, role: row.role, status: row.status }))),
    );
    expect((page.members as unknown[]).length).toBe(stored.length);
  });

  it("shows the offerings on the profile, the edit page and the offering's page with their CPV codes under the domain's names", async () => {
    const stored = await db.selectFrom("offering").select(["id", "cpv_code"]).where("organisation_id", "=", fontanhuset).orderBy("id").execute();
    expect(stored.length).toBeGreaterThan(0);
    const params = { slug: "fontanhuset-lund" };
    const profile = await load(profileLoader, "/organisations/fontanhuset-lund", params);
    const edit = await load(editLoader, "/organisations/fontanhuset-lund/edit", params);
    const offering = await load(offeringLoader, `/organisations/fontanhuset-lund/offerings/${stored[0].id}`, { ...params, offeringId: String(stored[0].id) });
    for (const [name, data] of Object.entries({ profile: profile.offerings, edit: { offerings: edit.offerings, members: edit.members }, offering })) {
      expect(storedNames(data, name)).toEqual([]);
    }
    const codes = (offerings: unknown) => new Map((offerings as { id: number; cpvCode: string }[]).map((o) => [o.id, o.cpvCode]));
    const storedCodes = new Map(stored.map((row) => [row.id, row.cpv_code]));
    expect(codes(profile.offerings)).toEqual(storedCodes);
    expect(codes(edit.offerings)).toEqual(storedCodes);
    expect((offering.offering as { cpvCode: string }).cpvCode).toBe(stored[0].cpv_code);
  });

  it("lists a user's memberships with their organisations' status under the domain's names", async () => {
    const page = await load(onboardingLoader, "/organisations/new");
    expect(storedNames(page.memberships, "memberships")).toEqual([]);
    const stored = await db
      .selectFrom("membership")
      .innerJoin("organisation", "organisation.id", "membership.organisation_id")
      .select(["organisation.slug", "organisation.status as organisationStatus", "organisation.rejected_at", "membership.status"])
      .where("membership.user_id", "=", memberId)
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(page.memberships).toEqual(
      expect.arrayContaining(
        stored.map((row) =>
          expect.objectContaining({ slug: row.slug, organisationStatus: row.organisationStatus, organisationRejectedAt: row.rejected_at, status: row.status }),
        ),
      ),
    );
  });

  it("keeps the data export's offering fields as they were: they are a public format", async () => {
    const exported = (await exportPersonalData({ db, userId: memberId })) as unknown as { organisations: { offerings: Record<string, unknown>[] }[] };
    const offering = exported.organisations.flatMap((o) => o.offerings)[0];
    expect(Object.keys(offering)).toEqual(["title", "description", "cpvCode", "unit", "capacity"]);
  });
});

describe("the meeting and account pages' data", () => {
  it("names who came to a meeting by the domain's names", async () => {
    const attended = await db
      .selectFrom("meeting_registration")
      .innerJoin("organisation", "organisation.id", "meeting_registration.organisation_id")
      .select(["meeting_registration.meeting_id", "organisation.name"])
      .where("meeting_registration.attended", "=", true)
      .executeTakeFirstOrThrow();
    const page = await load(meetingLoader, `/meetings/${attended.meeting_id}`, { id: String(attended.meeting_id) });
    expect(storedNames(page.attendance, "attendance")).toEqual([]);
    expect(page.attendance).toEqual(expect.arrayContaining([expect.objectContaining({ organisationName: attended.name })]));
  });

  it("gives the account page the notification choice that is stored", async () => {
    const stored = await db.selectFrom("user").select("email_notifications").where("id", "=", memberId).executeTakeFirstOrThrow();
    const page = await load(accountLoader, "/account");
    expect(storedNames(page, "account")).toEqual([]);
    expect(page.emailNotifications).toBe(Boolean(stored.email_notifications));
  });
});
