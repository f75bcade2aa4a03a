import type { z } from "zod";
import { parseSubmission, type BoundedLists, type FormMessage } from "../../app/utils/forms";

/** Fields as the browser posts them: a list as one entry per value (a checkbox group), nothing for an empty one. */
export function formData(fields: Record<string, string | readonly string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  return form;
}

/**
 * A form read as the server reads it (`parseSubmission`): the schema's output, or the first message
 * of each field by the name Conform gives it (`serviceAreas[0]`), as the page shows them.
 */
export function readForm<S extends z.ZodTypeAny>(form: FormData, schema: S, lists?: BoundedLists) {
  const submission = parseSubmission(form, schema, lists);
  if (submission.status === "success") return { ok: true as const, data: submission.value as z.output<S> };
  const errors: Record<string, FormMessage> = {};
  for (const [name, messages] of Object.entries(submission.error ?? {})) if (messages?.[0]) errors[name] = messages[0];
  return { ok: false as const, errors };
}

/** `readForm` of fields as the browser posts them. */
export const readFields = <S extends z.ZodTypeAny>(schema: S, fields: Record<string, string | readonly string[]>) => readForm(formData(fields), schema);
