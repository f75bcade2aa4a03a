import { z } from "zod";
import { stockholmLocalToUtc } from "../domain/lund-time";
import { roleNames } from "../domain/roles";
import { choice, email, requiredText } from "../utils/forms";
import { parseId } from "../utils/ids";

/**
 * The forms of the people who run the network (administration, coordination, an organisation's
 * members): their schemas, which the server parses with and the pages take their inputs' limits from.
 */

/** A role given or taken: the buttons' hidden fields, so a failure is a forged request, not a typing error. */
export const roleChangeSchema = z.object({ userId: z.string().min(1), role: choice(roleNames) });

/** A member an owner decides on (approve, reject, remove): the buttons' hidden field. */
export const memberSchema = z.object({ userId: z.string().min(1) });

export const memberRoleSchema = memberSchema.extend({ role: choice(["owner", "editor"] as const) });

const day = z
  .string()
  .trim()
  .refine((v) => v === "" || stockholmLocalToUtc(`${v}T00:00`) !== null, "form.date");

/** The audit log's filters as typed in the query: what is not one of the choices is left out, a date that is not one is said so. */
export const auditFilterSchema = z
  .object({
    organisation: z.string().default(""),
    person: z.string().default(""),
    kind: z.string().default(""),
    from: day.default(""),
    to: day.default(""),
  })
  .superRefine((v, ctx) => {
    if (v.from !== "" && v.to !== "" && v.to < v.from) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "security.auditFilterToBeforeFrom" });
  });

export const auditFilterNames = ["organisation", "person", "kind", "from", "to"] as const;

/** Why a coordinator turns an application down: the applicants read it in their e-mail. */
export const rejectApplicationSchema = z.object({ reason: requiredText(1000) });

/** An organisation picked from a list: a missing choice is a message, not a 404. */
const chosenOrganisation = z
  .string({ required_error: "form.choose" })
  .refine((v) => parseId(v) !== null, "form.choose")
  .transform((v) => parseId(v)!);

/** A coordinator names an owner for an organisation by e-mail. */
export const appointOwnerSchema = z.object({ organisationId: chosenOrganisation, email });

/** Someone asks to join an organisation; its owners (or the coordinators) decide. */
export const joinOrganisationSchema = z.object({ organisationId: chosenOrganisation });
