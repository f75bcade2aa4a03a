import { getZodConstraint } from "@conform-to/zod/v3";
import type { Submission } from "@conform-to/dom";
import { z } from "zod";
import { cpvChoices, cpvCodeField, optionalCpvCodeField, withCpvChoice } from "./cpv-field";
import { offeringUnits } from "../domain/organisation";
import { stockholmToUtc, utcToStockholmFields } from "../domain/lund-time";
import { MAX_DEMAND_LINES, MAX_RFI_QUESTIONS, requestFields as buyerFields, requestKinds, type RequestFields } from "../domain/request";
import { choice, email, isValidIsoDate, optionalPhone, optionalText, requiredLine, type FormMessage } from "../utils/forms";

/**
 * The request and response forms, read by Conform (`parseSubmission`): plain names and short
 * paths, so the forms work without JavaScript. Messages are locale keys; the page shows them by field.
 */

/** Demand-line rows are named `lines[N].item`, `lines[N].quantity`, …; weekdays are a checkbox group. */
export type DemandLineValues = {
  id: string;
  item: string;
  unit: string;
  quantity: string;
  site: string;
  /** What is delivered, when it is more than the request's code says; may be empty. */
  cpvCode: string;
  weekdays: string[];
};

export type RequestFormValues = {
  kind: string;
  title: string;
  description: string;
  cpvCode: string;
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
};

export const emptyLine: DemandLineValues = { id: "", item: "", unit: "portions", quantity: "", site: "", cpvCode: "", weekdays: [] };

const typed = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** A row the user left completely empty (its unit is always sent) is not a demand line. */
export function isBlankLine(row: unknown): boolean {
  if (typeof row !== "object" || row === null) return true;
  const line = row as Partial<Record<keyof DemandLineValues, unknown>>;
  const days = line.weekdays;
  const noDays = days === undefined || days === "" || (Array.isArray(days) && days.length === 0);
  return !typed(line.item) && !typed(line.quantity) && !typed(line.site) && !typed(line.cpvCode) && noDays;
}

const dateField = z.string({ required_error: "form.date" }).trim().refine(isValidIsoDate, "form.date");
const positiveInt = z
  .string({ required_error: "form.positiveInteger" })
  .trim()
  .regex(/^[0-9]{1,7}$/, "form.positiveInteger")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 1_000_000, "form.positiveInteger");

const lineSchema = z.object({
  id: z
    .string()
    .optional()
    .transform((v) => (v && /^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : null)),
  item: requiredLine(200),
  unit: choice(offeringUnits),
  quantity: positiveInt,
  site: requiredLine(120),
  // Optional: a line without its own code is bought under the request's code alone.
  cpvCode: optionalCpvCodeField,
  weekdays: z
    .array(z.string())
    .default([])
    .transform((days) => [...new Set(days.filter((d) => /^[1-7]$/.test(d)).map(Number))].sort())
    .refine((days) => days.length > 0, "form.weekdays"),
});

/** A blank row is read as nothing, in its place, so a message's row number is the row on the page. */
const lineOrBlank = z.preprocess((row) => (isBlankLine(row) ? null : row), lineSchema.nullable());

/**
 * The checks between fields (dates in order, deadline before the period), on what was typed:
 * before the fields are read, so their messages show with the fields' own, all at once (Zod runs
 * a check on the whole object only once every field is valid).
 */
function betweenFields(input: unknown, ctx: z.RefinementCtx): unknown {
  if (typeof input !== "object" || input === null) return input;
  const values = input as Record<string, unknown>;
  const from = typed(values.periodFrom);
  const to = typed(values.periodTo);
  if (isValidIsoDate(from) && isValidIsoDate(to) && to < from) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["periodTo"], message: "form.dateOrder" });
  }
  const deadline = stockholmToUtc(typed(values.deadlineDate), typed(values.deadlineTime));
  const periodStart = isValidIsoDate(from) ? stockholmToUtc(from, "00:00") : null;
  if (deadline && periodStart && deadline >= periodStart) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["deadlineDate"], message: "form.request.deadlineBeforePeriod" });
  }
  return input;
}

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
      .string({ required_error: "form.request.time" })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.request.time"),
    contactName: requiredLine(120),
    contactEmail: email,
    contactPhone: optionalPhone,
    questions: z
      .string()
      .max(20_000, "form.tooLong")
      .default("")
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
      .array(lineOrBlank)
      .default([])
      .transform((rows) => rows.filter((row) => row !== null))
      .refine((rows) => rows.length <= MAX_DEMAND_LINES, { message: "form.request.tooManyLines", params: { max: MAX_DEMAND_LINES } }),
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
  })
  .transform((v) => ({ ...v, deadlineAt: stockholmToUtc(v.deadlineDate, v.deadlineTime)! }));

/** The request form; a CPV code picked among suggestions stands for the words typed. */
export const requestSchema = z.preprocess(withCpvChoice, z.preprocess(betweenFields, requestFields));

export type RequestInput = z.output<typeof requestSchema>;

/** The limits of the request form's inputs, sent to the page by the loader, as the schema (CPV vocabulary) stays on the server. */
export const requestConstraint = getZodConstraint(requestSchema);

/**
 * The action's answer to a refused request form: the reply with room for more lines, and the CPV
 * codes to choose from when the request's CPV words fitted several. `reply` is a refusal of the
 * model's, when the fields were read but the change was not taken.
 */
export function refusedRequestForm(submission: Submission<unknown, FormMessage[]>, reply = submission.reply()) {
  const choices = cpvChoices(submission.status === "error" ? submission.error?.cpvCode?.[0] : undefined, String(submission.payload.cpvCode ?? ""));
  return { reply: withRoomForLines(reply), cpvChoices: choices };
}

/**
 * A refused request form as it goes back to the page: the rows as typed, in their places (a
 * message names its row by place), then empty rows to add more, as the form opens.
 */
export function withRoomForLines<R extends { initialValue?: Record<string, unknown> | null }>(reply: R): R {
  if (!reply.initialValue) return reply;
  const sent = reply.initialValue.lines;
  const rows = Array.isArray(sent) ? Array.from(sent, (row) => (typeof row === "object" && row !== null ? row : { ...emptyLine })) : [];
  return { ...reply, initialValue: { ...reply.initialValue, lines: withEmptyRows(rows) } };
}

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

/** The rows as they are, then empty rows: at least `extraRows` after the last one filled in, and five in all. */
export function withEmptyRows<Row>(rows: Row[], extraRows = 3): (Row | DemandLineValues)[] {
  let filled = rows.length;
  while (filled > 0 && isBlankLine(rows[filled - 1])) filled--;
  const length = Math.max(rows.length, filled + extraRows, 5);
  return [...rows, ...Array.from({ length: length - rows.length }, () => ({ ...emptyLine }))];
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
