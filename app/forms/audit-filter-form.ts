import { z } from "zod";
import { stockholmLocalToUtc } from "../domain/lund-time";

/**
 * The audit log's filter (a GET form): a module of its own, as its messages are the security
 * catalogue's, which only the audit log's page downloads.
 */

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
