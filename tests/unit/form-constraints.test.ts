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
import * as pilotIndex from "../../app/routes/pilot._index";
import * as pilotProcurement from "../../app/routes/pilot.procurements.$procurementId";
import * as pilotEstimate from "../../app/routes/pilot.estimate";
import * as pilotParticipants from "../../app/routes/pilot.participants";
import * as pilotReport from "../../app/routes/pilot.report";
import { OutcomeForm, PeriodForm } from "../../app/components/pilot-sections";
import {
  extraCostSchema,
  notesSchema,
  outcomeSchema,
  parameterSchema,
  participationSchema,
  periodSchema,
  procurementSchema,
} from "../../app/forms/pilot-forms";
import * as tender from "../../app/routes/bids.$id_.tender";
import { PriceForm } from "../../app/components/tender/price-form";
import { TermsForm } from "../../app/components/tender/terms-form";
import { DetailsForm } from "../../app/components/tender/details-form";
import { awardSchema, priceFormSchema, tenderDetailsSchema, termsSchema } from "../../app/forms/tender-form";
import { defaultTerms } from "../../app/domain/tender/tender";
import * as bidCommitments from "../../app/routes/bids.$id.commitments";
import { CommitmentForm } from "../../app/components/bids/commitment-form";
import { commitmentSchema } from "../../app/forms/commitment-form";
import * as newRequest from "../../app/routes/requests.new";
import * as requestAward from "../../app/routes/requests.$id_.award";
import * as requestQuestions from "../../app/routes/requests.$id.qa";
import { emptyRequestValues, requestConstraint, requestSchema } from "../../app/forms/request-form";
import { answerSchema, questionSchema, responseSchema } from "../../app/forms/response-form";
import { getZodConstraint } from "@conform-to/zod/v3";
import { ResponseAndQuestions } from "../../app/components/requests/response-and-questions";
import type { RequestPageData } from "../../app/components/requests/page-data";
import { actionItemSchema, handoverSchema, meetingFormSchema, minutesSchema, registrationSchema } from "../../app/utils/meeting-forms";
import * as newMeeting from "../../app/routes/meetings.new";
import * as meetingPage from "../../app/routes/meetings.$id";
import * as meetingFollowUp from "../../app/routes/meetings.$id_.follow-up";
import * as meetingConveners from "../../app/routes/meetings.conveners";
import * as admin from "../../app/routes/admin";
import * as members from "../../app/routes/organisations.$slug_.members";
import * as auditLog from "../../app/routes/coordinator_.audit";
import * as coordinator from "../../app/routes/coordinator";
import * as annualReport from "../../app/routes/reports.$year";
import { ActivityForm, SectionTextForm } from "../../app/components/annual-report-forms";
import { activitySchema, sectionTextSchema } from "../../app/forms/pilot-forms";
import { appointOwnerSchema, joinOrganisationSchema, memberRoleSchema, rejectApplicationSchema, roleChangeSchema } from "../../app/forms/administration-forms";
import { auditFilterSchema } from "../../app/forms/audit-filter-form";

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

/** The pilot's register page with nothing in it yet. */
const pilotRegister = {
  access: "coordinator",
  procurements: [],
  choices: { organisations: [{ id: 1, name: "Lunds kommun" }], requests: [] },
  notes: {},
  extraCosts: [],
  changes: [],
  year: 2026,
};
/** A form drawn alone, as a page of its own with the catalogues of the route that shows it. */
const component = (handle: unknown, Component: PageRoute["Component"]): PageRoute => ({ path: "*", handle, Component });

/** A request page's end, where a member responds and asks and the buyer answers (fields from the request page's data). */
const requestPage: RequestPageData = {
  request: { id: 7, kind: "rfi", status: "published" },
  lines: [{ id: 11, item: "Sallad", site: "Stadshuset", quantity: 120, unit: "portions" }],
  questions: [{ id: 21, text: "Hur många?" }],
  qa: [{ id: 31, question: "Vilka dagar?", answer: null, askedAt: "2030-01-01T10:00:00Z", answeredAt: null }],
  responses: [],
  responderOrganisations: [{ id: 41, name: "Fontänhuset" }],
  isOwner: false,
  mayAsk: true,
  signedIn: true,
  open: true,
};
const requestEnd = (page: RequestPageData): PageRoute => ({
  path: "requests/:id/qa",
  handle: requestQuestions.handle,
  Component: () => createElement(ResponseAndQuestions, { page }),
});

/** A meeting open for registration, seen by a member of one organisation. */
const meetingPageData = {
  meeting: {
    id: 1,
    title: "Nätverksmöte",
    description: "",
    startsAt: "2099-03-27T09:00:00.000Z",
    endsAt: "2099-03-27T11:00:00.000Z",
    registrationDeadline: "2099-03-20T11:00:00.000Z",
    place: "Stadshallen",
    onlineUrl: null,
    capacity: 20,
    confirmed: 0,
    waitlisted: 0,
    status: "scheduled",
    sendReminder: true,
    minutes: "",
    minutesPublished: false,
    conveners: [],
    agenda: [],
  },
  signedIn: true,
  isCoordinator: false,
  closedReason: null,
  started: false,
  ownRegistration: null,
  ownOrganisations: [{ id: 1, name: "Lunds Sallader" }],
  registrations: null,
  attendance: null,
  minutesHtml: null,
  actions: null,
};

const followUpData = {
  meeting: { id: 1, title: "Nätverksmöte", minutes: "", minutesPublished: false, startsAt: "2020-03-27T09:00:00.000Z" },
  started: true,
  registrations: [],
  actions: [],
  organisations: [{ id: 1, name: "Lunds Sallader" }],
};

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

const forms: { form: string; url: string; route: PageRoute; schema: z.ZodTypeAny; except?: string[] }[] = [
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
  ...[
    { form: "procurement", schema: procurementSchema },
    { form: "pilot notes", schema: notesSchema },
    { form: "extra cost", schema: extraCostSchema },
  ].map(({ form, schema }) => ({
    form,
    url: "/pilot",
    route: page(pilotIndex, "pilot", pilotRegister),
    schema,
  })),
  {
    // The counts are a form inside the procurement's page; rendered alone, as the capacity line is.
    form: "outcome counts",
    url: "/outcome",
    route: { path: "outcome", handle: pilotProcurement.handle, Component: () => createElement(OutcomeForm, { lastResult: undefined }) },
    schema: outcomeSchema,
  },
  {
    form: "estimate parameter",
    url: "/pilot/estimate",
    route: page(pilotEstimate, "pilot/estimate", { canEdit: true, on: "2026-01-01", values: [], missing: [], perPerson: null, months: null }),
    schema: parameterSchema,
  },
  {
    form: "pilot participation",
    url: "/pilot/participants",
    route: page(pilotParticipants, "pilot/participants", {
      organisations: [{ id: 1, name: "Lunds kommun", slug: "lunds-kommun", kind: "buyer", status: "active", pilotParticipant: false }],
      isCoordinator: true,
    }),
    schema: participationSchema,
  },
  {
    // The report's period is a form above the report; rendered alone, with its loader's reply.
    form: "report period",
    url: "/period",
    route: {
      path: "period",
      handle: pilotReport.handle,
      Component: () => createElement(PeriodForm, { lastResult: { initialValue: { from: "2023-01-01", to: "2024-12-31" } } }),
    },
    schema: periodSchema,
  },
  // The tender page's forms, drawn alone: the price form's fields are a bid's lines and participants.
  {
    form: "tender prices",
    url: "/prices",
    route: component(tender.handle, () =>
      createElement(PriceForm, {
        page: {
          lines: [1, 2].map((id) => ({ demandLineId: id, item: "Sallad", unit: "portion", site: "Skola", quantity: 10 })),
          participants: [3, 4].map((id) => ({ organisationId: id, name: `Org ${id}` })),
          prices: { 1: { unitPriceOre: 6500, vatRate: 12 } },
          payments: {},
          terms: defaultTerms("Org 3"),
        },
        lastResult: undefined,
      }),
    ),
    schema: priceFormSchema([1, 2], [3, 4]),
  },
  {
    form: "consortium terms",
    url: "/terms",
    route: component(tender.handle, () => createElement(TermsForm, { terms: defaultTerms("Org 3"), lastResult: undefined })),
    schema: termsSchema,
  },
  {
    form: "ESPD details",
    url: "/details",
    route: component(tender.handle, () =>
      createElement(DetailsForm, { participant: { organisationId: 3, name: "Org 3", details: null }, lastResult: undefined }),
    ),
    schema: tenderDetailsSchema,
  },
  {
    form: "commitment",
    url: "/commitment",
    route: component(bidCommitments.handle, () =>
      createElement(CommitmentForm, {
        bidId: 1,
        organisationId: 2,
        commitment: {
          id: 3,
          capacityLineId: 4,
          offeringTitle: "Sallader",
          lineQuantity: 40,
          linePeriod: "weekday",
          lineWeekdays: [1, 3],
          lineSites: [],
          item: "Sallad",
          items: ["Sallad", "Soppa"],
          quantity: 10,
          weekdays: [1],
          sites: [],
          available: 30,
          deliveries: 20,
        },
        lastResult: undefined,
      }),
    ),
    schema: commitmentSchema,
  },
  {
    form: "request",
    url: "/requests/new",
    route: page(newRequest, "requests/new", {
      organisations: [{ id: 1, name: "Lunds kommun" }],
      values: emptyRequestValues({ name: "Ada", email: "ada@example.org" }),
      constraint: requestConstraint,
    }),
    schema: requestSchema,
    // Shown only once the request is published, required then by the model (the schema serves drafts too).
    except: ["changeNote"],
  },
  {
    form: "award",
    url: "/requests/7/award",
    route: page(requestAward, "requests/:id/award", {
      page: {
        request: { id: 7, title: "Sallad", status: "closed", deadlineAt: "2030-01-01T10:00:00Z", periodFrom: "2030-02-01", periodTo: "2030-06-30" },
        canAward: true,
        candidates: { bids: [], responses: [{ organisationId: 41, name: "Fontänhuset" }] },
        award: null,
      },
      constraint: getZodConstraint(awardSchema),
    }),
    schema: awardSchema,
  },
  { form: "response", url: "/requests/7/qa", route: requestEnd(requestPage), schema: responseSchema },
  { form: "question", url: "/requests/7/qa", route: requestEnd(requestPage), schema: questionSchema },
  { form: "answer", url: "/requests/7/qa", route: requestEnd({ ...requestPage, isOwner: true, responderOrganisations: [] }), schema: answerSchema },
  {
    form: "meeting",
    url: "/meetings/new",
    route: page(newMeeting, "meetings/new", { convenerOptions: [{ id: 1, name: "Lunds kommun" }], requestOptions: [] }),
    schema: meetingFormSchema,
  },
  { form: "meeting registration", url: "/meetings/1", route: page(meetingPage, "meetings/:id", meetingPageData), schema: registrationSchema },
  { form: "meeting minutes", url: "/meetings/1/follow-up", route: page(meetingFollowUp, "meetings/:id/follow-up", followUpData), schema: minutesSchema },
  { form: "action item", url: "/meetings/1/follow-up", route: page(meetingFollowUp, "meetings/:id/follow-up", followUpData), schema: actionItemSchema },
  {
    form: "convening handover",
    url: "/meetings/conveners",
    route: page(meetingConveners, "meetings/conveners", { candidates: [], handovers: [], history: [] }),
    schema: handoverSchema,
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
      members: [{ userId: "u1", name: "Ada", email: "ada@example.org", status: "active", role: "owner" }],
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

describe.each(forms)("the $form form", ({ url, route, schema, except = [] }) => {
  it("has on each input the limits its schema sets", async () => {
    const { status, html } = await renderPage(route, new Request(`http://localhost${url}`));
    expect(status).toBe(200);
    const controls = controlsByName(html);
    const fields = Object.entries(fieldsOf(schema));
    expect(fields.length).toBeGreaterThan(0);
    for (const [name, field] of fields) {
      const inner = innermost(field);
      if (inner instanceof z.ZodArray) continue; // a checkbox group: no limit of its own
      if (inner instanceof z.ZodRecord) continue; // a field per row (`capacity.12`): the rows' own inputs
      if (except.includes(name)) continue;
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

describe("the meeting form's agenda rows", () => {
  it("have on each row's inputs the limits the row's schema sets, none of them required (an empty row is skipped)", async () => {
    const meeting = forms.find((f) => f.form === "meeting")!;
    const { html } = await renderPage(meeting.route, new Request(`http://localhost${meeting.url}`));
    const controls = controlsByName(html);
    const agenda = innermost(fieldsOf(meetingFormSchema).agenda) as z.ZodArray<z.ZodTypeAny>;
    const row = Object.entries(fieldsOf(agenda.element));
    const shown = [...controls.keys()].filter((name) => name.startsWith("agenda["));
    expect(shown.length).toBe(row.length * 3);
    for (let i = 0; i < 3; i++) {
      for (const [name, field] of row) {
        const control = controls.get(`agenda[${i}].${name}`)?.[0];
        expect(control, `agenda[${i}].${name}`).toBeDefined();
        expect("required" in control!.attributes, `agenda[${i}].${name} required`).toBe(false);
        const inner = innermost(field);
        if (inner instanceof z.ZodString && control!.tag === "input") {
          expect(control!.attributes.maxlength, `agenda[${i}].${name} maxlength`).toBe(inner.maxLength === null ? undefined : String(inner.maxLength));
        }
      }
    }
  });
});
