import { z } from "zod";
import { goalAreas, annualSections } from "../domain/annual-report";
import { genders, notePoints, outcomeCategories, procurementKinds, procurementStatuses, validateOutcomeCounts } from "../domain/pilot";
import { estimateParameterKeys, parameterInRange } from "../domain/socio-economic";
import { choice, isValidIsoDate, optionalDate, optionalLine, optionalText, parseSubmission, requiredLine, requiredText } from "../utils/forms";
import { parseId } from "../utils/ids";

/**
 * Form schemas of the pilot and annual-report pages, read on the server by `parseSubmission` and on
 * the page for their inputs' limits (decision 030); messages are locale keys as in forms.ts.
 */

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const optionalId = z.preprocess(blankToNull, z.string().nullable().default(null)).transform((v, ctx) => {
  if (v === null) return null;
  const id = parseId(v.trim());
  if (id === null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.choose" });
    return z.NEVER;
  }
  return id;
});

/** A whole number of people or kronor; spaces as thousands separators are allowed ("12 000"). */
const count = (max: number, key = "form.pilot.count") =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s\u00a0]/g, "") : v),
    z
      .string({ required_error: key, invalid_type_error: key })
      .regex(/^\d{1,12}$/, key)
      .transform(Number)
      .refine((n) => n <= max, key),
  );

const optionalCount = (max: number) => z.preprocess(blankToNull, count(max, "form.pilot.amount").nullable().default(null));

/** A decimal number written the Swedish or the English way ("21,24" or "21.24"). */
const decimal = (key: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\s\u00a0]/g, "").replace(",", ".") : v),
    z
      .string({ required_error: key, invalid_type_error: key })
      .regex(/^-?\d{1,12}(\.\d{1,4})?$/, key)
      .transform(Number),
  );

const requiredDate = z.string({ required_error: "form.date" }).trim().refine(isValidIsoDate, "form.date");

export const procurementSchema = z
  .object({
    title: requiredLine(200),
    buyingUnit: requiredLine(200),
    supplierOrganisationId: optionalId,
    supplierName: z.preprocess(blankToNull, optionalLine(200).nullable().default(null)),
    kind: choice(procurementKinds),
    cpvCode: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(10, "form.pilot.cpv")
        .regex(/^\d{8}-\d$/, "form.pilot.cpv")
        .nullable()
        .default(null),
    ),
    status: choice(procurementStatuses),
    startDate: optionalDate,
    endDate: optionalDate,
    contractValueSek: optionalCount(100_000_000_000),
    requestId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && v.endDate < v.startDate) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endDate"], message: "form.dateOrder" });
    }
  });

/**
 * The reply to a procurement the register refused: a supplier or request chosen on the page that
 * no longer exists is a wrong choice in its field, what was typed kept.
 */
export function procurementRefusal(
  submission: ReturnType<typeof parseSubmission<typeof procurementSchema>>,
  refusal: { error: "unknown_supplier" | "unknown_request" },
) {
  const field = refusal.error === "unknown_supplier" ? "supplierOrganisationId" : "requestId";
  return submission.reply({ fieldErrors: { [field]: [{ key: "form.choose" }] } });
}

export const notesSchema = z.object(
  Object.fromEntries(notePoints.map((p) => [`note${p}`, optionalText(5000)])) as Record<`note${(typeof notePoints)[number]}`, ReturnType<typeof optionalText>>,
);

/** The parsed notes form as texts per reporting point. */
export function notesFromForm(values: z.output<typeof notesSchema>) {
  return { 2: values.note2, 3: values.note3, 4: values.note4, 7: values.note7, 8: values.note8 };
}

export const extraCostSchema = z.object({
  description: requiredLine(300),
  amountSek: count(1_000_000_000, "form.pilot.amount"),
  proposal: requiredText(2000),
});

const outcomeFieldNames = {
  work: "work",
  studies: "studies",
  unemployment_benefit: "unemploymentBenefit",
  social_assistance: "socialAssistance",
  other_unknown: "otherUnknown",
} as const;

export const outcomeSchema = z
  .object({
    periodFrom: requiredDate,
    periodTo: requiredDate,
    gender: choice(genders),
    participants: count(100_000),
    onSocialAssistance: count(100_000),
    work: count(100_000),
    studies: count(100_000),
    unemploymentBenefit: count(100_000),
    socialAssistance: count(100_000),
    otherUnknown: count(100_000),
  })
  .transform((v) => ({
    periodFrom: v.periodFrom,
    periodTo: v.periodTo,
    gender: v.gender,
    participants: v.participants,
    onSocialAssistance: v.onSocialAssistance,
    outcomes: Object.fromEntries(outcomeCategories.map((c) => [c, v[outcomeFieldNames[c]]])) as Record<(typeof outcomeCategories)[number], number>,
  }))
  .superRefine((v, ctx) => {
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["periodTo"], message: "form.dateOrder" });
    const error = validateOutcomeCounts(v);
    if (error === "onSocialAssistanceExceeds") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["onSocialAssistance"], message: "form.pilot.onSocialAssistanceExceeds" });
    }
    if (error === "outcomesExceed") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["work"], message: "form.pilot.outcomesExceed" });
  });

export const parameterSchema = z
  .object({
    key: choice(estimateParameterKeys),
    value: decimal("form.pilot.number"),
    validFrom: requiredDate,
    source: requiredLine(500),
    isExample: z.preprocess((v) => v === "on", z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (!parameterInRange(v.key, v.value)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["value"], message: "form.pilot.outOfRange" });
  });

export const periodSchema = z.object({ from: requiredDate, to: requiredDate }).superRefine((v, ctx) => {
  if (v.to < v.from) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "form.dateOrder" });
});

/** The pilot ran from the municipal board's decision to the end of 2024. */
export const defaultReportPeriod = { from: "2023-01-01", to: "2024-12-31" };

/**
 * The report period asked for in the query (the whole pilot when none is given), read as the page's
 * period form: a failed one replies with its messages and what was typed.
 */
export function reportPeriodFromUrl(url: URL) {
  const query = new FormData();
  query.set("from", url.searchParams.get("from") ?? defaultReportPeriod.from);
  query.set("to", url.searchParams.get("to") ?? defaultReportPeriod.to);
  return parseSubmission(query, periodSchema);
}

/** Whether an organisation takes part in the pilot: the participants page's buttons send it. */
export const participationSchema = z.object({
  organisationId: z.preprocess(parseId, z.number({ invalid_type_error: "form.choose" })),
  participates: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const activitySchema = z.object({
  goalArea: choice(goalAreas),
  activity: requiredLine(300),
  hours: z.preprocess(
    blankToNull,
    decimal("form.pilot.number")
      .refine((n) => n >= 0 && n <= 10_000, "form.pilot.outOfRange")
      .nullable()
      .default(null),
  ),
  percentOfTime: z.preprocess(
    blankToNull,
    decimal("form.percent")
      .refine((n) => n >= 0 && n <= 100, "form.percent")
      .nullable()
      .default(null),
  ),
  // Left empty, the cost is "not entered" and the report shows "—"; 0 is a cost of nothing.
  costSek: optionalCount(1_000_000_000),
});

export const sectionTextSchema = z.object({
  section: choice(annualSections),
  introduction: optionalText(5000),
  conclusion: optionalText(5000),
});
