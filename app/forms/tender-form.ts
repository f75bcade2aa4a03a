import { z } from "zod";
import { companySizes } from "../domain/tender/tender";
import { isVatRate, MAX_CONTRACT_VALUE_ORE, parseKronor, parsePercent, type KronorProblem, type VatRate } from "../domain/tender/money";
import { choice, isValidIsoDate, optionalText, requiredText } from "../utils/forms";
import { parseId } from "../utils/ids";

/**
 * Form schemas of the tender page and the award page; messages are locale keys, their variables
 * typed (decision 030). Amounts are typed in kronor and kept in öre (app/domain/tender/money.ts).
 */

const kronorMessages: Record<KronorProblem, string> = {
  required: "form.required",
  format: "form.kronor",
  decimals: "form.kronorDecimals",
  positive: "form.positiveAmount",
  tooLarge: "form.amountTooLarge",
};

const kronor = (maxOre?: number) =>
  z.string({ required_error: "form.required", invalid_type_error: "form.required" }).transform((value, ctx) => {
    const parsed = parseKronor(value, maxOre);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: kronorMessages[parsed.problem] });
      return z.NEVER;
    }
    return parsed.ore;
  });

/** An empty field is "no own payment": the price less the lead's share. */
const optionalKronor = z
  .string()
  .default("")
  .transform((value, ctx) => {
    if (value.trim() === "") return null;
    const parsed = parseKronor(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: kronorMessages[parsed.problem] });
      return z.NEVER;
    }
    return parsed.ore;
  });

const vatRate = z.string({ required_error: "form.vatRate" }).transform((value, ctx) => {
  const rate = value.trim() === "" ? NaN : Number(value);
  if (!isVatRate(rate)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.vatRate" });
    return z.NEVER;
  }
  return rate as VatRate;
});

const sharePercent = z.string({ required_error: "form.required" }).transform((value, ctx) => {
  const parsed = parsePercent(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.problem === "required" ? "form.required" : "form.sharePercent" });
    return z.NEVER;
  }
  return parsed.basisPoints;
});

const wholeNumber = (min: number, max: number) =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .refine((v) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, { message: "form.wholeNumberRange", params: { min, max } })
    .transform(Number);

/** The field names of the price form: a price and a VAT rate per line, the share, and a payment per participant and line. */
export const priceField = {
  price: (lineId: number) => `price-${lineId}`,
  vat: (lineId: number) => `vat-${lineId}`,
  payment: (organisationId: number, lineId: number) => `payment-${organisationId}-${lineId}`,
  share: "share",
} as const;

/** The price form of a bid with these demand lines and participants. */
export function priceFormSchema(lineIds: readonly number[], participantIds: readonly number[]) {
  const shape: Record<string, z.ZodTypeAny> = { [priceField.share]: sharePercent };
  for (const line of lineIds) {
    shape[priceField.price(line)] = kronor();
    shape[priceField.vat(line)] = vatRate;
    for (const org of participantIds) shape[priceField.payment(org, line)] = optionalKronor;
  }
  return z.object(shape).transform((values) => ({
    prices: lineIds.map((line) => ({
      demandLineId: line,
      unitPriceOre: values[priceField.price(line)] as number,
      vatRate: values[priceField.vat(line)] as VatRate,
    })),
    adminShareBasisPoints: values[priceField.share] as number,
    payments: participantIds.flatMap((org) =>
      lineIds.map((line) => ({ organisationId: org, demandLineId: line, unitPaymentOre: values[priceField.payment(org, line)] as number | null })),
    ),
  }));
}

export const termsSchema = z.object({
  groupName: requiredText(200),
  paymentDays: wholeNumber(0, 365),
  noticeMonths: wholeNumber(0, 60),
  substitutes: optionalText(500),
});

export const tenderDetailsSchema = z.object({
  organisationId: z.string().transform((v, ctx) => {
    const id = parseId(v);
    if (id === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.choose" });
      return z.NEVER;
    }
    return id;
  }),
  streetAddress: requiredText(200),
  postalCode: z
    .string({ required_error: "form.required" })
    .trim()
    .regex(/^\d{3} ?\d{2}$/, "form.postalCode")
    .transform((v) => `${v.replace(" ", "").slice(0, 3)} ${v.replace(" ", "").slice(3)}`),
  city: requiredText(100),
  companySize: choice(companySizes),
  signatoryName: requiredText(200),
  signatoryRole: requiredText(200),
});

/** "bid-12" (a joint bid) or "organisation-34" (a responding organisation). */
const winner = z.string({ required_error: "form.choose" }).transform((value, ctx) => {
  const match = /^(bid|organisation)-(\d{1,12})$/.exec(value);
  if (!match) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.choose" });
    return z.NEVER;
  }
  return match[1] === "bid" ? { kind: "bid" as const, bidId: Number(match[2]) } : { kind: "response" as const, organisationId: Number(match[2]) };
});

const isoDate = z.string({ required_error: "form.date" }).trim().refine(isValidIsoDate, "form.date");

export const awardSchema = z
  .object({
    winner,
    value: kronor(MAX_CONTRACT_VALUE_ORE),
    contractFrom: isoDate,
    contractTo: isoDate,
  })
  .superRefine((v, ctx) => {
    if (v.contractTo < v.contractFrom) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["contractTo"], message: "form.dateOrder" });
  });
