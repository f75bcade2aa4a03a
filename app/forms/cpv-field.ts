import { z } from "zod";
import type { FormMessage } from "../utils/forms";
import { findCpvCode, type CpvCode } from "../domain/cpv";
import { resolveCpvCode, searchCpvCodes } from "../domain/cpv-search";

/**
 * The CPV field of the offering and request forms: a code ("50116000-1", with or without its
 * check digit, or a suggestion's "15894200-3 Färdiglagad mat") or words ("sallad"), resolved to one
 * code on the server. Words that fit several codes ask the user to choose among them.
 */
export const cpvCodeField = z
  .string({ required_error: "form.cpv", invalid_type_error: "form.cpv" })
  .trim()
  .min(1, "form.cpv")
  .max(200, "form.tooLong")
  .transform((text, ctx) => {
    const resolved = resolveCpvCode(text);
    if (resolved.ok) return resolved.code;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: resolved.suggestions.length ? "form.cpvChoose" : "form.cpvNone" });
    return z.NEVER;
  });

/**
 * A demand line's own CPV code, for what it delivers when that is more than the request's code
 * says: optional, and otherwise read like the CPV field. Words that fit several codes ask for the
 * code, as a line has no list of choices of its own.
 */
export const optionalCpvCodeField = z
  .string({ invalid_type_error: "form.cpv" })
  .default("")
  .transform((text, ctx) => {
    const typed = text.trim();
    if (!typed) return null;
    const resolved = typed.length > 200 ? { ok: false as const, suggestions: [] } : resolveCpvCode(typed);
    if (resolved.ok) return resolved.code;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: resolved.suggestions.length ? "form.cpv" : "form.cpvNone" });
    return z.NEVER;
  });

/** Before a form's schema: a suggestion picked under the field (`cpvChoice`) stands for what was typed. */
export function withCpvChoice(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const choice = (input as { cpvChoice?: unknown }).cpvChoice;
  return typeof choice === "string" && findCpvCode(choice) ? { ...input, cpvCode: choice } : input;
}

/** The codes to choose from, after a form's CPV words fitted several (the field's `message`): shown under the field. */
export function cpvChoices(message: FormMessage | undefined, typed: string): CpvCode[] {
  return message?.key === "form.cpvChoose" ? searchCpvCodes(typed).slice(0, 8) : [];
}
