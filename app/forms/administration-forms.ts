import { z } from "zod";
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
