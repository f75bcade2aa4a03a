import { z } from "zod";
import { cpvCodeField, optionalCpvCodeField, withCpvChoice } from "./cpv-field";
import { offeringUnits } from "../domain/organisation";
import { stockholmToUtc, utcToStockholmFields } from "../domain/lund-time";
import { MAX_DEMAND_LINES, MAX_RFI_QUESTIONS, requestFields as buyerFields, requestKinds, responseInterests, type RequestFields } from "../domain/request";
import { choice, email, isValidIsoDate, optionalPhone, optionalText, requiredLine, requiredText } from "../utils/forms";

/**
 * The request and response forms: how the submitted fields are read (plain names, so the forms
 * work without JavaScript) and validated. Messages are locale keys; the page shows them by field.
 */

/** Demand-line rows are named `line-N-item`, `line-N-quantity`, …; weekdays are a checkbox group. */
export interface DemandLineValues {
  id: string;
  item: string;
  unit: string;
  quantity: string;
  site: string;
  /** What is delivered, when it is more than the request's code says; may be empty. */
  cpvCode: string;
  weekdays: string[];
}

export interface RequestFormValues {
  kind: string;
  title: string;
  description: string;
  cpvCode: string;
  /** A CPV code picked among the suggestions shown after words that fit several. */
  cpvChoice?: string;
  periodFrom: string;
  periodTo: string;
  deadlineDate: string;
  deadlineTime: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  questions: string;
  changeNote: string;
  /** The checkbox: each demand line is a lot of its own. */
  linesAreLots: boolean;
  lines: DemandLineValues[];
}

export const emptyLine: DemandLineValues = { id: "", item: "", unit: "portions", quantity: "", site: "", cpvCode: "", weekdays: [] };

const str = (formData: FormData, name: string) => {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
};

/** What the user sent, as strings, for validation and to put back into the form after an error. */
export function requestValuesFromForm(formData: FormData): RequestFormValues {
  const indexes = new Set<number>();
  for (const key of formData.keys()) {
    const m = /^line-(\d{1,3})-/.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const lines = [...indexes]
    .sort((a, b) => a - b)
    .slice(0, MAX_DEMAND_LINES + 10)
    .map((i) => ({
      id: str(formData, `line-${i}-id`),
      item: str(formData, `line-${i}-item`),
      unit: str(formData, `line-${i}-unit`),
      quantity: str(formData, `line-${i}-quantity`),
      site: str(formData, `line-${i}-site`),
      cpvCode: str(formData, `line-${i}-cpvCode`),
      weekdays: formData.getAll(`line-${i}-weekdays`).map(String),
    }));
  return {
    kind: str(formData, "kind"),
    title: str(formData, "title"),
    description: str(formData, "description"),
    cpvCode: str(formData, "cpvCode"),
    cpvChoice: str(formData, "cpvChoice"),
    periodFrom: str(formData, "periodFrom"),
    periodTo: str(formData, "periodTo"),
    deadlineDate: str(formData, "deadlineDate"),
    deadlineTime: str(formData, "deadlineTime"),
    contactName: str(formData, "contactName"),
    contactEmail: str(formData, "contactEmail"),
    contactPhone: str(formData, "contactPhone"),
    questions: str(formData, "questions"),
    changeNote: str(formData, "changeNote"),
    linesAreLots: formData.get("linesAreLots") === "on",
    lines,
  };
}

/** A row the user left completely empty is not a demand line. */
export function isBlankLine(line: DemandLineValues): boolean {
  return !line.item.trim() && !line.quantity.trim() && !line.site.trim() && !line.cpvCode?.trim() && line.weekdays.length === 0;
}

const dateField = z.string().trim().refine(isValidIsoDate, "form.date");
const positiveInt = z
  .string()
  .trim()
  .regex(/^[0-9]{1,7}$/, "form.positiveInteger")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 1_000_000, "form.positiveInteger");

const lineSchema = z.object({
  id: z.string().transform((v) => (/^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : null)),
  item: requiredLine(200),
  unit: choice(offeringUnits),
  quantity: positiveInt,
  site: requiredLine(120),
  // Optional: a line without its own code is bought under the request's code alone.
  cpvCode: optionalCpvCodeField,
  weekdays: z
    .array(z.string())
    .transform((days) => [...new Set(days.filter((d) => /^[1-7]$/.test(d)).map(Number))].sort())
    .refine((days) => days.length > 0, "form.weekdays"),
});

const requestFields = z
  .object({
    kind: choice(requestKinds),
    title: requiredLine(200),
    description: optionalText(8000),
    cpvCode: cpvCodeField,
    periodFrom: dateField,
    periodTo: dateField,
    deadlineDate: dateField,
    deadlineTime: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.request.time"),
    contactName: requiredLine(120),
    contactEmail: email,
    contactPhone: optionalPhone,
    questions: z
      .string()
      .max(20_000, "form.tooLong")
      .transform((v) =>
        v
          .split(/\r?\n/)
          .map((q) => q.trim())
          .filter(Boolean),
      )
      .refine((qs) => qs.length <= MAX_RFI_QUESTIONS, { message: "form.request.tooManyQuestions", params: { max: MAX_RFI_QUESTIONS } })
      .refine((qs) => qs.every((q) => q.length <= 1000), { message: "form.tooLong", params: { max: 1000 } }),
    changeNote: optionalText(2000),
    // Optional so that requests made in code (the demo, tests) are bought whole unless they say so.
    linesAreLots: z.boolean().optional(),
    lines: z
      .array(z.unknown())
      .transform((rows) => rows.filter((r) => !isBlankLine(r as DemandLineValues)))
      .pipe(z.array(lineSchema).max(MAX_DEMAND_LINES, "form.request.tooManyLines")),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "rfi" && v.lines.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lines"], message: "form.request.needsLine" });
    }
    if (v.kind !== "rfi" && v.questions.length > 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["questions"], message: "form.request.questionsOnlyRfi" });
    }
    if (v.kind === "rfi" && v.linesAreLots) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["linesAreLots"], message: "form.request.lotsNotRfi" });
    }
    if (v.periodTo < v.periodFrom) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["periodTo"], message: "form.dateOrder" });
    }
    const deadline = stockholmToUtc(v.deadlineDate, v.deadlineTime);
    const periodStart = stockholmToUtc(v.periodFrom, "00:00");
    if (deadline && periodStart && deadline >= periodStart) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["deadlineDate"], message: "form.request.deadlineBeforePeriod" });
    }
  })
  .transform((v) => ({ ...v, deadlineAt: stockholmToUtc(v.deadlineDate, v.deadlineTime)! }));

/** The request form; a CPV code picked among suggestions stands for the words typed. */
export const requestSchema = z.preprocess(withCpvChoice, requestFields);

export type RequestInput = z.output<typeof requestSchema>;

/**
 * The checks between fields (dates in order, deadline before the period) on what was typed. Zod
 * runs them only once every field is valid; a failed form merges these in, so all its messages
 * show at once.
 */
export function crossFieldErrors(values: RequestFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const from = values.periodFrom.trim();
  const to = values.periodTo.trim();
  if (isValidIsoDate(from) && isValidIsoDate(to) && to < from) errors.periodTo = "form.dateOrder";
  const deadline = stockholmToUtc(values.deadlineDate.trim(), values.deadlineTime.trim());
  const periodStart = isValidIsoDate(from) ? stockholmToUtc(from, "00:00") : null;
  if (deadline && periodStart && deadline >= periodStart) errors.deadlineDate = "form.request.deadlineBeforePeriod";
  return errors;
}

// --- Responses -------------------------------------------------------------------------------------

export interface ResponseFormValues {
  organisationId: string;
  interest: string;
  message: string;
  version: string;
  capacity: Record<string, string>;
  answers: Record<string, string>;
}

export function responseValuesFromForm(formData: FormData): ResponseFormValues {
  const capacity: Record<string, string> = {};
  const answers: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const c = /^capacity-(\d{1,16})$/.exec(key);
    if (c) capacity[c[1]] = value;
    const a = /^answer-(\d{1,16})$/.exec(key);
    if (a) answers[a[1]] = value;
  }
  return {
    organisationId: str(formData, "organisationId"),
    interest: str(formData, "interest"),
    message: str(formData, "message"),
    version: str(formData, "version"),
    capacity,
    answers,
  };
}

export const responseSchema = z.object({
  organisationId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "form.choose")
    .transform(Number),
  interest: choice(responseInterests),
  message: optionalText(4000),
  version: z
    .string()
    .regex(/^[0-9]{1,9}$/)
    .transform(Number)
    .catch(0),
  capacity: z.record(
    z
      .string()
      .trim()
      .transform((v) => (v === "" ? "0" : v))
      .pipe(
        z
          .string()
          .regex(/^[0-9]{1,7}$/, "form.request.capacity")
          .transform(Number),
      ),
  ),
  answers: z.record(z.string().trim().max(4000, "form.tooLong")),
});

export type ResponseInput = z.output<typeof responseSchema>;

export const questionSchema = z.object({ question: requiredText(2000) });
export const answerSchema = z.object({
  questionId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "form.required")
    .transform(Number),
  answer: requiredText(4000),
});

/** The form as it opens for a stored request, with `extraRows` empty demand-line rows below its lines. */
export function requestFormValues(
  request: RequestFields & { linesAreLots: boolean },
  lines: { id: number; item: string; unit: string; quantity: number; site: string; cpvCode: string | null; weekdays: number[] }[],
  questions: { text: string }[],
  extraRows = 3,
): RequestFormValues {
  const { deadlineAt, contactPhone, ...fields } = buyerFields(request);
  const deadline = utcToStockholmFields(deadlineAt);
  return {
    ...fields,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    contactPhone: contactPhone ?? "",
    questions: questions.map((q) => q.text).join("\n"),
    changeNote: "",
    linesAreLots: request.linesAreLots,
    lines: withEmptyRows(
      lines.map((l) => ({
        id: String(l.id),
        item: l.item,
        unit: l.unit,
        quantity: String(l.quantity),
        site: l.site,
        cpvCode: l.cpvCode ?? "",
        weekdays: l.weekdays.map(String),
      })),
      extraRows,
    ),
  };
}

/** The non-blank rows the user sent (so error keys "lines.N.field" point at row N), then empty rows. */
export function withEmptyRows(lines: DemandLineValues[], extraRows = 3): DemandLineValues[] {
  const filled = lines.filter((l) => !isBlankLine(l));
  return [...filled, ...Array.from({ length: Math.max(extraRows, 5 - filled.length) }, () => ({ ...emptyLine }))];
}

export function emptyRequestValues(contact: { name: string; email: string }): RequestFormValues {
  return {
    kind: "direct_purchase",
    title: "",
    description: "",
    cpvCode: "",
    periodFrom: "",
    periodTo: "",
    deadlineDate: "",
    deadlineTime: "12:00",
    contactName: contact.name,
    contactEmail: contact.email,
    contactPhone: "",
    questions: "",
    changeNote: "",
    linesAreLots: false,
    lines: withEmptyRows([]),
  };
}
