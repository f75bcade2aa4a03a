import { NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import type { Constraint } from "@conform-to/dom";
import type { ReactNode } from "react";
import { Form } from "react-router";
import type { CpvCode } from "../domain/cpv-code";
import { offeringUnits } from "../domain/organisation";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { CpvField } from "./cpv-field";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";

export type OfferingFormValues = {
  title: string;
  description: string;
  cpvCode: string;
  unit: string;
};

/**
 * The offering form: title, description, CPV code and unit. Its schema (`offeringSchema`) reads
 * the CPV vocabulary and stays on the server, so the loader sends its limits (`constraint`). The
 * CPV field (`CpvField`) suggests codes as you type, and works without JavaScript; `cpvChoices` are
 * the codes the server offers after words that fit several.
 */
export function OfferingForm({
  intent,
  constraint,
  lastResult,
  defaultValue,
  cpvChoices,
  children,
}: {
  /** The page's intent for this form, where the page has several. */
  intent?: string;
  constraint: Record<string, Constraint>;
  lastResult: FormReply | undefined;
  defaultValue: OfferingFormValues;
  cpvChoices?: CpvCode[];
  /** The buttons. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm<OfferingFormValues>({ id: "offering", constraint, lastResult, defaultValue });
  const field = useSchemaFields("offering");
  const errors = useReplyMessages(lastResult);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
      {intent && <input type="hidden" name="intent" value={intent} />}
      <FormErrorSummary errors={errors} idPrefix="offering" labels={offeringFieldLabels(t)} />
      <Stack gap="md">
        <TextInput {...field(fields.title)} label={t("offering.title")} />
        <Textarea {...field(fields.description)} label={t("offering.description")} autosize minRows={3} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CpvField {...field(fields.cpvCode)} label={t("offering.cpv")} description={t("offering.cpvHint")} choices={cpvChoices} />
          <NativeSelect
            {...field(fields.unit)}
            label={t("offering.unit")}
            data={offeringUnits.map((u) => ({ value: u, label: t(`unit.${u}` as MessageKey) }))}
          />
        </SimpleGrid>
      </Stack>
      {children}
    </Form>
  );
}

/** The fields' labels by name, for the error summary. */
export function offeringFieldLabels(t: Translate): Record<string, string> {
  return { title: t("offering.title"), description: t("offering.description"), cpvCode: t("offering.cpv"), unit: t("offering.unit") };
}

export const emptyOfferingValues: OfferingFormValues = { title: "", description: "", cpvCode: "", unit: "portions" };
