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
