import { NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import type { ReactNode } from "react";
import { Form } from "react-router";
import { capacityLineSchema } from "../utils/forms";
import type { Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";
import { WeekdayCheckboxes } from "./weekday-checkboxes";

export type CapacityLineFormValues = {
  quantity: string;
  period: string;
  weekdays: string[];
  validFrom: string;
  validTo: string;
  sites: string;
};

export const emptyCapacityLine: CapacityLineFormValues = {
  quantity: "",
  period: "weekday",
  // No day ticked in advance: a line saved with days the user never chose is worse than an error.
  weekdays: [],
  validFrom: "",
  validTo: "",
  sites: "",
};

const constraint = getZodConstraint(capacityLineSchema);

/**
 * One capacity line's form: how much, per weekday or week, on which days, when, and where. Its
 * limits come from `capacityLineSchema`, its messages and what was typed from the action's reply.
 * Several are on one page, each with its own `idPrefix` ("line-12", "line-new").
 */
export function CapacityLineForm({
  idPrefix,
  lastResult,
  defaultValue,
  unitLabel,
  before,
  children,
}: {
  idPrefix: string;
  lastResult: FormReply | undefined;
  defaultValue: CapacityLineFormValues;
  unitLabel: string;
  /** Shown under the error summary, above the fields (the bids a refused cut concerns). */
  before?: ReactNode;
  /** The hidden fields and buttons. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm<CapacityLineFormValues>({ id: idPrefix, constraint, lastResult, defaultValue });
  const field = useSchemaFields(idPrefix);
  const errors = useReplyMessages(lastResult);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
      <FormErrorSummary errors={errors} idPrefix={idPrefix} labels={capacityFieldLabels(t, unitLabel)} />
      {before}
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...field(fields.quantity)} label={`${t("capacity.quantity")} (${unitLabel})`} inputMode="numeric" />
          <NativeSelect
            {...field(fields.period)}
            label={t("offering.period")}
            data={[
              { value: "weekday", label: t("capacity.perWeekday") },
              { value: "week", label: t("capacity.perWeek") },
            ]}
          />
        </SimpleGrid>
        <WeekdayCheckboxes idPrefix={idPrefix} field={fields.weekdays} label={t("offering.weekdays")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...field(fields.validFrom)} type="date" label={t("capacity.validFrom")} />
          <TextInput {...field(fields.validTo)} type="date" label={t("capacity.validTo")} />
        </SimpleGrid>
        <TextInput {...field(fields.sites)} label={t("capacity.sites")} description={t("offering.sitesHint")} />
      </Stack>
      {children}
    </Form>
  );
}

/** The fields' labels by name, for the error summary. */
export function capacityFieldLabels(t: Translate, unitLabel: string): Record<string, string> {
  return {
    quantity: `${t("capacity.quantity")} (${unitLabel})`,
    period: t("offering.period"),
    weekdays: t("offering.weekdays"),
    validFrom: t("capacity.validFrom"),
    validTo: t("capacity.validTo"),
    sites: t("capacity.sites"),
  };
}
