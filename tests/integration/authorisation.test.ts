import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as editAction, loader as editLoader } from "../../app/routes/organisations.$slug_.edit";
import { action as offeringAction } from "../../app/routes/organisations.$slug_.offerings.$offeringId";
import { action as capacityAction } from "../../app/routes/organisations.$slug_.offerings.$offeringId._index";
import { action as newOfferingAction } from "../../app/routes/organisations.$slug_.offerings.new";
import { action as coordinatorAction, loader as coordinatorLoader } from "../../app/routes/coordinator";
import { action as adminAction } from "../../app/routes/admin";
import { loader as profileLoader } from "../../app/routes/organisations.$slug";
import { createOrganisation } from "../../app/models/organisation.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, sessionCookieFor } from "./support/requests";
import { profileInput } from "./fixtures";

let db: DB;
let close: () => Promise<void>;
let member: string;
let buyer: string;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  member = await sessionCookieFor(db, "member@example.org");
  buyer = await sessionCookieFor(db, "buyer@example.org");
});
afterAll(() => close());

const profileFields = {
  intent: "profile",
  name: "Taken over",
  orgNumber: "559123-4561",
  kind: "work_integrating",
  description: "changed",
};

describe("a member of one organisation", () => {
  it("cannot open or change another organisation's edit page", async () => {
    const args = (request: Request) => ({ request, params: { slug: "iris-kraft" }, context: {} });
    expect((await answerOf(() => editLoader(args(getRequest("/organisations/iris-kraft/edit", member))))).status).toBe(403);
    const result = await answerOf(() => editAction(args(formRequest("/organisations/iris-kraft/edit", profileFields, member))));
    expect(result.status).toBe(403);
    const iris = await db.selectFrom("organisation").select(["name", "description"]).where("slug", "=", "iris-kraft").executeTakeFirstOrThrow();
    expect(iris.name).toBe("Iris Kraft");
  });

  it("cannot add offerings to another organisation", async () => {
    const irisId = await organisationIdBySlug(db, "iris-kraft");
    const before = await db.selectFrom("offering").select("id").where("organisation_id", "=", irisId).execute();
    const result = await answerOf(() =>
      newOfferingAction({
        request: formRequest("/organisations/iris-kraft/offerings/new", { title: "x", cpvCode: "55520000-1", unit: "portions" }, member),
        params: { slug: "iris-kraft" },
        context: {},
      }),
    );
    expect(result.status).toBe(403);
    expect(await db.selectFrom("offering").select("id").where("organisation_id", "=", irisId).execute()).toHaveLength(before.length);
  });

  it("cannot reach another organisation's offering through its own slug (tampered id)", async () => {
    const irisId = await organisationIdBySlug(db, "iris-kraft");
    const irisOffering = await db.selectFrom("offering").select(["id", "title"]).where("organisation_id", "=", irisId).executeTakeFirstOrThrow();
    const args = (fields: Record<string, string>) => ({
      request: formRequest(`/organisations/fontanhuset-lund/offerings/${irisOffering.id}`, fields, member),
      params: { slug: "fontanhuset-lund", offeringId: String(irisOffering.id) },
      context: {},
    });
    const run = (fields: Record<string, string>) => answerOf(() => offeringAction(args(fields)));
    const runCapacity = (fields: Record<string, string>) => answerOf(() => capacityAction(args(fields)));
    expect((await run({ intent: "updateOffering", title: "Hijacked", cpvCode: "55520000-1", unit: "portions" })).status).toBe(404);
    expect((await run({ intent: "deleteOffering" })).status).toBe(404);
    const capacity = await db.selectFrom("capacity_line").select("id").where("offering_id", "=", irisOffering.id).executeTakeFirstOrThrow();
    expect((await runCapacity({ intent: "removeCapacity", capacityLineId: String(capacity.id) })).status).toBe(404);
    const after = await db.selectFrom("offering").select("title").where("id", "=", irisOffering.id).executeTakeFirstOrThrow();
    expect(after.title).toBe(irisOffering.title);
    expect(await db.selectFrom("capacity_line").select("id").where("id", "=", capacity.id).executeTakeFirst()).toBeDefined();
  });

  it("cannot move a capacity line of another organisation by naming it under its own offering", async () => {
    const fontanId = await organisationIdBySlug(db, "fontanhuset-lund");
    const ownOffering = await db.selectFrom("offering").select("id").where("organisation_id", "=", fontanId).executeTakeFirstOrThrow();
    const irisId = await organisationIdBySlug(db, "iris-kraft");
    const foreignLine = await db
      .selectFrom("capacity_line")
      .innerJoin("offering", "offering.id", "capacity_line.offering_id")
      .select(["capacity_line.id", "capacity_line.quantity"])
      .where("offering.organisation_id", "=", irisId)
      .executeTakeFirstOrThrow();
    const result = await answerOf(() =>
      capacityAction({
        request: formRequest(
          `/organisations/fontanhuset-lund/offerings/${ownOffering.id}`,
          { intent: "updateCapacity", capacityLineId: String(foreignLine.id), quantity: "1", period: "week" },
          member,
        ),
        params: { slug: "fontanhuset-lund", offeringId: String(ownOffering.id) },
        context: {},
      }),
    );
    expect(result.status).toBe(404);
    const unchanged = await db.selectFrom("capacity_line").select("quantity").where("id", "=", foreignLine.id).executeTakeFirstOrThrow();
    expect(unchanged.quantity).toBe(foreignLine.quantity);
  });

  it("keeps what was typed and names the field when the organisation number is bad", async () => {
    const result = await answerOf(() =>
      editAction({
        request: formRequest("/organisations/fontanhuset-lund/edit", { ...profileFields, name: "Fontänhuset Lund", orgNumber: "123" }, member),
        params: { slug: "fontanhuset-lund" },
        context: {},
      }),
    );
    expect(result).toMatchObject({
      status: 400,
      data: {
        form: "profile",
        reply: { error: { orgNumber: [{ key: "form.orgNumber.format" }] }, initialValue: { orgNumber: "123", description: "changed" } },
      },
    });
  });

  it("is told the number is taken when it belongs to another organisation", async () => {
    const result = await answerOf(() =>
      editAction({
        request: formRequest("/organisations/fontanhuset-lund/edit", { ...profileFields, name: "Fontänhuset Lund" }, member),
        params: { slug: "fontanhuset-lund" },
        context: {},
      }),
    );
    expect(result).toMatchObject({ status: 400, data: { reply: { error: { orgNumber: [{ key: "form.orgNumber.taken" }] } } } });
  });
});

describe("roles", () => {
  it("only coordinators reach coordination, and only admins grant roles", async () => {
    const request = getRequest("/coordinator", member);
    expect((await answerOf(() => coordinatorLoader({ request, params: {}, context: {} }))).status).toBe(403);
    const anonymous = await answerOf(() => coordinatorLoader({ request: getRequest("/coordinator"), params: {}, context: {} }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fcoordinator");
    const irisId = await organisationIdBySlug(db, "iris-kraft");
    const deactivate = await answerOf(() =>
      coordinatorAction({ request: formRequest("/coordinator", { intent: "deactivate", organisationId: String(irisId) }, buyer), params: {}, context: {} }),
    );
    expect(deactivate.status).toBe(403);
    const memberRow = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
    const grant = await answerOf(() =>
      adminAction({ request: formRequest("/admin", { intent: "grant", role: "admin", userId: memberRow.id }, member), params: {}, context: {} }),
    );
    expect(grant.status).toBe(403);
    expect(await db.selectFrom("user_role").select("role").where("user_id", "=", memberRow.id).execute()).toEqual([]);
  });

  it("lets a coordinator approve an applicant, which then becomes visible to visitors", async () => {
    const coordinator = await sessionCookieFor(db, "coordinator@example.org");
    const created = await createOrganisation({
      db,
      ownerUserId: null,
      input: profileInput({ name: "Nya Salladsbaren", orgNumber: "556677-8899", kind: "work_integrating" }),
    });
    if (!created.ok) throw new Error("fixture");
    const visitorView = () =>
      answerOf(() => profileLoader({ request: getRequest(`/organisations/${created.slug}`), params: { slug: created.slug }, context: {} }));
    expect((await visitorView()).status).toBe(404);
    const approve = await answerOf(() =>
      coordinatorAction({
        request: formRequest("/coordinator", { intent: "approve", organisationId: String(created.id) }, coordinator),
        params: {},
        context: {},
      }),
    );
    expect(approve.status).toBe(302);
    const row = await db.selectFrom("organisation").select(["status", "approved_by"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("active");
    expect(row.approved_by).not.toBeNull();
    expect(
      await answerOf(() => profileLoader({ request: getRequest(`/organisations/${created.slug}`), params: { slug: created.slug }, context: {} })),
    ).toMatchObject({
      status: 200,
      data: { organisation: { name: "Nya Salladsbaren" } },
    });
  });
});
