import { z } from "zod";
import { splitList } from "../domain/organisation";
import { isOneLine, requiredText } from "../utils/forms";

/** A participant's change to one of its commitments to a joint bid: which item, how many per delivery, on which days, to which sites. */
export const commitmentSchema = z.object({
  item: requiredText(200),
  quantity: z.coerce
    .number({ invalid_type_error: "form.positiveInteger" })
    .int("form.positiveInteger")
    .min(0, "form.positiveInteger")
    .max(1_000_000, "form.positiveInteger"),
  weekdays: z.array(z.coerce.number().int().min(1).max(7), { required_error: "form.weekdays" }).min(1, "form.weekdays").max(7),
  sites: z.string().max(1000, "form.tooLong").refine(isOneLine, "form.oneLine").default("").transform(splitList),
});
