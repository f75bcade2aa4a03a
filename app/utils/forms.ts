import type { SubmissionResult } from "@conform-to/dom";
import { parseWithZod } from "@conform-to/zod/v3";
import { z } from "zod";
import { capacityPeriods, sitesFromText } from "../domain/capacity";
import { parseOrgNumber } from "../domain/org-number";
import { organisationKinds, serviceAreas, splitList } from "../domain/organisation";
import { formsMessages } from "../locales/forms";
import type { MessageKey, Translate } from "./i18n";

/**
 * Form schemas shared by the server (which decides) and the page (which shows the messages and
 * takes its inputs' limits from them). A schema's message is a locale key; the variables it needs
 * come with the Zod issue (a `.max(n, "form.tooLong")` carries its `n`) or, for a check of its own,
 * in the issue's `params`. The page receives them typed, as a `FormMessage` (decision 030).
 */

/** A message at a field or over a form: a locale key and its variables, never encoded in the key. */
export interface FormMessage {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** The variables a message of the forms catalogue names ("Högst {max} tecken" names `max`). */
function namedVariables(key: string): Set<string> | null {
  const text = (formsMessages.sv as Record<string, string>)[key];
  return text === undefined ? null : new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
}

/**
 * A Zod issue as the page shows it. A message that is not a key of ours (Zod's own English, for a
 * value no form field can send) reads as "fill in this field". The limit of a length or size check
 * goes with it when the message names it; a custom check passes its variables in `params`.
 */
export function issueMessage(issue: z.ZodIssue): FormMessage {
  if (!isMessageKeyShape(issue.message)) return { key: "form.required" };
  const key = issue.message as MessageKey;
  const values: Record<string, string | number> = {};
  const named = namedVariables(key);
  if (issue.code === z.ZodIssueCode.too_big && named?.has("max")) values.max = Number(issue.maximum);
  if (issue.code === z.ZodIssueCode.too_small && named?.has("min")) values.min = Number(issue.minimum);
  if (issue.code === z.ZodIssueCode.custom && issue.params) Object.assign(values, issue.params);
  return Object.keys(values).length > 0 ? { key, values } : { key };
}

/** A message in the page's language; its numbers (a limit, a count) written the way the page writes numbers ("4 000"). */
export function translateFormMessage(t: Translate, message: FormMessage, number: (value: number) => string): string {
  const values =
    message.values && Object.fromEntries(Object.entries(message.values).map(([name, value]) => [name, typeof value === "number" ? number(value) : value]));
  return t(message.key, values);
}

/** A locale key of any catalogue ("form.tooLong"), not one of Zod's English sentences ("Required"). */
const isMessageKeyShape = (message: string) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(message);

/** A field's issues as Conform carries them to the page: the first, which is the one shown. */
export function fieldMessages(issues: z.ZodIssue[]): FormMessage[] {
  return issues.slice(0, 1).map(issueMessage);
}

/**
 * A form's submission read by its schema on the server, which decides: Conform's parse (empty
 * fields as missing, checkbox groups as lists) with the messages typed. A failed one answers with
 * `submission.reply()`, status 400, which carries what was typed back to the page.
 */
export function parseSubmission<S extends z.ZodTypeAny>(formData: FormData, schema: S, lists: BoundedLists = {}) {
  return parseWithZod(plainFields(formData, lists), { schema, formatError: fieldMessages });
}

/**
 * The lists a form's fields may name rows of, with the most rows each holds: `{ agenda: 60 }` lets
 * `agenda[0].title` … `agenda[59].title` through.
 */
export type BoundedLists = Record<string, number>;

/** A refusal of a form that has no fields of its own (a button such as "Avanmäl"), as a reply with its message. */
export function refusalReply(message: FormMessage): SubmissionResult<FormMessage[]> {
  return { status: "error", error: { "": [message] } };
}

/**
 * Only fields with plain names, or short paths into lists and records, are read. Conform reads a
 * name with a path as nested values, and `x[20000000]` as a list of twenty million entries:
 * seconds of work and a reply of 100 MB for a request of a few bytes. So a list index has at most
 * two digits (a form's rows, such as a request's demand lines, are far fewer), a record key is a
 * word or an id (never one of an object's own, such as `__proto__` or `constructor`), and a path
 * is at most three steps long. A plain name may hold `-` (the tender's price fields are `price-12`,
 * `payment-3-12`). A form whose rows have a known most (`BoundedLists`) also drops rows beyond it.
 */
const pathStep = /^(?:\[(\d{1,2})\]|\.([A-Za-z0-9][A-Za-z0-9_]{0,63}))/;
const objectOwnKeys = new Set(["constructor", "prototype", "hasOwnProperty", "toString", "valueOf"]);

/** Whether Conform may read a field name: a plain name and at most three bounded steps. */
export function isBoundedFieldName(name: string): boolean {
  const head = /^[A-Za-z][A-Za-z0-9_-]{0,63}/.exec(name);
  if (!head) return false;
  let rest = name.slice(head[0].length);
  for (let steps = 0; rest !== ""; steps++) {
    const step = pathStep.exec(rest);
    if (!step || steps === 3 || (step[2] !== undefined && objectOwnKeys.has(step[2]))) return false;
    rest = rest.slice(step[0].length);
  }
  return true;
}

function plainFields(formData: FormData, lists: BoundedLists): FormData {
  const plain = new FormData();
  for (const [name, value] of formData.entries()) if (isBoundedFieldName(name) && withinListBound(name, lists)) plain.append(name, value);
  return plain;
}

/** A row of a list the form bounds (`agenda[N]…`) lies below that bound; other names are not its concern. */
function withinListBound(name: string, lists: BoundedLists): boolean {
  const row = /^([A-Za-z][A-Za-z0-9_-]{0,63})\[(\d+)\]/.exec(name);
  return row === null || !Object.hasOwn(lists, row[1]) || Number(row[2]) < lists[row[1]];
}

// --- Field types ---------------------------------------------------------------------------------

const text = () => z.string({ required_error: "form.required", invalid_type_error: "form.required" });

export const requiredText = (max: number) => text().trim().min(1, "form.required").max(max, "form.tooLong");

export const optionalText = (max: number) => z.string().trim().max(max, "form.tooLong").default("");

/**
 * What a one-line field may not hold: control characters (C0, DEL, C1, the tab included) and
 * Unicode's line and paragraph separators. Such a field's text goes into line-based files as it
 * is (a meeting's title into its calendar file, names into CSV rows and e-mail subjects), where a
 * pasted or forged line break would start a line of the sender's choosing.
 */
const notOneLine = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
export const isOneLine = (value: string) => !notOneLine.test(value);

/** A one-line text field (a name, a title, a place), as the page's single-line inputs send it. */
export const requiredLine = (max: number) => requiredText(max).refine(isOneLine, "form.oneLine");

export const optionalLine = (max: number) => z.string().trim().max(max, "form.tooLong").refine(isOneLine, "form.oneLine").default("");

/** An empty field becomes null. */
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const optionalEmail = z.preprocess(emptyToNull, text().trim().max(254, "form.tooLong").email("form.email").nullable().default(null));

/** "gronahander.se" or "www.x.se/om" become https://…; an address with a scheme stays as typed. */
export function withHttps(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return /^[^\s/:]+\.[^\s]+$/.test(trimmed) && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? `https://${trimmed}` : value;
}

export const optionalUrl = z.preprocess(
  (value) => withHttps(emptyToNull(value)),
  text()
    .trim()
    .max(300, "form.tooLong")
    .refine((v) => /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), "form.url")
    .nullable()
    .default(null),
);

export const optionalPhone = z.preprocess(
  emptyToNull,
  text()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, "form.phone")
    .nullable()
    .default(null),
);

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export function isValidIsoDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const optionalDate = z.preprocess(emptyToNull, text().trim().refine(isValidIsoDate, "form.date").nullable().default(null));

export const choice = <T extends string>(values: readonly T[]) =>
  z.string({ required_error: "form.choose" }).refine((v): v is T => (values as readonly string[]).includes(v), "form.choose") as unknown as z.ZodType<T>;

export const email = text().trim().min(1, "form.required").max(254, "form.tooLong").email("form.email");

export const password = z.string({ required_error: "form.required" }).min(8, "form.tooShort").max(128, "form.tooLong");

export const orgNumber = text()
  .trim()
  .min(1, "form.required")
  .transform((value, ctx) => {
    const parsed = parseOrgNumber(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `form.orgNumber.${parsed.reason}` });
      return z.NEVER;
    }
    return parsed.orgNumber;
  });

// --- Forms ----------------------------------------------------------------------------------------

export const loginSchema = z.object({
  email: text().trim().min(1, "form.required").max(254, "form.tooLong"),
  password: z.string({ required_error: "form.required" }).min(1, "form.required").max(1024, "form.tooLong"),
  redirectTo: z.string().optional(),
});

export const signupSchema = z.object({
  name: requiredLine(100),
  email,
  password,
});

export const organisationProfileSchema = z
  .object({
    name: requiredLine(120),
    orgNumber,
    kind: choice(organisationKinds),
    description: optionalText(4000),
    contactEmail: optionalEmail,
    contactPhone: optionalPhone,
    website: optionalUrl,
    serviceAreas: z.array(choice(serviceAreas)).max(serviceAreas.length).default([]),
    targetGroups: optionalLine(500).transform(splitList),
    workforceShare: z.preprocess(
      emptyToNull,
      z.coerce.number({ invalid_type_error: "form.percent" }).int("form.percent").min(0, "form.percent").max(100, "form.percent").nullable().default(null),
    ),
    workforceShareDate: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (value.workforceShare !== null && value.workforceShareDate === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["workforceShareDate"], message: "form.shareNeedsDate" });
    }
  });

export const capacityLineSchema = z
  .object({
    quantity: z.coerce
      .number({ invalid_type_error: "form.positiveInteger" })
      .int("form.positiveInteger")
      .min(1, "form.positiveInteger")
      .max(1_000_000, "form.positiveInteger"),
    period: choice(capacityPeriods),
    weekdays: z.array(z.coerce.number().int().min(1).max(7)).max(7).default([]),
    validFrom: optionalDate,
    validTo: optionalDate,
    sites: optionalLine(500).transform(sitesFromText),
  })
  .superRefine((value, ctx) => {
    if (value.period === "weekday" && value.weekdays.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["weekdays"], message: "form.weekdays" });
    }
    if (value.validFrom && value.validTo && value.validTo < value.validFrom) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["validTo"], message: "form.dateOrder" });
    }
  })
  .transform((value) => ({ ...value, weekdays: [...new Set(value.weekdays)].sort() }));
