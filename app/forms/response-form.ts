import { getZodConstraint } from "@conform-to/zod/v3";
import { z } from "zod";
import { responseInterests } from "../domain/request";
import { choice, optionalText, requiredText } from "../utils/forms";

/**
 * The forms members and the buyer fill in on a request's page: an organisation's response, a
 * question, an answer. They read no CPV vocabulary, so the page takes their limits from here.
 */

/** A response's capacity per demand line and answer per question are named by their ids: `capacity.12`, `answers.7`. */
export type ResponseFormValues = {
  organisationId: string;
  interest: string;
  message: string;
  version: string;
  capacity: Record<string, string>;
  answers: Record<string, string>;
};

const rowId = z.string().regex(/^[1-9][0-9]{0,15}$/);

export const responseSchema = z.object({
  organisationId: z
    .string({ required_error: "form.choose" })
    .regex(/^[1-9][0-9]{0,15}$/, "form.choose")
    .transform(Number),
  interest: choice(responseInterests),
  message: optionalText(4000),
  version: z
    .string()
    .regex(/^[0-9]{1,9}$/)
    .transform(Number)
    .catch(0),
  capacity: z
    .record(
      rowId,
      z
        .string()
        .trim()
        .optional()
        .transform((v) => v || "0")
        .pipe(
          z
            .string()
            .regex(/^[0-9]{1,7}$/, "form.request.capacity")
            .transform(Number),
        ),
    )
    .default({}),
  answers: z.record(rowId, z.string().trim().max(4000, "form.tooLong").default("")).default({}),
});

export type ResponseInput = z.output<typeof responseSchema>;

export const questionSchema = z.object({ question: requiredText(2000) });
export const answerSchema = z.object({
  questionId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "form.required")
    .transform(Number),
  answer: requiredText(4000),
});

/** The limits of the response, question and answer forms' inputs. */
export const responseConstraint = getZodConstraint(responseSchema);
export const questionConstraint = getZodConstraint(questionSchema);
export const answerConstraint = getZodConstraint(answerSchema);
