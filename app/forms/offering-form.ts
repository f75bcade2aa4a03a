import { getZodConstraint } from "@conform-to/zod/v3";
import { z } from "zod";
import { choice, optionalText, requiredLine } from "../utils/forms";
import { cpvCodeField, withCpvChoice } from "./cpv-field";
import { offeringUnits } from "../domain/organisation";

/** The offering form: its CPV field takes a code or words (`cpvCodeField`). Server only, as the CPV vocabulary is. */
export const offeringSchema = z.preprocess(
  withCpvChoice,
  z.object({
    title: requiredLine(120),
    description: optionalText(2000),
    cpvCode: cpvCodeField,
    unit: choice(offeringUnits),
  }),
);

/** The limits of the offering form's inputs, sent to the page by the loader, as the schema stays on the server. */
export const offeringConstraint = getZodConstraint(offeringSchema);
