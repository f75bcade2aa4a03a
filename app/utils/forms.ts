import { z } from "zod";
import { capacityPeriods, sitesFromText } from "../domain/capacity";
import { parseOrgNumber } from "../domain/org-number";
import { organisationKinds, serviceAreas, splitList } from "../domain/organisation";
import type { MessageKey, Translate } from "./i18n";

/**
 * Form schemas shared by the server (which decides) and the page (which shows the messages).
 * A message is a locale key, optionally with variables: "form.tooLong|max=200".
 */
export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function message(key: MessageKey, vars?: Record<string, string | number>): string {
  return vars ? `${key}|${new URLSearchParams(Object.entries(vars).map(([k, v]) => [k, String(v)]))}` : key;
}

/** Limits ("högst {max} tecken") are numbers, written the way the page writes numbers ("4 000"). */
const numericVariables = new Set(["max", "min"]);

export function translateMessage(t: Translate, encoded: string, number?: (value: number) => string): string {
  const [key, query] = encoded.split("|");
  if (!query) return t(key as MessageKey);
  const vars = Object.fromEntries(
    [...new URLSearchParams(query)].map(([name, value]) => [name, number && numericVariables.has(name) && /^\d+$/.test(value) ? number(Number(value)) : value]),
  );
  return t(key as MessageKey, vars);
}

/** FormData as a plain object; the named fields are read as lists (checkbox groups). */
export function formObject(formData: FormData, listFields: string[] = []): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    result[key] = listFields.includes(key) ? formData.getAll(key).map(String) : String(formData.get(key) ?? "");
  }
  for (const key of listFields) result[key] ??= [];
  return result;
}

/**
 * What the user typed, as strings, to put back into a form after a failed submit: every field of
 * `shape` (lists where the shape has a list), empty where nothing was sent.
 */
export function typedValues<T extends { [K in keyof T]: string | string[] }>(form: Record<string, unknown>, shape: T): T {
  const values: Record<string, string | string[]> = {};
  for (const [key, example] of Object.entries(shape) as [string, string | string[]][]) {
    const value = form[key];
    values[key] = Array.isArray(example)
      ? Array.isArray(value)
        ? value.map(String)
        : []
      : typeof value === "string"
        ? value
        : "";
  }
  return values as T;
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, input: Record<string, unknown>): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= issue.message.startsWith("form.") ? issue.message : "form.required";
  }
  return { ok: false, errors };
}

// --- Field types ---------------------------------------------------------------------------------

const text = () => z.string({ required_error: "form.required", invalid_type_error: "form.required" });

export const requiredText = (max: number) =>
  text().trim().min(1, "form.required").max(max, message("form.tooLong", { max }));

export const optionalText = (max: number) => z.string().trim().max(max, message("form.tooLong", { max })).default("");

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

export const optionalLine = (max: number) =>
  z.string().trim().max(max, message("form.tooLong", { max })).refine(isOneLine, "form.oneLine").default("");

/** An empty field becomes null. */
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

export const optionalEmail = z.preprocess(
  emptyToNull,
  text().trim().max(254, message("form.tooLong", { max: 254 })).email("form.email").nullable().default(null),
);

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
    .max(300, message("form.tooLong", { max: 300 }))
    .refine((v) => /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(v), "form.url")
    .nullable()
    .default(null),
);

export const optionalPhone = z.preprocess(
  emptyToNull,
  text().trim().regex(/^\+?[0-9 ()-]{6,20}$/, "form.phone").nullable().default(null),
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

export const email = text().trim().min(1, "form.required").max(254, message("form.tooLong", { max: 254 })).email("form.email");

export const password = z
  .string({ required_error: "form.required" })
  .min(8, message("form.tooShort", { min: 8 }))
  .max(128, message("form.tooLong", { max: 128 }));

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
  email: text().trim().min(1, "form.required").max(254, message("form.tooLong", { max: 254 })),
  password: z.string({ required_error: "form.required" }).min(1, "form.required").max(1024, message("form.tooLong", { max: 1024 })),
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
      z.coerce
        .number({ invalid_type_error: "form.percent" })
        .int("form.percent")
        .min(0, "form.percent")
        .max(100, "form.percent")
        .nullable()
        .default(null),
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
