import { Button, List, Stack, Textarea, TextInput } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form } from "react-router";
import { termsSchema } from "../../forms/tender-form";
import type { TenderTerms } from "../../domain/tender/tender";
import type { Translate } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../form-fields";

const constraint = getZodConstraint(termsSchema);

/** The consortium agreement's terms the lead sets: the group's name, payment days, notice and substitutes. */
export function TermsForm({ terms, lastResult }: { terms: TenderTerms; lastResult: FormReply | undefined }) {
  const { t } = useI18n();
  const stored = {
    groupName: terms.groupName,
    paymentDays: String(terms.paymentDays),
    noticeMonths: String(terms.noticeMonths),
    substitutes: terms.substitutes,
  };
  const { form, fields } = useSchemaForm<typeof stored>({ id: "terms", constraint, lastResult, defaultValue: stored });
  const field = useSchemaFields("terms");
  const labels = termLabels(t);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="bid-no-print">
      <FormErrorSummary errors={useReplyMessages(lastResult)} idPrefix="terms" labels={labels} />
      <Stack gap="sm">
        <TextInput {...field(fields.groupName)} label={labels.groupName} description={t("tender.form.groupName.hint")} />
        <TextInput {...field(fields.paymentDays)} label={labels.paymentDays} inputMode="numeric" maw={420} />
        <TextInput {...field(fields.noticeMonths)} label={labels.noticeMonths} inputMode="numeric" maw={420} />
        <Textarea {...field(fields.substitutes)} label={labels.substitutes} description={t("tender.form.substitutes.hint")} autosize minRows={2} />
        <Button type="submit" name="intent" value="saveTerms" w="fit-content">
          {t("tender.form.saveTerms")}
        </Button>
      </Stack>
    </Form>
  );
}

/** The terms as the participants read them, who may not change them. */
export function TermsList({ terms }: { terms: TenderTerms }) {
  const { t, number } = useI18n();
  const labels = termLabels(t);
  const rows: [string, string][] = [
    [labels.groupName, terms.groupName],
    [labels.paymentDays, number(terms.paymentDays)],
    [labels.noticeMonths, number(terms.noticeMonths)],
    ...(terms.substitutes ? [[labels.substitutes, terms.substitutes] as [string, string]] : []),
  ];
  return (
    <List size="sm">
      {rows.map(([label, value]) => (
        <List.Item key={label}>
          {label}: {value}
        </List.Item>
      ))}
    </List>
  );
}

function termLabels(t: Translate) {
  return {
    groupName: t("tender.form.groupName"),
    paymentDays: t("tender.form.paymentDays"),
    noticeMonths: t("tender.form.noticeMonths"),
    substitutes: t("tender.form.substitutes"),
  };
}
