import { describe, expect, it } from "vitest";
import { z } from "zod";
import { controlsByName, renderPage, type PageRoute } from "../support/render-page";
import { createElement } from "react";
import { capacityLineSchema, loginSchema, organisationProfileSchema, signupSchema } from "../../app/utils/forms";
import { CapacityLineForm, emptyCapacityLine } from "../../app/components/capacity-line-fields";
import * as offeringCapacity from "../../app/routes/organisations.$slug_.offerings.$offeringId._index";
import { changePasswordSchema, deleteAccountSchema, forgotPasswordSchema, resetPasswordSchema } from "../../app/forms/account-forms";
import { offeringConstraint, offeringSchema } from "../../app/forms/offering-form";
import { formatNumber } from "../../app/utils/i18n";
import * as login from "../../app/routes/login";
import * as signup from "../../app/routes/signup";
import * as forgotPassword from "../../app/routes/forgot-password";
import * as resetPassword from "../../app/routes/reset-password.$token";
import * as account from "../../app/routes/account";
import * as deleteAccount from "../../app/routes/account_.delete";
import * as newOrganisation from "../../app/routes/organisations.new";
import * as newOffering from "../../app/routes/organisations.$slug_.offerings.new";
import * as admin from "../../app/routes/admin";
import * as members from "../../app/routes/organisations.$slug_.members";
import * as auditLog from "../../app/routes/coordinator_.audit";
import * as coordinator from "../../app/routes/coordinator";
import * as annualReport from "../../app/routes/reports.$year";
import { ActivityForm, SectionTextForm } from "../../app/components/annual-report-forms";
import { activitySchema, sectionTextSchema } from "../../app/utils/pilot-forms";
import {
  appointOwnerSchema,
  auditFilterSchema,
  joinOrganisationSchema,
  memberRoleSchema,
  rejectApplicationSchema,
  roleChangeSchema,
} from "../../app/forms/administration-forms";

/**
 * The limits on a form's inputs are the schema's: for every field of every form on Conform, the
 * rendered input's `maxlength`, `required`, `min` and `max` are read off the page and compared
 * with what the Zod schema itself says (Zod's own `maxLength`, `isOptional()`, `minValue`,
 * `maxValue`), so a limit written twice, or an input without its limit, fails here.
 */

/** The Zod type a field's input is checked against: through refinements, defaults and preprocessing. */
function innermost(schema: z.ZodTypeAny): z.ZodTypeAny {
  const def = schema._def as { typeName: string; schema?: z.ZodTypeAny; innerType?: z.ZodTypeAny; in?: z.ZodTypeAny };
  if (def.typeName === "ZodEffects") return innermost(def.schema!);
  if (def.typeName === "ZodDefault" || def.typeName === "ZodOptional" || def.typeName === "ZodNullable") return innermost(def.innerType!);
  if (def.typeName === "ZodPipeline") return innermost(def.in!);
  return schema;
}

function fieldsOf(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> {
  const object = innermost(schema);
  if (!(object instanceof z.ZodObject)) throw new Error("A form's schema is an object");
  return object.shape as Record<string, z.ZodTypeAny>;
}

const page = (module: { default: PageRoute["Component"]; handle?: unknown }, path: string, loaderData: unknown): PageRoute => ({
  path,
  Component: module.default,
  handle: module.handle,
  loader: () => loaderData,
});

/** An organisation waiting for a coordinator's decision, as the coordinator's page lists it. */
const applicant = {
  id: 1,
  slug: "x",
  name: "X",
  status: "applicant",
  kind: "work_integrating",
  orgNumber: "556000-0000",
  createdAt: "2026-01-01T00:00:00.000Z",
  rejectedAt: null,
  rejectionReason: null,
  contactEmail: null,
  contactPhone: null,
  workforceShare: null,
  workforceShareDate: null,
  verifiedAt: null,
  verifiedByName: null,
  verificationEndedAt: null,
  applicants: [],
  changedSinceVerified: [],
};

const forms: { form: string; url: string; route: PageRoute; schema: z.ZodTypeAny }[] = [
  { form: "log in", url: "/login", route: page(login, "login", null), schema: loginSchema },
  { form: "sign up", url: "/signup", route: page(signup, "signup", { sent: false }), schema: signupSchema },
  { form: "forgotten password", url: "/forgot-password", route: page(forgotPassword, "forgot-password", null), schema: forgotPasswordSchema },
  { form: "new password", url: "/reset-password/t", route: page(resetPassword, "reset-password/:token", { valid: true }), schema: resetPasswordSchema },
  {
    form: "change password",
    url: "/account",
    route: page(account, "account", { name: "Ada", email: "ada@example.org", emailNotifications: true }),
    schema: changePasswordSchema,
  },
  { form: "delete account", url: "/account/delete", route: page(deleteAccount, "account/delete", { soleOwnerOf: [] }), schema: deleteAccountSchema },
  {
    form: "organisation profile",
    url: "/organisations/new",
    route: page(newOrganisation, "organisations/new", { memberships: [], joinable: [], email: "ada@example.org", verified: true }),
    schema: organisationProfileSchema,
  },
  {
    form: "offering",
    url: "/organisations/x/offerings/new",
    route: page(newOffering, "organisations/:slug/offerings/new", { organisation: { slug: "x", name: "X" }, constraint: offeringConstraint }),
    schema: offeringSchema,
  },
  {
    // The capacity lines are forms inside the offering's page; the new line's form stands for them.
    form: "capacity line",
    url: "/capacity",
    route: {
      path: "capacity",
      handle: offeringCapacity.handle,
      Component: () =>
        createElement(CapacityLineForm, {
          idPrefix: "line-new",
          lastResult: undefined,
          defaultValue: emptyCapacityLine,
          unitLabel: "portioner",
          children: null,
        }),
    },
    schema: capacityLineSchema,
  },
  {
    form: "join an organisation",
    url: "/organisations/new",
    route: page(newOrganisation, "organisations/new", { memberships: [], joinable: [{ id: 1, name: "X" }], email: "ada@example.org", verified: true }),
    schema: joinOrganisationSchema,
  },
  {
    form: "role change",
    url: "/admin",
    route: page(admin, "admin", { users: [{ id: "u1", name: "Ada", email: "ada@example.org", roles: [] }], total: 1, page: 1, search: "" }),
    schema: roleChangeSchema,
  },
  {
    form: "member's role",
    url: "/organisations/x/members",
    route: page(members, "organisations/:slug/members", {
      organisation: { slug: "x", name: "X" },
      members: [{ user_id: "u1", name: "Ada", email: "ada@example.org", status: "active", role: "owner" }],
      isOwner: true,
      userId: "u1",
    }),
    schema: memberRoleSchema,
  },
  {
    form: "audit log filter",
    url: "/coordinator/audit",
    route: page(auditLog, "coordinator/audit", {
      total: 0,
      page: 1,
      values: { organisation: "", person: "", kind: "", from: "", to: "" },
      reply: null,
      filtered: false,
      choices: { organisations: [], people: [] },
      entries: [],
    }),
    schema: auditFilterSchema,
  },
  {
    form: "application rejection",
    url: "/coordinator?reject=1",
    route: page(coordinator, "coordinator", { organisations: [applicant], withoutOwner: [] }),
    schema: rejectApplicationSchema,
  },
  {
    form: "owner appointment",
    url: "/coordinator",
    // No organisations, so that the first control named organisationId is the appointment's choice, not a card's hidden field.
    route: page(coordinator, "coordinator", { organisations: [], withoutOwner: [] }),
    schema: appointOwnerSchema,
  },
  {
    // The annual report's forms sit inside its sections; rendered alone, as the capacity line's.
    form: "annual report section text",
    url: "/text",
    route: {
      path: "text",
      handle: annualReport.handle,
      Component: () =>
        createElement(SectionTextForm, {
          section: "network",
          title: "Nätverket",
          text: { introduction: "", conclusion: "", updatedAt: null, updatedByName: null },
          lastResult: undefined,
        }),
    },
    schema: sectionTextSchema,
  },
  {
    form: "annual report activity",
    url: "/activity",
    route: { path: "activity", handle: annualReport.handle, Component: () => createElement(ActivityForm, { lastResult: undefined }) },
    schema: activitySchema,
  },
];

describe.each(forms)("the $form form", ({ url, route, schema }) => {
  it("has on each input the limits its schema sets", async () => {
    const { status, html } = await renderPage(route, new Request(`http://localhost${url}`));
    expect(status).toBe(200);
    const controls = controlsByName(html);
    const fields = Object.entries(fieldsOf(schema));
    expect(fields.length).toBeGreaterThan(0);
    for (const [name, field] of fields) {
      const inner = innermost(field);
      if (inner instanceof z.ZodArray) continue; // a checkbox group: no limit of its own
      const control = controls.get(name)?.[0];
      expect(control, `an input named ${name}`).toBeDefined();
      const { tag, attributes } = control!;
      if (attributes.type !== "hidden") expect("required" in attributes, `${name} required`).toBe(!field.isOptional());
      if (inner instanceof z.ZodString) {
        const limit = inner.maxLength;
        if (tag === "textarea" && limit !== null && attributes.maxlength === undefined) {
          // A counted text is not cut off at its limit; it says the limit and counts down to it.
          expect(html, `${name} counts down to ${limit}`).toContain(`av ${formatNumber("sv", limit)}`);
        } else {
          expect(attributes.maxlength, `${name} maxlength`).toBe(limit === null ? undefined : String(limit));
        }
      }
      if (inner instanceof z.ZodNumber) {
        expect(attributes.min, `${name} min`).toBe(inner.minValue === null ? undefined : String(inner.minValue));
        expect(attributes.max, `${name} max`).toBe(inner.maxValue === null ? undefined : String(inner.maxValue));
      }
    }
  });
});
