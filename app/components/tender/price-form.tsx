import { Button, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { useMemo } from "react";
import { Form } from "react-router";
import { kronorText, paymentAfterShare, percentText, VAT_RATES } from "../../domain/tender/money";
import { priceField, priceFormSchema } from "../../forms/tender-form";
import type { LinePrice, TenderLine } from "../../domain/tender/prices";
import type { TenderTerms } from "../../domain/tender/tender";
import { useI18n } from "../../utils/use-i18n";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../form-fields";

/** What the price form shows of the tender page: the bid's lines and participants, and what is stored. */
interface PricePage {
  lines: TenderLine[];
  participants: { organisationId: number; name: string }[];
  prices: Record<number, LinePrice>;
  payments: Record<string, number>;
  terms: TenderTerms | null;
}

/**
 * The lead's price form: a price and a VAT rate per demand line, the lead's share, and each
 * participant's own payment per line (empty: the price less the share). Its fields are the bid's
 * lines and participants, so its schema and limits are made for them here, as the server does.
 */
export function PriceForm({ page, lastResult }: { page: PricePage; lastResult: FormReply | undefined }) {
  const { t, locale, money } = useI18n();
  const decimal = locale === "sv" ? "," : ".";
  const share = page.terms?.adminShareBasisPoints ?? 0;
  const lineIds = page.lines.map((l) => l.demandLineId);
  const participantIds = page.participants.map((p) => p.organisationId);
  const shape = `${lineIds.join()}|${participantIds.join()}`;
  const constraint = useMemo(() => getZodConstraint(priceFormSchema(lineIds, participantIds)), [shape]);
  const stored = storedPrices(page, decimal);
  const { form, fields } = useSchemaForm<Record<string, string>>({ id: "prices", constraint, lastResult, defaultValue: stored });
  const field = useSchemaFields("prices");
  const lineName = (l: TenderLine) => t("tender.line", { item: l.item, site: l.site });
  const labels: Record<string, string> = { [priceField.share]: t("tender.form.share") };
  for (const l of page.lines) {
    labels[priceField.price(l.demandLineId)] = `${lineName(l)}: ${t("tender.form.price")}`;
    labels[priceField.vat(l.demandLineId)] = `${lineName(l)}: ${t("tender.form.vat")}`;
    for (const p of page.participants)
      labels[priceField.payment(p.organisationId, l.demandLineId)] = t("tender.form.payment", { organisation: p.name, line: lineName(l) });
  }
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="bid-no-print">
      <FormErrorSummary errors={useReplyMessages(lastResult)} idPrefix="prices" labels={labels} />
      <Stack gap="md">
        {page.lines.map((l) => (
          <fieldset key={l.demandLineId} className="tender-fieldset">
            <legend>{lineName(l)}</legend>
            <Group align="start" gap="sm" wrap="wrap">
              <TextInput {...field(fields[priceField.price(l.demandLineId)])} label={t("tender.form.price")} inputMode="decimal" w={220} />
              <NativeSelect
                {...field(fields[priceField.vat(l.demandLineId)])}
                label={t("tender.form.vat")}
                data={[
                  { value: "", label: t("tender.form.vat.choose") },
                  ...VAT_RATES.map((r) => ({ value: String(r), label: t("tender.vatRate", { rate: r }) })),
                ]}
                w={200}
              />
            </Group>
          </fieldset>
        ))}
        <TextInput {...field(fields[priceField.share])} label={t("tender.form.share")} description={t("tender.form.share.hint")} inputMode="decimal" w={320} />
        <fieldset className="tender-fieldset">
          <legend>{t("tender.form.payments")}</legend>
          <Text size="sm" mb="xs">
            {t("tender.form.payments.hint")}
          </Text>
          <Stack gap="sm">
            {page.participants.map((p) => (
              <fieldset key={p.organisationId} className="tender-fieldset">
                <legend>{p.name}</legend>
                <Stack gap="xs">
                  {page.lines.map((l) => {
                    const price = page.prices[l.demandLineId];
                    return (
                      <TextInput
                        key={l.demandLineId}
                        {...field(fields[priceField.payment(p.organisationId, l.demandLineId)])}
                        label={t("tender.form.paymentLine", { line: lineName(l) })}
                        inputMode="decimal"
                        placeholder={price ? money(paymentAfterShare(price.unitPriceOre, share)) : undefined}
                        maw={420}
                      />
                    );
                  })}
                </Stack>
              </fieldset>
            ))}
          </Stack>
        </fieldset>
        <Button type="submit" name="intent" value="savePrices" w="fit-content">
          {t("tender.form.savePrices")}
        </Button>
      </Stack>
    </Form>
  );
}

/** The stored prices as the form shows them: kronor and the share written with the page's decimal sign. */
function storedPrices(page: PricePage, decimal: "," | "."): Record<string, string> {
  const values: Record<string, string> = { [priceField.share]: percentText(page.terms?.adminShareBasisPoints ?? 0, decimal) };
  for (const l of page.lines) {
    const price = page.prices[l.demandLineId];
    values[priceField.price(l.demandLineId)] = price ? kronorText(price.unitPriceOre, decimal) : "";
    values[priceField.vat(l.demandLineId)] = price ? String(price.vatRate) : "";
    for (const p of page.participants) {
      const payment = page.payments[`${p.organisationId}:${l.demandLineId}`];
      values[priceField.payment(p.organisationId, l.demandLineId)] = payment !== undefined ? kronorText(payment, decimal) : "";
    }
  }
  return values;
}
